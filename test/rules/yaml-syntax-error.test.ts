import rule from '../../rules/yaml-syntax-error.js';
import { ruleTester } from '../rule-tester.js';

const message = (detail: string) => `YAML syntax error: ${detail}. Fix it here; this document was not checked further.`;

ruleTester(rule, {
  valid: [
    { name: 'quotes, flow collections and a block scalar holding ---', fixture: 'valid.yaml' },
    { name: 'JSON manifest', code: '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}\n' },
  ],
  invalid: [
    {
      name: 'unclosed quote and unclosed flow sequence, shown where they open; the document between is still read',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('Missing closing "quote'), line: 6, column: 9, endLine: 6, endColumn: 10 },
        {
          message: message('Flow sequence in block collection must be sufficiently indented and end with a ]'),
          line: 18,
          column: 10,
          endLine: 18,
          endColumn: 11,
        },
      ],
    },
    {
      name: 'a tab used for indentation',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: settings\n',
      errors: [{ message: message('Tabs are not allowed as indentation'), line: 4, column: 1 }],
    },
  ],
});
