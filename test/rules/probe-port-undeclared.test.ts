import rule from '../../rules/probe-port-undeclared.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const undeclared = (probe: string, container: string, handler: string, port: string, declared: string, line: number, column: number, endColumn: number) => ({ messageId: 'undeclared', data: { probe, container, handler, port, declared }, line, column, endLine: line, endColumn });

/** A Deployment whose single container has the given `ports` and `probe` lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'declared numbers, quoted digits, names, no ports, no numeric port, flags, env, exec, host, Job', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'a probe on a named port, even an undeclared one',
      code: deployment(['          ports: [{containerPort: 8080}]', '          readinessProbe: {httpGet: {path: /ready, port: health}}']),
    },
  ],
  invalid: [
    {
      name: 'StatefulSet, sidecar with quoted digits, undeclared health port twice, Pod gRPC, CronJob',
      fixture: 'invalid.yaml',
      errors: [
        undeclared('livenessProbe', 'rabbitmq', 'tcpSocket', '5673', 'amqp (5672), management (15672)', 21, 21, 25),
        undeclared('startupProbe', 'log-shipper', 'httpGet', '2020', 'forward (24224)', 41, 51, 57),
        undeclared('readinessProbe', 'controller', 'httpGet', '10254', 'http (80), https (443)', 50, 45, 50),
        undeclared('livenessProbe', 'controller', 'httpGet', '10254', 'http (80), https (443)', 52, 45, 50),
        undeclared('readinessProbe', 'search', 'grpc', '9090', 'http (8080)', 67, 15, 19),
        undeclared('livenessProbe', 'report', 'tcpSocket', '8001', 'status (8000)', 86, 35, 39),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [undeclared('livenessProbe', 'web', 'httpGet', '8081', 'http (8080)', 18, 45, 49)],
    },
    {
      name: 'a quoted number matching no containerPort, and a flag naming a longer number',
      code: deployment([
        '          args: [--admin-port=18080]',
        '          ports:',
        '            - containerPort: 8080',
        '            - {name: admin, containerPort: 18080}',
        '          startupProbe:',
        '            httpGet: {path: /, port: "8081"}',
        '          readinessProbe:',
        '            tcpSocket: {port: 1808}',
      ]),
      errors: [
        undeclared('startupProbe', 'web', 'httpGet', '8081', '8080, admin (18080)', 15, 38, 44),
        undeclared('readinessProbe', 'web', 'tcpSocket', '1808', '8080, admin (18080)', 17, 31, 35),
      ],
    },
    {
      name: 'a port declared only by another container of the pod',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: app}',
        'spec:',
        '  containers:',
        '    - name: app',
        '      image: app:2.0.0',
        '      ports: [{name: http, containerPort: 8080}]',
        '      livenessProbe: {tcpSocket: {port: 9100}}',
        '    - name: exporter',
        '      image: exporter:0.9.1',
        '      ports: [{name: metrics, containerPort: 9100}]',
        '',
      ].join('\n'),
      errors: [undeclared('livenessProbe', 'app', 'tcpSocket', '9100', 'http (8080)', 9, 41, 45)],
    },
  ],
});
