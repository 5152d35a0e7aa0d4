import rule from '../../rules/liveness-probe-same-as-readiness.js';
import { ruleTester } from '../rule-tester.js';

const identical = (container: string) =>
  `livenessProbe of container "${container}" is a copy of its readinessProbe (same check, same timing), so when the container is too busy to pass readiness the kubelet also restarts it, at the worst moment. Give the liveness probe a higher failureThreshold, or point it at a check that fails only when the process is stuck.`;
const stricter = (container: string, differences: string) =>
  `livenessProbe of container "${container}" runs the same check as its readinessProbe but gives up sooner (${differences}), so a busy container is restarted before it is even taken out of traffic. Make the liveness probe more tolerant than readiness, not less.`;

/** A Deployment whose single container carries the given probe lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'tolerant liveness, different endpoints, liveness only, sidecar, init container, Job and CronJob', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: rule.meta.example.valid },
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
        { message: identical('proxy'), line: 19, column: 11, endLine: 19, endColumn: 24 },
        { message: identical('cart'), line: 34, column: 11, endLine: 34, endColumn: 24 },
        { message: identical('search'), line: 58, column: 11, endLine: 58, endColumn: 24 },
        { message: stricter('agent', 'failureThreshold 1 against 3, periodSeconds 5 against 10'), line: 81, column: 11, endLine: 81, endColumn: 24 },
        { message: identical('web'), line: 96, column: 5, endLine: 96, endColumn: 18 },
        { message: identical('cache'), line: 97, column: 93, endLine: 97, endColumn: 106 },
      ],
    },
    {
      name: 'the documented invalid example',
      code: rule.meta.example.invalid,
      errors: [{ message: identical('web'), line: 17, column: 11, endLine: 17, endColumn: 24 }],
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
      errors: [{ message: stricter('web', 'timeoutSeconds 1 against 3'), line: 14, column: 11, endLine: 14, endColumn: 24 }],
    },
  ],
});
