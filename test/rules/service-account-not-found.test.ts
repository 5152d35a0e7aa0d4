import rule from '../../rules/service-account-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const missing = (name: string, via: string, namespace: string, pods: string, line: number, column: number) => ({
  messageId: 'missing',
  data: { name, via, namespace, pods },
  line,
  column,
  endLine: line,
  endColumn: column + name.length,
});

/** A Deployment in `namespace` (none written when undefined) running as `account`. */
const deployment = (account: string, namespace?: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api}}',
    '    spec:',
    `      serviceAccountName: ${account}`,
    '      containers: [{name: api, image: "registry.example/api:2.3.1"}]',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'default, same namespace, explicit default namespace, deprecated field, stale deprecated field, placeholder, none', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run never says a ServiceAccount is missing', fixture: 'invalid.yaml', world: { complete: false } },
    {
      name: 'a ServiceAccount the configuration declares external',
      code: deployment('vault-agent', 'shop'),
      world: { external: (target, namespace, name) => target === 'ServiceAccount' && namespace === 'shop' && name === 'vault-agent' },
    },
    {
      name: 'a run whose default namespace is the ServiceAccount\'s',
      code: `${deployment('api')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: shop}\n`,
      world: { defaultNamespace: 'shop' },
    },
  ],
  invalid: [
    {
      name: 'other namespace, deprecated field on a CronJob, no namespace written, bare Pod',
      fixture: 'invalid.yaml',
      errors: [
        {
          messageId: 'otherNamespace',
          data: { name: 'shop-api', via: 'serviceAccountName', namespace: 'shop', namespaces: '"payments"', kind: 'Deployment', pods: 'the pods of this Deployment' },
          line: 20,
          column: 27,
          endLine: 20,
          endColumn: 35,
          related: [{ line: 5, column: 9, message: 'ServiceAccount "shop-api" in namespace "payments"' }],
        },
        missing('reporter', 'serviceAccount', 'shop', 'the pods of this CronJob', 37, 27),
        missing('db-admin', 'serviceAccountName', 'default', 'the pods of this StatefulSet', 56, 27),
        missing('debugger', 'serviceAccountName', 'tools', 'this Pod', 67, 23),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('api', 'serviceAccountName', 'shop', 'the pods of this Deployment', 13, 27)],
    },
    {
      name: 'a ServiceAccount declared external in another namespace does not count',
      code: deployment('vault-agent', 'billing'),
      world: { external: (target, namespace, name) => target === 'ServiceAccount' && namespace === 'shop' && name === 'vault-agent' },
      errors: [missing('vault-agent', 'serviceAccountName', 'billing', 'the pods of this Deployment', 11, 27)],
    },
  ],
});
