import rule from '../../rules/probe-handler-missing.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const PROBE_HANDLERS = 'exec, httpGet, tcpSocket or grpc';
const HOOK_HANDLERS = 'exec, httpGet, tcpSocket or sleep';

const nullHandler = (field: string, container: string, handler: string, line: number, column: number, endColumn: number) => ({ messageId: 'nullHandler', data: { field, container, handler }, line, column, endLine: line, endColumn });
const noHandler = (field: string, container: string, handlers: string, line: number, column: number, endColumn: number) => ({ messageId: 'noHandler', data: { field, container, handlers }, line, column, endLine: line, endColumn });
const incompleteHandler = (field: string, container: string, handler: string, required: string, line: number, column: number, endColumn: number) => ({ messageId: 'incompleteHandler', data: { field, container, handler, required }, line, column, endLine: line, endColumn });

/** A Deployment whose single container has the given lines (already indented for the container). */
const deployment = (lines: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: web:1.0.0', ...lines, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'one handler each, a null beside a real handler, null probes and hooks, a sleep hook', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'plain init containers may have no probe at all: the API server refuses them for that, not for a missing handler',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '    - name: wait',
        '      image: busybox:1.36',
        '      readinessProbe: {}',
        '  containers:',
        '    - name: app',
        '      image: app:1.0.0',
        '',
      ].join('\n'),
    },
    {
      name: 'a handler that is not a mapping, or two handlers, is a different error',
      code: deployment(['          readinessProbe: {tcpSocket: "8080"}', '          livenessProbe: {tcpSocket: {port: 8080}, exec: {command: [true]}}']),
    },
    {
      name: 'a port written as a name or a string of digits is there',
      code: deployment(['          readinessProbe: {httpGet: {port: http}}', '          livenessProbe: {tcpSocket: {port: "8080"}}']),
    },
  ],
  invalid: [
    {
      name: 'null handlers in a sidecar hook and a probe, several nulls, an empty probe and hook, a probe of timings only, a handler without its port or command',
      fixture: 'invalid.yaml',
      errors: [
        nullHandler('lifecycle.preStop', 'envoy', 'exec', 21, 15, 19),
        nullHandler('readinessProbe', 'shop', 'tcpSocket', 27, 13, 22),
        // The first null in the order written.
        nullHandler('livenessProbe', 'ledger', 'httpGet', 48, 13, 20),
        noHandler('readinessProbe', 'agent', PROBE_HANDLERS, 66, 11, 25),
        noHandler('startupProbe', 'warmup', PROBE_HANDLERS, 77, 7, 19),
        noHandler('lifecycle.postStart', 'warmup', HOOK_HANDLERS, 79, 9, 18),
        incompleteHandler('readinessProbe', 'checkout', 'httpGet', 'port', 98, 15, 19),
        incompleteHandler('livenessProbe', 'checkout', 'grpc', 'port', 100, 13, 17),
        incompleteHandler('livenessProbe', 'report', 'exec', 'command', 118, 19, 26),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [nullHandler('readinessProbe', 'web', 'tcpSocket', 17, 13, 22)],
    },
    {
      name: 'flow style: a null handler, an empty port, an exec with a null command',
      code: deployment([
        '          readinessProbe: {tcpSocket: null, periodSeconds: 5}',
        '          livenessProbe: {httpGet: {path: /healthz, port: ""}}',
        '          startupProbe: {exec: {command: null}}',
      ]),
      errors: [
        nullHandler('readinessProbe', 'web', 'tcpSocket', 10, 28, 37),
        incompleteHandler('livenessProbe', 'web', 'httpGet', 'port', 11, 53, 57),
        incompleteHandler('startupProbe', 'web', 'exec', 'command', 12, 33, 40),
      ],
    },
  ],
});
