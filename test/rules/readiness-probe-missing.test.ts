import rule from '../../rules/readiness-probe-missing.js';
import { ruleTester } from '../rule-tester.js';

const missing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { container }, line, column, endLine: line, endColumn });

ruleTester(rule, {
  valid: [
    { name: 'probed app container, init container, Job and CronJob', fixture: 'valid.yaml' },
    {
      name: 'StatefulSet with a probe',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.2\n          readinessProbe: {exec: {command: [pg_isready]}}\n',
    },
    {
      name: 'a Rollout of another group is not an Argo Rollout',
      code: 'apiVersion: flagger.app/v1beta1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
    },
  ],
  invalid: [
    {
      name: 'sidecar and app container without probes, Pod with a compact sequence',
      fixture: 'invalid.yaml',
      errors: [missing('proxy', 13, 11, 22), missing('checkout', 17, 11, 25), missing('shell', 28, 5, 24)],
    },
    {
      name: 'Argo Rollout',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
      errors: [missing('web', 7, 20, 51)],
    },
  ],
});
