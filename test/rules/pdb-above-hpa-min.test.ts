import rule from '../../rules/pdb-above-hpa-min.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const aboveMin = (minAvailable: string, desired: string, autoscaler: string, workloads: string, replicas: string, where: [number, number, number], related: [number, number, string][]) => ({
  messageId: 'aboveMin',
  data: { minAvailable, desired, autoscaler, workloads, replicas },
  line: where[0],
  column: where[1],
  endLine: where[0],
  endColumn: where[2],
  related: related.map(([line, column, message]) => ({ line, column, message })),
});

const pdb = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 3\n  selector: {matchLabels: {app: web}}\n';
const deployment = (name: string, replicas: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n${replicas}  template:\n    metadata: {labels: {app: web, track: ${name}}}\n    spec:\n      containers: [{name: web, image: "registry.example/web:1.0.0"}]\n`;
const hpa = (target: string, min: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${target}}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}\n  minReplicas: ${min}\n  maxReplicas: 10\n`;

ruleTester(rule, {
  valid: [
    { name: 'a minimum above the budget, maxUnavailable, an HPA of another namespace', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run does not weigh replica counts', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'an autoscaled and a fixed workload together leave room for one eviction', code: [pdb, deployment('web', ''), hpa('web', 2), deployment('web-canary', '  replicas: 2\n')].join('---\n') },
  ],
  invalid: [
    {
      name: 'minAvailable equal to minReplicas, 50% of the default minimum, a KEDA ScaledObject scaling to zero',
      fixture: 'invalid.yaml',
      errors: [
        aboveMin('2', '2 pods', 'HorizontalPodAutoscaler web', 'Deployment web', '2 replicas', [6, 17, 18], [[33, 16, 'HorizontalPodAutoscaler web: minReplicas 2']]),
        aboveMin('50%', '1 pod', 'HorizontalPodAutoscaler api', 'Deployment api', '1 replica', [43, 17, 20], [[69, 3, 'HorizontalPodAutoscaler api: minReplicas 1 (the default)']]),
        aboveMin('1', '1 pod', 'ScaledObject consumer', 'Deployment consumer', '1 replica', [78, 17, 18], [[103, 20, 'ScaledObject consumer: minReplicaCount 0 (1 replica while active)']]),
      ],
    },
    {
      name: 'an autoscaled and a fixed workload selected together: their minimum plus the fixed count',
      code: [pdb, deployment('web', ''), hpa('web', 2), deployment('web-canary', '  replicas: 1\n')].join('---\n'),
      errors: [
        aboveMin('3', '3 pods', 'HorizontalPodAutoscaler web', 'Deployment web and Deployment web-canary', '3 replicas in all', [5, 17, 18], [
          [22, 16, 'HorizontalPodAutoscaler web: minReplicas 2'],
          [29, 13, 'Deployment web-canary runs 1 replica'],
        ]),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [aboveMin('2', '2 pods', 'HorizontalPodAutoscaler web', 'Deployment web', '2 replicas', [6, 17, 18], [[31, 16, 'HorizontalPodAutoscaler web: minReplicas 2']])],
    },
  ],
});
