import rule from '../../rules/incomplete-resource.js';
import { ruleTester } from '../rule-tester.js';

const message = (kind: string, fields: string) => `${kind} is missing ${fields}; the API server rejects it. Add the missing fields.`;

ruleTester(rule, {
  valid: [{ name: 'named, generateName, Kustomization and a values file', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'missing name, missing apiVersion, missing metadata',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('ConfigMap', 'metadata.name'), line: 3, column: 1, endLine: 3, endColumn: 9 },
        { message: message('Secret', 'apiVersion'), line: 9, column: 1, endLine: 9, endColumn: 13 },
        { message: message('Service', 'metadata.name'), line: 14, column: 1, endLine: 14, endColumn: 5 },
      ],
    },
    {
      name: 'an item of a List without a name',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      namespace: shop\n',
      errors: [{ message: message('ConfigMap', 'metadata.name'), line: 6, column: 5, endLine: 6, endColumn: 13 }],
    },
  ],
});
