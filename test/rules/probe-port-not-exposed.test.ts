import rule from '../../rules/probe-port-not-exposed.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const nameMissing = (probe: string, container: string, handler: string, port: string, declared: string, line: number, column: number, endColumn: number) => ({ messageId: 'nameMissing', data: { probe, container, handler, port, declared }, line, column, endLine: line, endColumn });
// Reported only for the grpc handler, so its handler data is always grpc.
const grpcNamed = (probe: string, container: string, port: string, declared: string, line: number, column: number, endColumn: number) => ({ messageId: 'grpcNamed', data: { probe, container, handler: 'grpc', port, declared }, line, column, endLine: line, endColumn });

const nonTcpPort = (probe: string, container: string, handler: string, port: string, protocol: string, number: number, line: number, column: number, endColumn: number) => ({ messageId: 'nonTcpPort', data: { probe, container, handler, port, protocol, number }, line, column, endLine: line, endColumn });

/** A Deployment whose single container has the given `ports` and `probe` lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'named ports that match, sidecar, numbered ports declared or not, Job and CronJob, a DNS server declaring 53 for UDP and TCP', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
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
      name: 'a gRPC probe on a UDP port\'s name is grpcNamed alone',
      code: deployment(['          ports: [{name: quic, containerPort: 443, protocol: UDP}]', '          readinessProbe: {grpc: {port: quic}}']),
      errors: [grpcNamed('readinessProbe', 'web', 'quic', 'quic (443)', 11, 41, 45)],
    },
    {
      name: 'sidecar, one of three containers, flow-style DaemonSet probe, Pod gRPC name, CronJob, UDP port by name, SCTP port by number',
      fixture: 'invalid.yaml',
      errors: [
        nameMissing('readinessProbe', 'envoy', 'httpGet', 'envoy-admin', 'admin (9901)', 19, 43, 54),
        nameMissing('livenessProbe', 'shop', 'httpGet', 'metrics', 'http (8080)', 33, 21, 28),
        nameMissing('readinessProbe', 'agent', 'httpGet', 'http', 'none', 55, 44, 48),
        grpcNamed('readinessProbe', 'search', 'grpc', 'grpc (9090)', 70, 15, 19),
        nameMissing('startupProbe', 'report', 'httpGet', 'stats', 'status (8000)', 89, 49, 54),
        nonTcpPort('readinessProbe', 'syslog', 'tcpSocket', 'syslog', 'UDP', 514, 109, 31, 37),
        nonTcpPort('livenessProbe', 'syslog', 'httpGet', '2514', 'SCTP', 2514, 111, 44, 48),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [nameMissing('readinessProbe', 'web', 'httpGet', 'web', 'http (8080)', 18, 43, 46)],
    },
  ],
});
