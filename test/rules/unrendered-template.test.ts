import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const unrendered = (line: number, column: number, endColumn: number) => ({ messageId: 'unrendered', line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['unrendered-template'], {
  valid: [{ name: 'Prometheus and injector templates carried as data in rendered output', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'template actions in a name, a quoted value and a control line',
      fixture: 'invalid.yaml',
      errors: [
        unrendered(4, 9, 28),
        unrendered(13, 9, 37),
        unrendered(15, 1, 34),
      ],
    },
    {
      name: 'a whole unquoted value that parses as a flow mapping',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: {{ .Values.mode }}\n',
      errors: [unrendered(6, 9, 27)],
    },
  ],
});
