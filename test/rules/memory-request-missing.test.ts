import rule from '../../rules/memory-request-missing.js';
import { ruleTester } from '../rule-tester.js';

const missing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { container }, line, column, endLine: line, endColumn });

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
        missing('proxy', 17, 23, 33),
        missing('api', 22, 13, 21),
        missing('exporter', 45, 11, 25),
        missing('import', 57, 88, 99),
      ],
    },
    {
      name: 'a pod-level CPU budget does not cover memory',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  resources: {requests: {cpu: "1"}}\n  containers:\n    - name: solo\n      image: solo:1.0.0\n      resources:\n        limits: {cpu: "1"}\n',
      errors: [missing('solo', 9, 7, 16)],
    },
  ],
});
