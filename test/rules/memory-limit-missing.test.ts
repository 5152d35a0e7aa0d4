import rule from '../../rules/memory-limit-missing.js';
import { ruleTester } from '../rule-tester.js';

const missing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { container }, line, column, endLine: line, endColumn });

ruleTester(rule, {
  valid: [
    { name: 'limits on app and init containers, Job, pod-level limit', fixture: 'valid.yaml' },
    {
      name: 'Argo Rollout with a flow-style limit',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0", resources: {limits: {memory: 256Mi}}}]\n',
    },
  ],
  invalid: [
    {
      name: 'init container with requests only, cpu-only limits, flow-style requests, no resources, empty memory value',
      fixture: 'invalid.yaml',
      errors: [
        missing('migrate', 15, 11, 20),
        missing('api', 24, 13, 19),
        missing('shipper', 41, 22, 59),
        missing('reloader', 42, 11, 25),
        missing('cleanup', 61, 19, 25),
      ],
    },
    {
      name: 'a memory request is not a limit, even when it equals the pod-level request',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  resources: {requests: {memory: 1Gi}}\n  containers:\n    - name: solo\n      image: solo:1.0.0\n      resources:\n        requests:\n          memory: 1Gi\n',
      errors: [missing('solo', 9, 7, 16)],
    },
  ],
});
