import rule from '../../rules/rbac-secrets-access.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const secrets = (line: number, column: number, quoted = true) => at(line, column, column + 'secrets'.length + (quoted ? 2 : 0));

const read = '"get", "list", "watch"';

ruleTester(rule, {
  valid: [
    { name: 'named Secrets, writing without reading, another group\'s secrets, an aggregated ClusterRole, full control left to rbac-wildcard', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a ClusterRole reading Secrets, a list on every resource, one aggregated into view, a Role of one namespace',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'clusterWide', data: { verbs: read, resources: '"secrets"' }, severity: 'warning', ...secrets(7, 31) },
        { messageId: 'clusterWide', data: { verbs: '"list"', resources: '"*" (every resource, Secrets included)' }, severity: 'warning', ...at(17, 17, 20) },
        { messageId: 'aggregatedToView', data: { verbs: '"*"', resources: '"secrets"' }, severity: 'warning', ...secrets(32, 17) },
        { messageId: 'namespaced', data: { verbs: '"watch"', resources: '"secrets"', namespace: 'shop' }, severity: 'info', ...secrets(45, 9, false) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'clusterWide', data: { verbs: read, resources: '"secrets"' }, ...secrets(7, 17) }],
    },
    {
      name: 'a Role written without a namespace reads the Secrets of the run\'s default one',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader}\nrules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]\n',
      world: { defaultNamespace: 'payments' },
      errors: [{ messageId: 'namespaced', data: { verbs: '"get"', resources: '"secrets"', namespace: 'payments' }, ...secrets(4, 39, false) }],
    },
  ],
});
