import rule from '../../rules/statefulset-service-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const data = (name: string, namespace: string, statefulSet: string) => ({ name, namespace, statefulSet, example: `${statefulSet}-0.${name}.${namespace}.svc` });
const missing = (name: string, namespace: string, statefulSet: string, line: number) => ({
  messageId: 'missing',
  data: data(name, namespace, statefulSet),
  line,
  column: 16,
  endLine: line,
  endColumn: 16 + name.length,
  severity: 'warning' as const,
});

/** A StatefulSet `db` naming Service `db`, and that Service with the given spec lines. */
const withService = (specLines: string[]) =>
  [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: db}',
    'spec:',
    ...specLines.map((line) => `  ${line}`),
    '  selector: {app: db}',
    '  ports: [{port: 5432}]',
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata: {name: db}',
    'spec:',
    '  serviceName: db',
    '  selector: {matchLabels: {app: db}}',
    '  template:',
    '    metadata: {labels: {app: db}}',
    '    spec: {containers: [{name: db, image: "postgres:16.3"}]}',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'headless by clusterIP or clusterIPs, explicit default namespace, no serviceName, placeholder', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run never says the Service is missing', code: docsExample(rule, 'invalid'), world: { complete: false } },
    {
      name: 'a Service the configuration declares external',
      code: docsExample(rule, 'invalid').replace('  name: kafka\n', '  name: kafka\n  namespace: messaging\n'),
      world: { external: (target, namespace, name) => target === 'Service' && namespace === 'messaging' && name === 'kafka-headless' },
    },
  ],
  invalid: [
    {
      name: 'only the client Service, a ClusterIP Service, a fixed cluster IP, the headless Service in another namespace',
      fixture: 'invalid.yaml',
      errors: [
        missing('kafka-headless', 'messaging', 'kafka', 18),
        {
          messageId: 'notHeadless',
          data: { ...data('zk', 'messaging', 'zk'), what: 'gets a cluster IP (type ClusterIP, no clusterIP: None)' },
          line: 48,
          column: 16,
          endLine: 48,
          endColumn: 18,
          severity: 'info',
          related: [{ line: 34, column: 9, message: 'Service "zk" is not headless' }],
        },
        {
          messageId: 'notHeadless',
          data: { ...data('etcd', 'default', 'etcd'), what: 'has clusterIP 10.96.0.50' },
          line: 75,
          column: 16,
          endLine: 75,
          endColumn: 20,
          severity: 'info',
          related: [{ line: 65, column: 14 }],
        },
        missing('redis-headless', 'cache', 'redis', 105),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [missing('kafka-headless', 'default', 'kafka', 6)] },
    {
      name: 'a Service in hand that is not headless is reported in a partial run too',
      code: withService(['type: NodePort']),
      world: { complete: false },
      errors: [
        {
          messageId: 'notHeadless',
          data: { ...data('db', 'default', 'db'), what: 'gets a cluster IP (type NodePort, no clusterIP: None)' },
          line: 13,
          column: 16,
          endLine: 13,
          endColumn: 18,
          related: [{ line: 3, column: 18 }],
        },
      ],
    },
    {
      name: 'an ExternalName Service has no pods to name',
      code: withService(['type: ExternalName', 'externalName: db.example.com']),
      errors: [{ messageId: 'notHeadless', data: { ...data('db', 'default', 'db'), what: 'is of type ExternalName' }, line: 14, column: 16, endLine: 14, endColumn: 18 }],
    },
  ],
});
