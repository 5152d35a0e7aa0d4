import rule from '../../rules/hpa-cpu-request-missing.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

/** Where a finding is and where its containers are: `[line, column, endColumn]` and `[line, column]` pairs. */
const located = (containers: string, workload: string, verb: string, where: [number, number, number], related: [number, number][]) => ({
  data: { containers, workload, verb },
  line: where[0],
  column: where[1],
  endLine: where[0],
  endColumn: where[2],
  related: related.map(([line, column]) => ({ line, column })),
});
type Where = Parameters<typeof located>;
const cpu = (...args: Where) => ({ messageId: 'cpu', ...located(...args) });
const memory = (...args: Where) => ({ messageId: 'memory', ...located(...args) });
const defaultCpu = (...args: Where) => ({ messageId: 'defaultCpu', ...located(...args) });

/** An HPA with the given spec lines and a Deployment whose single container has the given `resources` (flow style). */
const pair = (hpaSpec: string, resources: string, apiVersion = 'autoscaling/v2') =>
  [
    `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n${hpaSpec}`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: web, image: "registry.example/web:1.0.0", resources: ${resources}}\n`,
  ].join('---\n');

ruleTester(rule, {
  valid: [
    { name: 'requests and lone limits, completed init containers, another namespace, AverageValue, Pods and External metrics, LimitRange defaults, pod-level resources, a missing target', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a memory metric needs memory requests only', code: pair('  metrics: [{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}}]\n', '{requests: {memory: 128Mi}}') },
    { name: 'a v1 HPA with its own target and requests', code: pair('  targetCPUUtilizationPercentage: 50\n', '{requests: {cpu: 100m}}', 'autoscaling/v1') },
  ],
  invalid: [
    {
      name: 'CPU and memory on an app container and a sidecar, v1 on a StatefulSet, no metrics via the extensions group, a ContainerResource metric',
      fixture: 'invalid.yaml',
      errors: [
        cpu('container "web"', 'Deployment web', 'has', [15, 31, 33], [[39, 17]]),
        memory('container "envoy"', 'Deployment web', 'has', [19, 57, 59], [[33, 17]]),
        cpu('containers "search", "exporter"', 'StatefulSet search', 'have', [54, 35, 37], [[70, 17], [72, 17]]),
        defaultCpu('container "api"', 'Deployment api', 'has', [80, 1, 5], [[96, 17]]),
        cpu('container "worker"', 'Deployment worker', 'has', [112, 57, 59], [[126, 17]]),
      ],
    },
    {
      name: 'an empty request value is no request; autoscaling/v2beta1 targetAverageUtilization',
      code: pair('  metrics: [{type: Resource, resource: {name: cpu, targetAverageUtilization: 60}}]\n', '{requests: {cpu: }}', 'autoscaling/v2beta1'),
      errors: [cpu('container "web"', 'Deployment web', 'has', [7, 78, 80], [[16, 18]])],
    },
    {
      name: 'a LimitRange default applies only in its own namespace',
      code: ['apiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: other}\nspec:\n  limits: [{type: Container, defaultRequest: {cpu: 100m}}]\n', pair('', '{}')].join('---\n'),
      errors: [defaultCpu('container "web"', 'Deployment web', 'has', [10, 1, 5], [[21, 18]])],
    },
    {
      name: 'autoscaling/v1 without a target defaults to 80% CPU',
      code: pair('', '{}', 'autoscaling/v1'),
      errors: [defaultCpu('container "web"', 'Deployment web', 'has', [4, 1, 5], [[15, 18]])],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [cpu('container "web"', 'Deployment web', 'has', [13, 57, 59], [[27, 17]])],
    },
  ],
});
