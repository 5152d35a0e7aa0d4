import rule from '../../rules/request-exceeds-limit.js';
import { ruleTester } from '../rule-tester.js';

const message = (container: string, resource: string, request: string, limit: string) =>
  `Container "${container}" requests ${resource} ${request}, above its limit of ${limit}: the API server rejects the pod, so none is ever created. Lower the request to ${limit} or less, or raise the limit.`;

ruleTester(rule, {
  valid: [
    { name: 'equal amounts in different forms, limits only, request without a limit, extended resource', fixture: 'valid.yaml' },
    {
      name: 'values that do not parse are left to invalid-quantity',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {memory: 2GB}\n        limits: {memory: 1Gi}\n',
    },
    {
      name: 'a decimal request just under a binary limit',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {memory: 1073741824}\n        limits: {memory: 1Gi}\n',
    },
  ],
  invalid: [
    {
      name: 'init container, memory and storage in mixed units, flow-style StatefulSet, GPU in a CronJob',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('migrate', 'cpu', '500m', '250m'), line: 16, column: 29, endLine: 16, endColumn: 33 },
        { message: message('api', 'memory', '2Gi', '1536Mi'), line: 24, column: 23, endLine: 24, endColumn: 28 },
        { message: message('api', 'ephemeral-storage', '2Gi', '1G'), line: 25, column: 34, endLine: 25, endColumn: 37 },
        { message: message('postgres', 'cpu', '2', '1'), line: 53, column: 39, endLine: 53, endColumn: 42 },
        { message: message('train', 'nvidia.com/gpu', '2', '1'), line: 71, column: 35, endLine: 71, endColumn: 36 },
      ],
    },
    {
      name: 'one byte over, decimal against binary',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {memory: 1073741825}\n        limits: {memory: 1Gi}\n',
      errors: [{ message: message('app', 'memory', '1073741825', '1Gi'), line: 9, column: 28, endLine: 9, endColumn: 38 }],
    },
  ],
});
