import rule from '../../rules/replicas-without-spread.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const located = (where: [number, number, number], related: [number, number][]) => ({
  line: where[0],
  column: where[1],
  endLine: where[0],
  endColumn: where[2],
  related: related.map(([line, column]) => ({ line, column })),
});
const replicas = (workload: string, count: number, service: string, where: [number, number, number], related: [number, number][]) => ({
  messageId: 'replicas',
  data: { workload, replicas: count, service },
  ...located(where, related),
});

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const deployment = (replicasLine: string, spec = '', annotations = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web${annotations}}\nspec:\n${replicasLine}  template:\n    metadata: {labels: {app: web}}\n    spec:\n${spec}      containers: [{name: web, image: "registry.example/web:1.0.0"}]\n`;

ruleTester(rule, {
  valid: [
    { name: 'topology spread, preferred anti-affinity, no Service, a Service of another namespace, one replica, a DaemonSet, an HPA minimum of 1', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'required anti-affinity',
      code: [service, deployment('  replicas: 3\n', '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}\n')].join('---\n'),
    },
    { name: 'a Helm test hook is no rollout target', code: [service, deployment('  replicas: 2\n', '', ', annotations: {helm.sh/hook: test}')].join('---\n') },
    { name: 'a replica count that is not a number is not weighed', code: [service, deployment('  replicas: "3"\n')].join('---\n') },
  ],
  invalid: [
    {
      name: 'a Deployment, a StatefulSet with node and pod affinity only, an HPA minimum of 2',
      fixture: 'invalid.yaml',
      errors: [
        replicas('Deployment web', 3, 'web', [15, 13, 14], [[6, 3]]),
        replicas('StatefulSet cache', 3, 'cache', [45, 13, 14], [[34, 3]]),
        { messageId: 'autoscaled', data: { workload: 'Deployment api', replicas: 2, service: 'api', autoscaler: 'HorizontalPodAutoscaler api' }, ...located([89, 5, 9], [[75, 3], [100, 16]]) },
      ],
    },
    {
      name: 'empty spread lists spread nothing; a partial run knows the Service it has',
      code: [service, deployment('  replicas: 2\n', '      topologySpreadConstraints: []\n      affinity: {podAntiAffinity: {}}\n')].join('---\n'),
      world: { complete: false },
      errors: [replicas('Deployment web', 2, 'web', [12, 13, 14], [[5, 3]])],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [replicas('Deployment web', 3, 'web', [15, 13, 14], [[6, 3]])] },
  ],
});
