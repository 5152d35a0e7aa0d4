import rule from '../../rules/revision-history-limit-zero.js';
import { ruleTester } from '../rule-tester.js';

const message = (kind: string, undo = 'kubectl rollout undo') =>
  `revisionHistoryLimit: 0 keeps no earlier revision of this ${kind}, so \`${undo}\` has nothing to roll back to. Remove the field (the default keeps 10) or keep a few revisions, e.g. 3.`;

ruleTester(rule, {
  valid: [
    { name: 'positive limits, an absent limit and an Argo Rollout keeping one revision', fixture: 'valid.yaml' },
    {
      name: 'a Rollout kind from another API group',
      code: 'apiVersion: rollouts.example.com/v1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  revisionHistoryLimit: 0\n',
    },
    {
      name: 'revisionHistoryLimit outside spec is not the controller setting',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: {revisionHistoryLimit: "0"}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
    },
  ],
  invalid: [
    {
      name: 'Deployment, flow-style StatefulSet, quoted key in a DaemonSet, Argo Rollout',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('Deployment'), line: 7, column: 3, endLine: 7, endColumn: 23 },
        { message: message('StatefulSet'), line: 22, column: 28, endLine: 22, endColumn: 48 },
        { message: message('DaemonSet'), line: 31, column: 3, endLine: 31, endColumn: 25 },
        { message: message('Rollout', 'kubectl argo rollouts undo'), line: 45, column: 3, endLine: 45, endColumn: 23 },
      ],
    },
  ],
});
