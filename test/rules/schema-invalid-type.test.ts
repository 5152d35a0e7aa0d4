import rule from '../../rules/schema-invalid-type.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const type = (field: string, expected: string, actual: string, line: number, column: number, endColumn: number) => ({ messageId: 'type', data: { field, expected, actual }, ...at(line, column, endColumn) });
const quote = (field: string, actual: string, line: number, column: number, endColumn: number) => ({ messageId: 'quote', data: { field, actual }, ...at(line, column, endColumn) });
const format = (field: string, actual: string, expected: string, line: number, column: number, endColumn: number) => ({ messageId: 'format', data: { field, actual, expected }, ...at(line, column, endColumn) });

const QUANTITY = 'a Kubernetes quantity such as "500m", "256Mi" or "10Gi"';

ruleTester(rule, {
  valid: [
    { name: 'every value in its type, int-or-string both ways, quantities as numbers and strings, base64 data, envsubst placeholders', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'a container quantity that does not parse is invalid-quantity\'s to explain',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources: {limits: {memory: 512MB}}\n',
    },
  ],
  invalid: [
    {
      name: 'strings for integers and booleans, numbers for strings, a string for a list, bad quantities, bad base64, a float count, an int32 overflow',
      fixture: 'invalid.yaml',
      errors: [
        quote('metadata.labels.version', 'the number 1.2', 7, 14, 18),
        type('spec.replicas', 'an integer', 'the string "3"', 9, 13, 16),
        type('spec.template.spec.containers[0].args', 'a list', 'the string "--verbose"', 19, 17, 26),
        quote('spec.template.spec.containers[0].env[0].value', 'the number 8080', 22, 22, 26),
        quote('spec.template.spec.containers[0].env[1].value', 'the boolean true', 24, 22, 26),
        type('spec.template.spec.containers[0].ports[0].containerPort', 'an integer', 'the string "8080"', 26, 30, 36),
        type('spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', 'true or false', 'the string "true"', 28, 37, 43),
        format('spec.template.spec.volumes[0].emptyDir.sizeLimit', 'the string "1 GB"', QUANTITY, 33, 33, 37),
        format('data.password', 'the string "hunter2"', 'valid base64', 41, 13, 20),
        format('spec.resources.requests.storage', 'the string "10GB"', QUANTITY, 50, 25, 29),
        type('spec.backoffLimit', 'an integer', 'the number 2.5', 57, 17, 20),
        format('spec.parallelism', 'the number 3000000000', 'a 32-bit integer (from -2147483648 to 2147483647)', 58, 16, 26),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [type('spec.replicas', 'an integer', 'the string "3"', 6, 13, 16), quote('spec.template.spec.containers[0].env[0].value', 'the number 8080', 18, 22, 26)],
    },
    {
      name: 'a mapping where a list is expected is one finding, not one per field inside it',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    name: app\n    image: app:1.0.0\n',
      errors: [type('spec.containers', 'a list', 'a mapping', 5, 3, 13)],
    },
    {
      name: 'a float where an int-or-string is expected, and an RFC 3339 time that is not one',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, creationTimestamp: yesterday}\nspec:\n  selector: {matchLabels: {app: web}}\n  strategy: {rollingUpdate: {maxUnavailable: 0.5}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
      errors: [
        format('metadata.creationTimestamp', 'the string "yesterday"', 'an RFC 3339 date and time such as "2024-01-31T12:00:00Z"', 3, 42, 51),
        type('spec.strategy.rollingUpdate.maxUnavailable', 'an integer or a string', 'the number 0.5', 6, 46, 49),
      ],
    },
  ],
});
