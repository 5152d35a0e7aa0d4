import rule from '../../rules/recreate-strategy.js';
import { ruleTester } from '../rule-tester.js';

const recreate = (line: number, column: number, endColumn: number) => ({ messageId: 'recreate', line, column, endLine: line, endColumn });

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
        recreate(8, 11, 19),
        recreate(25, 20, 30),
      ],
    },
  ],
});
