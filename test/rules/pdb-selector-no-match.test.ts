import rule from '../../rules/pdb-selector-no-match.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const closest = (line: number, column: number, endColumn: number, related: [number, number]) => ({
  messageId: 'closest',
  data: { selector: 'app=web, component=server', namespace: 'default', workload: 'Deployment web', actual: 'component=api', wanted: 'component=server' },
  ...at(line, column, endColumn),
  related: [{ line: related[0], column: related[1] }],
});

const pdb = (selector: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector: ${selector}\n`;
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n      labels: {app: web, version: 1.0}\n    spec:\n      containers: [{name: web, image: "registry.example/web:1.0.0"}]\n';

ruleTester(rule, {
  valid: [
    { name: 'matchLabels with In, NotIn, Exists and DoesNotExist expressions, an empty selector, operator-made pods', fixture: 'valid.yaml' },
    { name: 'a partial run never says a selector matches nothing', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a number in a selector is the label value of the same digits', code: [pdb('{matchLabels: {app: web, version: 1.0}}'), deployment].join('---\n') },
    { name: 'an unknown operator makes the selector unreadable, so nothing is said', code: [pdb('{matchExpressions: [{key: app, operator: Matches, values: [x]}]}'), deployment].join('---\n') },
  ],
  invalid: [
    {
      name: 'a component typo, an expression no pod meets, pods in another namespace',
      fixture: 'invalid.yaml',
      errors: [
        closest(10, 18, 24, [22, 37]),
        { messageId: 'noMatch', data: { selector: 'app=db, role in (primary)', namespace: 'default' }, ...at(35, 3, 11) },
        { messageId: 'noMatch', data: { selector: 'app=queue-worker', namespace: 'jobs' }, ...at(65, 3, 11) },
      ],
    },
    {
      name: 'NotIn excluding the only pods',
      code: [pdb('{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}'), deployment].join('---\n'),
      errors: [{ messageId: 'noMatch', data: { selector: 'app notin (web)', namespace: 'default' }, ...at(6, 3, 11) }],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [closest(8, 40, 46, [20, 37])] },
  ],
});
