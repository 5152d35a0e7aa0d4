import rule from '../../rules/rbac-wildcard.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const star = (line: number, column: number) => at(line, column, column + 3);

const clusterRole = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules:\n${rules}`;

ruleTester(rule, {
  valid: [
    { name: 'explicit lists, reading every kind of named groups, non-resource URLs, an aggregated ClusterRole, the built-in cluster-admin, a Role', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a rule without resources grants no objects', code: clusterRole('  - verbs: ["*"]\n    nonResourceURLs: ["/metrics"]\n') },
  ],
  invalid: [
    {
      name: 'everything in every group and in the core group, every verb, every resource of broad and of named groups, any group, full control of a named group, limited by names',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'everything', data: { kind: 'ClusterRole', groups: 'every API group' }, severity: 'error', ...star(9, 13) },
        { messageId: 'everything', data: { kind: 'Role', groups: 'the core group' }, severity: 'error', ...star(20, 13) },
        { messageId: 'anyVerb', data: { kind: 'ClusterRole', resources: '"deployments", "statefulsets"', groups: '"apps"' }, severity: 'warning', ...star(30, 13) },
        { messageId: 'anyResource', data: { kind: 'ClusterRole', verbs: '"get", "list", "watch"', groups: 'the core group, "apps"' }, severity: 'warning', ...star(33, 17) },
        { messageId: 'anyResourceInGroups', data: { kind: 'ClusterRole', verbs: '"get", "create", "delete"', groups: '"networking.istio.io"' }, severity: 'warning', ...star(37, 17) },
        { messageId: 'anyGroup', data: { kind: 'ClusterRole', verbs: '"update"', resources: '"*/finalizers"' }, severity: 'warning', ...star(40, 17) },
        { messageId: 'everythingInGroups', data: { kind: 'ClusterRole', groups: '"metrics.k8s.io"' }, severity: 'warning', ...star(52, 13) },
        { messageId: 'everything', data: { kind: 'Role', groups: 'the core group' }, severity: 'warning', ...star(64, 13) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'everything', data: { kind: 'ClusterRole', groups: 'every API group' }, ...star(8, 13) }],
    },
    {
      name: 'a block list points at the wildcard item, and a verb wildcard beside another wildcard is reported once',
      code: clusterRole('  - apiGroups:\n      - "*"\n    resources:\n      - pods\n    verbs:\n      - get\n      - "*"\n'),
      errors: [{ messageId: 'anyVerb', data: { kind: 'ClusterRole', resources: '"pods"', groups: 'every API group' }, severity: 'warning', ...star(11, 9) }],
    },
  ],
});
