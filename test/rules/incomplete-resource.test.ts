import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const missing = (kind: string, fields: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { kind, fields }, line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['incomplete-resource'], {
  valid: [{ name: 'named, generateName, Kustomization and a values file', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'missing name, missing apiVersion, missing metadata',
      fixture: 'invalid.yaml',
      errors: [missing('ConfigMap', 'metadata.name', 3, 1, 9), missing('Secret', 'apiVersion', 9, 1, 13), missing('Service', 'metadata.name', 14, 1, 5)],
    },
    {
      name: 'an item of a List without a name',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      namespace: shop\n',
      errors: [missing('ConfigMap', 'metadata.name', 6, 5, 13)],
    },
  ],
});
