import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const syntax = (detail: string, line: number, column: number, endColumn: number) => ({ messageId: 'syntax', data: { detail }, line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['yaml-syntax-error'], {
  valid: [
    { name: 'quotes, flow collections and a block scalar holding ---', fixture: 'valid.yaml' },
    { name: 'JSON manifest', code: '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}\n' },
  ],
  invalid: [
    {
      name: 'unclosed quote and unclosed flow sequence, shown where they open; the document between is still read',
      fixture: 'invalid.yaml',
      errors: [
        syntax('Missing closing "quote', 6, 9, 10),
        syntax('Flow sequence in block collection must be sufficiently indented and end with a ]', 18, 10, 11),
      ],
    },
    {
      name: 'a tab used for indentation',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: settings\n',
      errors: [syntax('Tabs are not allowed as indentation', 4, 1, 2)],
    },
  ],
});
