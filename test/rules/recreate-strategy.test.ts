import rule from '../../rules/recreate-strategy.js';
import { ruleTester } from '../rule-tester.js';

const message =
  'strategy Recreate stops every pod of this Deployment before starting new ones, so each deploy is downtime and a release that fails to start leaves nothing running. Use RollingUpdate (maxSurge 1, maxUnavailable 0); if two pods cannot coexist, e.g. on a ReadWriteOnce volume, keep Recreate and suppress this with the reason.';

ruleTester(rule, {
  valid: [
    { name: 'explicit and default RollingUpdate, StatefulSet OnDelete', fixture: 'valid.yaml' },
    {
      name: 'Argo Rollout strategies are canary or blueGreen',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  strategy:\n    blueGreen: {activeService: web}\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
    },
  ],
  invalid: [
    {
      name: 'block style and a quoted value in a flow mapping',
      fixture: 'invalid.yaml',
      errors: [
        { message, line: 8, column: 11, endLine: 8, endColumn: 19 },
        { message, line: 25, column: 20, endLine: 25, endColumn: 30 },
      ],
    },
  ],
});
