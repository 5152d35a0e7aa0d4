import rule from '../../rules/memory-limit-missing.js';
import { ruleTester } from '../rule-tester.js';

const message = (container: string) =>
  `Container "${container}" has no memory limit, so it can use all of the node's memory and get other pods OOM-killed or evicted. Set resources.limits.memory (for example "512Mi").`;

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
        { message: message('migrate'), line: 15, column: 11, endLine: 15, endColumn: 20 },
        { message: message('api'), line: 24, column: 13, endLine: 24, endColumn: 19 },
        { message: message('shipper'), line: 41, column: 22, endLine: 41, endColumn: 59 },
        { message: message('reloader'), line: 42, column: 11, endLine: 42, endColumn: 25 },
        { message: message('cleanup'), line: 61, column: 19, endLine: 61, endColumn: 25 },
      ],
    },
    {
      name: 'a memory request is not a limit, even when it equals the pod-level request',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  resources: {requests: {memory: 1Gi}}\n  containers:\n    - name: solo\n      image: solo:1.0.0\n      resources:\n        requests:\n          memory: 1Gi\n',
      errors: [{ message: message('solo'), line: 9, column: 7, endLine: 9, endColumn: 16 }],
    },
  ],
});
