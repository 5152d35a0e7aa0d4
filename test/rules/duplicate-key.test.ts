import rule from '../../rules/duplicate-key.js';
import { ruleTester } from '../rule-tester.js';

const message = (key: string) => `Key "${key}" appears twice in this mapping; Kubernetes keeps only the last one. Merge them into one entry.`;

ruleTester(rule, {
  valid: [{ name: 'same key in different mappings', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'a second env list silently replacing the first',
      fixture: 'invalid.yaml',
      errors: [{ message: message('env'), line: 16, column: 11, endLine: 16, endColumn: 14 }],
    },
    {
      name: 'quoted duplicate in a flow mapping, and the later document still parsed',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, "name": b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: "1"\n  x: "2"\n',
      errors: [
        { message: message('name'), line: 3, column: 21, endLine: 3, endColumn: 27 },
        { message: message('x'), line: 11, column: 3, endLine: 11, endColumn: 4 },
      ],
    },
  ],
});
