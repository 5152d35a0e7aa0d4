import rule from '../../rules/revision-history-limit-zero.js';
import { ruleTester } from '../rule-tester.js';

const zero = (kind: string, undo: string, line: number, column: number, endColumn: number) => ({ messageId: 'zero', data: { kind, undo }, line, column, endLine: line, endColumn });

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
        zero('Deployment', 'kubectl rollout undo', 7, 3, 23),
        zero('StatefulSet', 'kubectl rollout undo', 22, 28, 48),
        zero('DaemonSet', 'kubectl rollout undo', 31, 3, 25),
        zero('Rollout', 'kubectl argo rollouts undo', 45, 3, 23),
      ],
    },
  ],
});
