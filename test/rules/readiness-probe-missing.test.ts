import rule from '../../rules/readiness-probe-missing.js';
import { ruleTester } from '../rule-tester.js';

const message = (container: string) =>
  `Container "${container}" has no readinessProbe, so traffic and rollouts treat it as ready the moment it starts. Add a readinessProbe that checks it can serve.`;

ruleTester(rule, {
  valid: [
    { name: 'probed app container, init container, Job and CronJob', fixture: 'valid.yaml' },
    {
      name: 'StatefulSet with a probe',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.2\n          readinessProbe: {exec: {command: [pg_isready]}}\n',
    },
  ],
  invalid: [
    {
      name: 'sidecar and app container without probes, Pod with a compact sequence',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('proxy'), line: 13, column: 11, endLine: 13, endColumn: 22 },
        { message: message('checkout'), line: 17, column: 11, endLine: 17, endColumn: 25 },
        { message: message('shell'), line: 28, column: 5, endLine: 28, endColumn: 24 },
      ],
    },
    {
      name: 'Argo Rollout',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
      errors: [{ message: message('web'), line: 7, column: 20 }],
    },
  ],
});
