import rule from '../../rules/privileged-container.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const privileged = (container: string, line: number, column: number) => ({ messageId: 'privileged', data: { container }, severity: 'error' as const, ...at(line, column, column + 'privileged'.length) });

ruleTester(rule, {
  valid: [
    { name: 'privileged: false, added capabilities instead, no securityContext, an empty one', fixture: 'valid.yaml' },
    {
      name: 'a string is not the boolean the API accepts',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n      securityContext: {privileged: "yes"}\n',
    },
  ],
  invalid: [
    {
      name: 'init and regular containers of a node agent, an ephemeral debugger, a CronJob',
      fixture: 'invalid.yaml',
      errors: [privileged('install-plugin', 18, 13), privileged('agent', 23, 13), privileged('debugger', 42, 25), privileged('cleanup', 59, 17)],
    },
    {
      name: 'an Argo Rollout',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example/web:1.0.0\n          securityContext:\n            privileged: true\n',
      errors: [privileged('web', 11, 13)],
    },
  ],
});
