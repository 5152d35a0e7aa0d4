import rule from '../../rules/default-namespace.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const explicit = (kind: string, name: string, line: number, column: number, endColumn: number) => ({ messageId: 'explicit', data: { kind, name }, ...at(line, column, endColumn) });

const HELM_CONFIGMAP = '# Source: shop/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: default\ndata: {mode: production}\n';

ruleTester(rule, {
  valid: [
    { name: 'an own namespace, none written, cluster-scoped kinds, Helm output without a namespace given, a RoleBinding granting access to default', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'objects without a namespace when the run\'s namespace is default', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n', world: { defaultNamespace: 'default' } },
  ],
  invalid: [
    {
      name: 'a Deployment, a flow-style quoted Service, a ServiceAccount, Kustomize output',
      fixture: 'invalid.yaml',
      errors: [explicit('Deployment', 'shop', 5, 14, 21), explicit('Service', 'shop', 19, 35, 44), explicit('ServiceAccount', 'shop', 28, 14, 21), explicit('CronJob', 'cleanup', 38, 14, 21)],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [explicit('Deployment', 'web', 5, 14, 21)],
    },
    {
      name: 'Helm output rendered for another namespace: the template itself says default',
      code: HELM_CONFIGMAP,
      world: { defaultNamespace: 'shop' },
      errors: [explicit('ConfigMap', 'shop-config', 6, 14, 21)],
    },
  ],
});
