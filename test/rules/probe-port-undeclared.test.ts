import rule from '../../rules/probe-port-undeclared.js';
import { ruleTester } from '../rule-tester.js';

const undeclared = (probe: string, container: string, handler: string, port: string, declared: string) =>
  `${probe} of container "${container}" checks port ${port}, which the container does not declare (declared: ${declared}). If the app serves ${port}, add it to the container's ports with a name so Services and NetworkPolicies can target it; if not, point ${handler}.port at the port the app listens on.`;

/** A Deployment whose single container has the given `ports` and `probe` lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'declared numbers, quoted digits, names, no ports, no numeric port, flags, env, exec, host, Job', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: rule.meta.example.valid },
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
        { message: undeclared('livenessProbe', 'rabbitmq', 'tcpSocket', '5673', 'amqp (5672), management (15672)'), line: 21, column: 21, endLine: 21, endColumn: 25 },
        { message: undeclared('startupProbe', 'log-shipper', 'httpGet', '2020', 'forward (24224)'), line: 41, column: 51, endLine: 41, endColumn: 57 },
        { message: undeclared('readinessProbe', 'controller', 'httpGet', '10254', 'http (80), https (443)'), line: 50, column: 45, endLine: 50, endColumn: 50 },
        { message: undeclared('livenessProbe', 'controller', 'httpGet', '10254', 'http (80), https (443)'), line: 52, column: 45, endLine: 52, endColumn: 50 },
        { message: undeclared('readinessProbe', 'search', 'grpc', '9090', 'http (8080)'), line: 67, column: 15, endLine: 67, endColumn: 19 },
        { message: undeclared('livenessProbe', 'report', 'tcpSocket', '8001', 'status (8000)'), line: 86, column: 35, endLine: 86, endColumn: 39 },
      ],
    },
    {
      name: 'the documented invalid example',
      code: rule.meta.example.invalid,
      errors: [{ message: undeclared('livenessProbe', 'web', 'httpGet', '8081', 'http (8080)'), line: 18, column: 45, endLine: 18, endColumn: 49 }],
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
        { message: undeclared('startupProbe', 'web', 'httpGet', '8081', '8080, admin (18080)'), line: 15, column: 38, endLine: 15, endColumn: 44 },
        { message: undeclared('readinessProbe', 'web', 'tcpSocket', '1808', '8080, admin (18080)'), line: 17, column: 31, endLine: 17, endColumn: 35 },
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
      errors: [{ message: undeclared('livenessProbe', 'app', 'tcpSocket', '9100', 'http (8080)'), line: 9, column: 41, endLine: 9, endColumn: 45 }],
    },
  ],
});
