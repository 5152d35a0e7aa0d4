import rule from '../../rules/replicas-with-hpa.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const replicasSet = (replicas: string, autoscaler: string, kind: string, line: number, related: [number, number][]) => ({
  messageId: 'replicasSet',
  data: { replicas, autoscaler, kind },
  line,
  column: 3,
  endLine: line,
  endColumn: 11,
  related: related.map(([relatedLine, column]) => ({ line: relatedLine, column })),
});

const deployment = (replicas: string, annotations = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web${annotations}}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers: [{name: web, image: "registry.example/web:1.0.0"}]\n`;
const hpa = (name: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n`;

ruleTester(rule, {
  valid: [
    { name: 'no replicas (or an empty value) with an HPA; replicas without one in another namespace or of another kind', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a Helm test hook is no rollout target', code: [deployment('1', ', annotations: {helm.sh/hook: test}'), hpa('web')].join('---\n') },
  ],
  invalid: [
    {
      name: 'a Deployment, the extensions group, a KEDA ScaledObject, an Argo Rollout',
      fixture: 'invalid.yaml',
      errors: [
        replicasSet('3', 'HorizontalPodAutoscaler web', 'Deployment', 7, [[29, 11]]),
        replicasSet('2', 'HorizontalPodAutoscaler api', 'Deployment', 44, [[60, 76]]),
        replicasSet('1', 'ScaledObject consumer', 'Deployment', 70, [[86, 26]]),
        replicasSet('4', 'HorizontalPodAutoscaler checkout', 'Rollout', 98, [[117, 75]]),
      ],
    },
    {
      name: 'two HPAs on one Deployment are both named; a partial run knows the ones it has',
      code: [deployment('2'), hpa('web'), hpa('web-memory')].join('---\n'),
      world: { complete: false },
      errors: [replicasSet('2', 'HorizontalPodAutoscaler web, HorizontalPodAutoscaler web-memory', 'Deployment', 5, [[14, 65], [21, 65]])],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [replicasSet('3', 'HorizontalPodAutoscaler web', 'Deployment', 6, [[22, 65]])] },
  ],
});
