import rule from '../../rules/unrendered-template.js';
import { ruleTester } from '../rule-tester.js';

const message = 'Unrendered template placeholder here; lint the rendered output (for Helm: `helm template … | kubegate -`) instead of the template.';

ruleTester(rule, {
  valid: [{ name: 'Prometheus and injector templates carried as data in rendered output', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'template actions in a name, a quoted value and a control line',
      fixture: 'invalid.yaml',
      errors: [
        { message, line: 4, column: 9, endLine: 4, endColumn: 28 },
        { message, line: 13, column: 9, endLine: 13, endColumn: 37 },
        { message, line: 15, column: 1, endLine: 15, endColumn: 34 },
      ],
    },
    {
      name: 'a whole unquoted value that parses as a flow mapping',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: {{ .Values.mode }}\n',
      errors: [{ message, line: 6, column: 9, endLine: 6, endColumn: 27 }],
    },
  ],
});
