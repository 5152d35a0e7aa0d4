import rule from '../../rules/liveness-probe-missing.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const missing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { container }, line, column, endLine: line, endColumn });

ruleTester(rule, {
  valid: [
    { name: 'probed app container and sidecar, plain init container, StatefulSet, Job and CronJob', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
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
        missing('proxy', 13, 11, 22),
        missing('metrics', 23, 11, 24),
        missing('queue', 39, 11, 46),
        missing('agent', 54, 20, 77),
        missing('shell', 62, 5, 16),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('web', 13, 11, 20)],
    },
    {
      name: 'ReplicaSet container without a name',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  template:\n    spec:\n      containers:\n        - image: web:1.0.0\n',
      errors: [missing('#0', 8, 11, 27)],
    },
  ],
});
