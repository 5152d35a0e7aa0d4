import rule from '../../rules/rbac-cluster-admin-binding.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const name = (line: number, column: number) => at(line, column, column + 'cluster-admin'.length);

ruleTester(rule, {
  valid: [
    { name: 'a role of its own, a namespace Role named cluster-admin, the built-in binding, a binding without subjects, edit', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'cluster-wide to a ServiceAccount and a group, in one namespace to a user, in the run\'s default namespace',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'clusterWide', data: { subjects: 'ServiceAccount "ci/deployer", Group "platform-team"' }, severity: 'error', ...name(8, 9) },
        { messageId: 'namespaced', data: { subjects: 'User "alice@example.com"', namespace: 'shop' }, severity: 'warning', ...name(26, 9) },
        { messageId: 'namespaced', data: { subjects: 'ServiceAccount "default/installer"', namespace: 'default' }, severity: 'warning', ...name(37, 73) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'clusterWide', data: { subjects: 'ServiceAccount "shop/shop-operator"' }, ...name(8, 9) }],
    },
    {
      name: 'a RoleBinding of a run with another default namespace',
      fixture: 'invalid.yaml',
      world: { defaultNamespace: 'tools' },
      errors: [
        { messageId: 'clusterWide', ...name(8, 9) },
        { messageId: 'namespaced', ...name(26, 9) },
        { messageId: 'namespaced', data: { subjects: 'ServiceAccount "tools/installer"', namespace: 'tools' }, ...name(37, 73) },
      ],
    },
  ],
});
