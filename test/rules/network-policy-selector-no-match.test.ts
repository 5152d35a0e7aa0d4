import rule from '../../rules/network-policy-selector-no-match.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const closest = (namespace: string, line: number, column: number, endColumn: number, related: [number, number]) => ({
  messageId: 'closest',
  data: { selector: 'app=payment', namespace, workload: 'Deployment payments', actual: 'app=payments', wanted: 'app=payment' },
  ...at(line, column, endColumn),
  related: [{ line: related[0], column: related[1] }],
});
const noMatch = (selector: string, namespace: string, line: number, column: number, endColumn: number) => ({ messageId: 'noMatch', data: { selector, namespace }, ...at(line, column, endColumn) });

const policy = (podSelector: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: ${podSelector}\n  policyTypes: [Ingress]\n`;
const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    metadata:\n      labels: {app: migrate}\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: "registry.example/migrate:1.0.0"}]\n';

ruleTester(rule, {
  valid: [
    { name: 'an empty podSelector, matchLabels with a NotIn expression, the default namespace, a namespace without workloads', fixture: 'valid.yaml' },
    { name: 'a partial run never says a selector matches nothing', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'the pods of a Job count', code: [policy('{matchLabels: {app: migrate}}'), job].join('---\n') },
  ],
  invalid: [
    {
      name: 'a misspelt app, a policy left behind, an expression in a namespace without those pods',
      fixture: 'invalid.yaml',
      errors: [closest('shop', 10, 12, 19, [27, 21]), noMatch('app=redis-cart', 'shop', 40, 3, 14), noMatch('app in (api)', 'default', 50, 3, 14)],
    },
    {
      name: 'Exists on a label no pod has',
      code: [policy('{matchExpressions: [{key: tier, operator: Exists}]}'), job].join('---\n'),
      errors: [noMatch('tier', 'default', 5, 3, 14)],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [closest('default', 7, 24, 31, [23, 21])] },
  ],
});
