import rule from '../../rules/probe-port-not-exposed.js';
import { ruleTester } from '../rule-tester.js';

const nameMissing = (probe: string, container: string, handler: string, port: string, declared: string) =>
  `${probe} of container "${container}" uses ${handler}.port "${port}", but the container has no port of that name (declared: ${declared}), so the probe fails on every attempt. Use one of the declared ports, or add a port named "${port}" to this container.`;
const grpcNamed = (probe: string, container: string, port: string, declared: string) =>
  `${probe} of container "${container}" uses grpc.port "${port}", but grpc.port accepts only a number, so the API server rejects the pod. Use the port number instead (declared: ${declared}).`;

/** A Deployment whose single container has the given `ports` and `probe` lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'named ports that match, sidecar, numbered ports declared or not, Job and CronJob', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: rule.meta.example.valid },
    {
      name: 'digits in a string are a port number, not a name, even when no containerPort matches',
      code: deployment(['          ports: [{name: http, containerPort: 8080}]', '          readinessProbe: {tcpSocket: {port: "8081"}}']),
    },
    {
      name: 'exec probes have no port',
      code: deployment(['          ports: [{name: http, containerPort: 8080}]', '          livenessProbe: {exec: {command: [cat, /tmp/healthy]}}']),
    },
  ],
  invalid: [
    {
      name: 'sidecar, one of three containers, flow-style DaemonSet probe, Pod gRPC name, CronJob',
      fixture: 'invalid.yaml',
      errors: [
        { message: nameMissing('readinessProbe', 'envoy', 'httpGet', 'envoy-admin', 'admin (9901)'), line: 19, column: 43, endLine: 19, endColumn: 54 },
        { message: nameMissing('livenessProbe', 'shop', 'httpGet', 'metrics', 'http (8080)'), line: 33, column: 21, endLine: 33, endColumn: 28 },
        { message: nameMissing('readinessProbe', 'agent', 'httpGet', 'http', 'none'), line: 55, column: 44, endLine: 55, endColumn: 48 },
        { message: grpcNamed('readinessProbe', 'search', 'grpc', 'grpc (9090)'), line: 70, column: 15, endLine: 70, endColumn: 19 },
        { message: nameMissing('startupProbe', 'report', 'httpGet', 'stats', 'status (8000)'), line: 89, column: 49, endLine: 89, endColumn: 54 },
      ],
    },
    {
      name: 'the documented invalid example',
      code: rule.meta.example.invalid,
      errors: [{ message: nameMissing('readinessProbe', 'web', 'httpGet', 'web', 'http (8080)'), line: 18, column: 43, endLine: 18, endColumn: 46 }],
    },
  ],
});
