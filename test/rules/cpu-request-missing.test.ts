import rule from '../../rules/cpu-request-missing.js';
import { ruleTester } from '../rule-tester.js';

const message = (container: string) =>
  `Container "${container}" has no CPU request, so the scheduler treats it as needing no CPU and it can be starved on a busy node. Set resources.requests.cpu (for example "250m").`;

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
        { message: message('migrate'), line: 13, column: 11, endLine: 13, endColumn: 24 },
        { message: message('api'), line: 19, column: 13, endLine: 19, endColumn: 21 },
        { message: message('agent'), line: 43, column: 22, endLine: 43, endColumn: 47 },
        { message: message('report'), line: 59, column: 26, endLine: 59, endColumn: 28 },
        { message: message('shell'), line: 71, column: 9, endLine: 71, endColumn: 12 },
      ],
    },
    {
      name: 'flow-style container without resources in a ReplicaSet',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
      errors: [{ message: message('web'), line: 7, column: 20, endLine: 7, endColumn: 51 }],
    },
    {
      name: 'a pod-level memory budget does not cover CPU',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  resources: {limits: {memory: 1Gi}}\n  containers:\n    - name: solo\n      image: solo:1.0.0\n',
      errors: [{ message: message('solo'), line: 7, column: 7, endLine: 7, endColumn: 17 }],
    },
  ],
});
