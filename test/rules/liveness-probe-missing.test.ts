import rule from '../../rules/liveness-probe-missing.js';
import { ruleTester } from '../rule-tester.js';

const message = (container: string) =>
  `Container "${container}" has no livenessProbe, so the kubelet never restarts it when it hangs. Add a livenessProbe that fails only when the process is stuck.`;

ruleTester(rule, {
  valid: [
    { name: 'probed app container and sidecar, plain init container, StatefulSet, Job and CronJob', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: rule.meta.example.valid },
    {
      name: 'a Job whose template nests a sidecar without probes',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: load}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n        - {name: proxy, image: "proxy:1.9.0", restartPolicy: Always}\n      containers:\n        - {name: load, image: "load:1.0.0"}\n',
    },
  ],
  invalid: [
    {
      name: 'sidecar and one of two app containers, StatefulSet, DaemonSet in flow style, Pod',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('proxy'), line: 13, column: 11, endLine: 13, endColumn: 22 },
        { message: message('metrics'), line: 23, column: 11, endLine: 23, endColumn: 24 },
        { message: message('queue'), line: 39, column: 11, endLine: 39, endColumn: 46 },
        { message: message('agent'), line: 54, column: 20, endLine: 54, endColumn: 77 },
        { message: message('shell'), line: 62, column: 5, endLine: 62, endColumn: 16 },
      ],
    },
    {
      name: 'the documented invalid example',
      code: rule.meta.example.invalid,
      errors: [{ message: message('web'), line: 13, column: 11, endLine: 13, endColumn: 20 }],
    },
    {
      name: 'ReplicaSet container without a name',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  template:\n    spec:\n      containers:\n        - image: web:1.0.0\n',
      errors: [{ message: message('#0'), line: 8, column: 11, endLine: 8, endColumn: 27 }],
    },
  ],
});
