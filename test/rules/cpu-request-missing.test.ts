import rule from '../../rules/cpu-request-missing.js';
import { ruleTester } from '../rule-tester.js';

const missing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { container }, line, column, endLine: line, endColumn });

ruleTester(rule, {
  valid: [
    { name: 'requests on app and init containers, Job, limits only, pod-level resources, ephemeral container', fixture: 'valid.yaml' },
    {
      name: 'Argo Rollout with a flow-style request',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1.0.0\n          resources: {requests: {cpu: 100m}}\n',
    },
    {
      name: 'a kind without a pod template is not checked',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  resources: none\n',
    },
  ],
  invalid: [
    {
      name: 'init container, memory-only requests, flow-style limits, empty resources, empty cpu value',
      fixture: 'invalid.yaml',
      errors: [
        missing('migrate', 13, 11, 24),
        missing('api', 19, 13, 21),
        missing('agent', 43, 22, 47),
        missing('report', 59, 26, 28),
        missing('shell', 71, 9, 12),
      ],
    },
    {
      name: 'flow-style container without resources in a ReplicaSet',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
      errors: [missing('web', 7, 20, 51)],
    },
    {
      name: 'a pod-level memory budget does not cover CPU',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  resources: {limits: {memory: 1Gi}}\n  containers:\n    - name: solo\n      image: solo:1.0.0\n',
      errors: [missing('solo', 7, 7, 17)],
    },
  ],
});
