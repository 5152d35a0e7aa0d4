import rule from '../../rules/service-target-port-not-exposed.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const nameMissing = (port: string, targetPort: string, workload: string, declared: string, line: number, column: number, endColumn: number, related: [number, number]) => ({
  messageId: 'nameMissing',
  data: { port, targetPort, workload, declared },
  ...at(line, column, endColumn),
  related: [{ line: related[0], column: related[1] }],
});

/** A Service with one port whose targetPort is `target`, and a Deployment whose container has the given `ports` line. */
const pair = (target: string, ports: string) =>
  [
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n',
    `  ports: [{port: 80, targetPort: ${target}}]\n---\n`,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n',
    `      containers: [{name: web, image: "registry.example/web:1.0.0", ports: ${ports}}]\n`,
  ].join('');

ruleTester(rule, {
  valid: [
    { name: 'named ports on containers and sidecars, numbers, omitted targetPorts, other namespaces, UDP on both sides, Helm test pods, Knative', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a port number in a string is a number, declared or not', code: pair('"8081"', '[{name: http, containerPort: 8080}]') },
    { name: 'a template placeholder is not a port name (the API server rejects it)', code: pair('"${PORT}"', '[{name: http, containerPort: 8080}]') },
    { name: 'a partial run still knows the pods it has, and these declare the port', code: pair('http', '[{name: http, containerPort: 8080}]'), world: { complete: false } },
  ],
  invalid: [
    {
      name: 'a renamed port, a UDP port behind a TCP Service port, a canary without the metrics port',
      fixture: 'invalid.yaml',
      errors: [
        nameMissing('"http"', 'http', 'Deployment web', 'web (8080)', 10, 19, 23, [23, 7]),
        { messageId: 'protocolMismatch', data: { port: '"dns-tcp"', targetPort: 'dns', workload: 'Deployment dns', protocol: 'TCP', declaredProtocol: 'UDP' }, ...at(39, 60, 63), related: [{ line: 53, column: 7 }] },
        nameMissing('"metrics"', 'metrics', 'Deployment api-canary', 'http (8080)', 69, 47, 54, [106, 7]),
      ],
    },
    {
      name: 'a Service port without a name is shown by its number; a container without ports declares none',
      code: pair('http', '[]'),
      errors: [nameMissing('80', 'http', 'Deployment web', 'none', 6, 34, 38, [16, 19])],
    },
    {
      name: 'a partial run reports the pods it has',
      code: pair('http', '[{name: web, containerPort: 8080}]'),
      world: { complete: false },
      errors: [nameMissing('80', 'http', 'Deployment web', 'web (8080)', 6, 34, 38, [16, 19])],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [nameMissing('"http"', 'http', 'Deployment web', 'web (8080)', 8, 42, 46, [21, 7])],
    },
  ],
});
