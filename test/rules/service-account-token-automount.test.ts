import rule from '../../rules/service-account-token-automount.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const unset = 'which does not set automountServiceAccountToken';

ruleTester(rule, {
  valid: [
    { name: 'opted out or in on the pod or the account, bound by name or by group, an account not in the input, a Vault agent, a default account that opts out, a Helm test hook', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run says nothing: the bindings may be in a file not given', fixture: 'invalid.yaml', world: { complete: false } },
    {
      name: 'a binding of every ServiceAccount of the cluster',
      code: `${docsExample(rule, 'invalid')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: all-accounts}\nroleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: Group, name: "system:serviceaccounts"}]\n`,
    },
  ],
  invalid: [
    {
      name: 'the default account by omission and by name, an account of its own, the deprecated field on a bare Pod, a binding of another namespace',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'defaultAccount', data: { pods: 'the pods of this Deployment', namespace: 'shop' }, severity: 'info', related: [], ...at(13, 5, 9) },
        { messageId: 'unboundAccount', data: { pods: 'the pods of this StatefulSet', account: 'catalog' }, severity: 'info', related: [{ line: 21, column: 9, message: `ServiceAccount "catalog", ${unset}` }], ...at(39, 27, 34) },
        { messageId: 'defaultAccount', data: { pods: 'the pods of this CronJob', namespace: 'shop' }, ...at(55, 31, 38) },
        { messageId: 'unboundAccount', data: { pods: 'this Pod', account: 'catalog' }, related: [{ line: 76, column: 9 }], ...at(68, 19, 26) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'defaultAccount', data: { pods: 'the pods of this Deployment', namespace: 'default' }, ...at(11, 5, 9) }],
    },
  ],
});
