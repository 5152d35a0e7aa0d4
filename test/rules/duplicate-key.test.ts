import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const duplicate = (key: string, line: number, column: number, endColumn: number) => ({ messageId: 'duplicate', data: { key }, line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['duplicate-key'], {
  valid: [{ name: 'same key in different mappings', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'a second env list silently replacing the first',
      fixture: 'invalid.yaml',
      errors: [duplicate('env', 16, 11, 14)],
    },
    {
      name: 'quoted duplicate in a flow mapping, and the later document still parsed',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, "name": b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: "1"\n  x: "2"\n',
      errors: [duplicate('name', 3, 21, 27), duplicate('x', 11, 3, 4)],
    },
  ],
});
