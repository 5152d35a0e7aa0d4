import rule from '../../rules/memory-request-missing.js';
import { ruleTester } from '../rule-tester.js';

const message = (container: string) =>
  `Container "${container}" has no memory request, so it can be scheduled onto a node without memory for it and is among the first evicted when memory runs short. Set resources.requests.memory (for example "256Mi").`;

ruleTester(rule, {
  valid: [
    { name: 'requests on app and init containers, Job, limits only in a CronJob, pod-level limit', fixture: 'valid.yaml' },
    {
      name: 'ephemeral containers cannot have resources',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources: {requests: {memory: 64Mi}}\n  ephemeralContainers:\n    - name: debugger\n      image: busybox:1.36\n',
    },
  ],
  invalid: [
    {
      name: 'sidecar init container, cpu-only resources, second container without resources, flow-style container',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('proxy'), line: 17, column: 23, endLine: 17, endColumn: 33 },
        { message: message('api'), line: 22, column: 13, endLine: 22, endColumn: 21 },
        { message: message('exporter'), line: 45, column: 11, endLine: 45, endColumn: 25 },
        { message: message('import'), line: 57, column: 88, endLine: 57, endColumn: 99 },
      ],
    },
    {
      name: 'a pod-level CPU budget does not cover memory',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  resources: {requests: {cpu: "1"}}\n  containers:\n    - name: solo\n      image: solo:1.0.0\n      resources:\n        limits: {cpu: "1"}\n',
      errors: [{ message: message('solo'), line: 9, column: 7, endLine: 9, endColumn: 16 }],
    },
  ],
});
