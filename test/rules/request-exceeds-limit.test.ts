import rule from '../../rules/request-exceeds-limit.js';
import { ruleTester } from '../rule-tester.js';

const exceeds = (container: string, resource: string, request: string, limit: string, line: number, column: number, endColumn: number) => ({ messageId: 'exceeds', data: { container, resource, request, limit }, line, column, endLine: line, endColumn });

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
        exceeds('migrate', 'cpu', '500m', '250m', 16, 29, 33),
        exceeds('api', 'memory', '2Gi', '1536Mi', 24, 23, 28),
        exceeds('api', 'ephemeral-storage', '2Gi', '1G', 25, 34, 37),
        exceeds('postgres', 'cpu', '2', '1', 53, 39, 42),
        exceeds('train', 'nvidia.com/gpu', '2', '1', 71, 35, 36),
      ],
    },
    {
      name: 'one byte over, decimal against binary',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {memory: 1073741825}\n        limits: {memory: 1Gi}\n',
      errors: [exceeds('app', 'memory', '1073741825', '1Gi', 9, 28, 38)],
    },
  ],
});
