import rule from '../../rules/liveness-probe-same-as-readiness.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const identical = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'identical', data: { container }, line, column, endLine: line, endColumn });
const stricter = (container: string, differences: string, line: number, column: number, endColumn: number) => ({ messageId: 'stricter', data: { container, differences }, line, column, endLine: line, endColumn });

/** A Deployment whose single container carries the given probe lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'tolerant liveness, different endpoints, liveness only, sidecar, init container, Job and CronJob', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'same endpoint on different ports',
      code: deployment(['          readinessProbe: {httpGet: {path: /healthz, port: 8080}}', '          livenessProbe: {httpGet: {path: /healthz, port: 8081}}']),
    },
    {
      name: 'same endpoint, different headers',
      code: deployment([
        '          readinessProbe: {httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: X-Check, value: ready}]}}',
        '          livenessProbe: {httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: X-Check, value: live}]}}',
      ]),
    },
    {
      name: 'a named port that resolves to another number than the literal one',
      code: deployment([
        '          ports: [{name: http, containerPort: 8080}]',
        '          readinessProbe: {tcpSocket: {port: http}}',
        '          livenessProbe: {tcpSocket: {port: 9090}}',
      ]),
    },
    {
      name: 'liveness stricter in one field but more tolerant in another',
      code: deployment([
        '          readinessProbe: {grpc: {port: 9090}, periodSeconds: 10, failureThreshold: 3}',
        '          livenessProbe: {grpc: {port: 9090}, periodSeconds: 30, failureThreshold: 2}',
      ]),
    },
    {
      name: 'timing written by an unrendered value is not compared',
      code: deployment(['          readinessProbe: {tcpSocket: {port: 8080}}', '          livenessProbe: {tcpSocket: {port: 8080}, failureThreshold: "6"}']),
    },
  ],
  invalid: [
    {
      name: 'sidecar, one of two app containers, StatefulSet with a respelled check, stricter DaemonSet, flow-style Pod',
      fixture: 'invalid.yaml',
      errors: [
        identical('proxy', 19, 11, 24),
        identical('cart', 34, 11, 24),
        identical('search', 58, 11, 24),
        stricter('agent', 'failureThreshold 1 against 3, periodSeconds 5 against 10', 81, 11, 24),
        identical('web', 96, 5, 18),
        identical('cache', 97, 93, 106),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [identical('web', 17, 11, 24)],
    },
    {
      name: 'defaults written out on one side only, and a shorter liveness timeout',
      code: deployment([
        '          readinessProbe:',
        '            grpc: {port: 9090, service: ""}',
        '            timeoutSeconds: 3',
        '            periodSeconds: 10',
        '          livenessProbe:',
        '            grpc: {port: 9090}',
      ]),
      errors: [stricter('web', 'timeoutSeconds 1 against 3', 14, 11, 24)],
    },
  ],
});
