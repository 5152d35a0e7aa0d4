import rule from '../../rules/ingress-backend-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const serviceMissing = (service: string, namespace: string, line: number, column: number) => ({
  messageId: 'serviceMissing',
  data: { service, namespace },
  line,
  column,
  endLine: line,
  endColumn: column + service.length,
});

/** A Service `web` with the given port entries, and an Ingress whose one backend is `backend` (indented for `backend:`). */
const serviceAndIngress = (ports: string[], backend: string[]) =>
  [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  selector: {app: web}',
    '  ports:',
    ...ports.map((port) => `    - ${port}`),
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  rules:',
    '    - http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    ...backend.map((line) => `              ${line}`),
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'port by number and name, resource backend, v1beta1 number, name and digits, ExternalName, Knative and ECK Services', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'a partial run never says a Service is missing',
      code: serviceAndIngress(['{name: http, port: 80}'], ['service: {name: api, port: {number: 80}}']),
      world: { complete: false },
    },
    {
      name: 'a Service the configuration declares external',
      code: serviceAndIngress(['{name: http, port: 80}'], ['service: {name: checkout, port: {number: 80}}']),
      world: { external: (target, namespace, name) => target === 'Service' && namespace === 'shop' && name === 'checkout' },
    },
    { name: 'a Service without ports gives nothing to check a port against', code: serviceAndIngress([], ['service: {name: web, port: {number: 8080}}']).replace('  ports:\n', '  clusterIP: None\n') },
  ],
  invalid: [
    {
      name: 'missing default backend, a targetPort, a port name the Service lacks, another namespace, v1beta1 name, Knative Service elsewhere',
      fixture: 'invalid.yaml',
      errors: [
        serviceMissing('errors', 'shop', 31, 13),
        {
          messageId: 'targetPort',
          data: { service: 'web', port: '8080', ports: '80 (http)', servicePort: '80' },
          line: 44,
          column: 27,
          endLine: 44,
          endColumn: 31,
          severity: 'warning',
          related: [{ line: 8, column: 3, message: 'the ports of Service "web"' }],
        },
        {
          messageId: 'portMissing',
          data: { service: 'api', port: '"grpc"', ports: '80 (http), 9090' },
          line: 51,
          column: 25,
          endLine: 51,
          endColumn: 29,
          severity: 'error',
          related: [{ line: 18, column: 3 }],
        },
        {
          messageId: 'otherNamespace',
          data: { service: 'blog', namespace: 'default', namespaces: '"blog"', otherNamespace: 'blog' },
          line: 75,
          column: 28,
          endLine: 75,
          endColumn: 32,
          related: [{ line: 57, column: 9, message: 'Service "blog" in namespace "blog"' }],
        },
        { messageId: 'portMissing', data: { service: 'docs', port: '"http"', ports: '80' }, line: 101, column: 28, endLine: 101, endColumn: 32, related: [{ line: 85, column: 3 }] },
        serviceMissing('hello', 'edge', 129, 23),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'portMissing', data: { service: 'web', port: '"https"', ports: '80 (http)' }, line: 25, column: 25, endLine: 25, endColumn: 30 }],
    },
    {
      name: 'a port mismatch is reported in a partial run too, since the Service is in hand',
      code: serviceAndIngress(['{name: http, port: 80}'], ['service: {name: web, port: {number: 443}}']),
      world: { complete: false },
      errors: [{ messageId: 'portMissing', data: { service: 'web', port: '443', ports: '80 (http)' }, line: 19, column: 51, endLine: 19, endColumn: 54, related: [{ line: 6, column: 3 }] }],
    },
    {
      name: 'an ECK Kibana makes the Service of its own name only',
      code: `${serviceAndIngress(['{name: http, port: 80}'], ['service: {name: kibana-kb-http, port: {number: 5601}}'])}---\napiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata: {name: logs, namespace: shop}\nspec: {version: 8.14.1}\n`,
      errors: [serviceMissing('kibana-kb-http', 'shop', 19, 31)],
    },
  ],
});
