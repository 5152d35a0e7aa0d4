import rule from '../../rules/probe-port-not-exposed.js';
import { ruleTester } from '../rule-tester.js';

const nameMissing = (probe: string, container: string, handler: string, port: string, declared: string) =>
  `${probe} of container "${container}" uses ${handler}.port "${port}", but the container has no port of that name (declared: ${declared}), so the probe fails on every attempt. Use one of the declared ports, or add a port named "${port}" to this container.`;
const numberMissing = (probe: string, container: string, handler: string, port: string, declared: string) =>
  `${probe} of container "${container}" checks port ${port}, which the container does not declare (declared: ${declared}), so it likely probes a port nothing listens on. Point ${handler}.port at the port the app serves, or declare ${port} in the container's ports.`;
const grpcNamed = (probe: string, container: string, port: string, declared: string) =>
  `${probe} of container "${container}" uses grpc.port "${port}", but grpc.port accepts only a number, so the API server rejects the pod. Use the port number instead (declared: ${declared}).`;

/** A Deployment whose single container has the given `ports` and `probe` lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'named and numbered ports that match, sidecar, undeclared ports, flags, host, Job and CronJob', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: rule.meta.example.valid },
    {
      name: 'a port number written as a string matches containerPort',
      code: deployment(['          ports: [{containerPort: 8080}]', '          readinessProbe: {tcpSocket: {port: "8080"}}']),
    },
    {
      name: 'the probed number appears in an env value',
      code: deployment(['          env: [{name: HEALTH_PORT, value: "8558"}]', '          ports: [{name: http, containerPort: 8080}]', '          livenessProbe: {httpGet: {path: /alive, port: 8558}}']),
    },
    {
      name: 'exec probes have no port',
      code: deployment(['          ports: [{name: http, containerPort: 8080}]', '          livenessProbe: {exec: {command: [cat, /tmp/healthy]}}']),
    },
  ],
  invalid: [
    {
      name: 'sidecar, one of three containers, StatefulSet, flow-style DaemonSet probe, Pod gRPC name, CronJob',
      fixture: 'invalid.yaml',
      errors: [
        { message: nameMissing('readinessProbe', 'envoy', 'httpGet', 'envoy-admin', 'admin (9901)'), line: 19, column: 43, endLine: 19, endColumn: 54 },
        { message: nameMissing('livenessProbe', 'shop', 'httpGet', 'metrics', 'http (8080)'), line: 33, column: 21, endLine: 33, endColumn: 28 },
        { message: numberMissing('livenessProbe', 'rabbitmq', 'tcpSocket', '5673', 'amqp (5672), management (15672)'), line: 61, column: 21, endLine: 61, endColumn: 25 },
        { message: nameMissing('readinessProbe', 'agent', 'httpGet', 'http', 'none'), line: 77, column: 44, endLine: 77, endColumn: 48 },
        { message: grpcNamed('readinessProbe', 'search', 'grpc', 'grpc (9090)'), line: 92, column: 15, endLine: 92, endColumn: 19 },
        { message: nameMissing('startupProbe', 'report', 'httpGet', 'stats', 'status (8000)'), line: 111, column: 49, endLine: 111, endColumn: 54 },
      ],
    },
    {
      name: 'the documented invalid example',
      code: rule.meta.example.invalid,
      errors: [{ message: nameMissing('readinessProbe', 'web', 'httpGet', 'web', 'http (8080)'), line: 18, column: 43, endLine: 18, endColumn: 46 }],
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
        { message: numberMissing('startupProbe', 'web', 'httpGet', '8081', '8080, admin (18080)'), line: 15, column: 38, endLine: 15, endColumn: 44 },
        { message: numberMissing('readinessProbe', 'web', 'tcpSocket', '1808', '8080, admin (18080)'), line: 17, column: 31, endLine: 17, endColumn: 35 },
      ],
    },
  ],
});
