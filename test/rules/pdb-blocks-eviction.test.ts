import rule from '../../rules/pdb-blocks-eviction.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const replicas = (minAvailable: string, desired: string, workloads: string, verb: string, count: string, where: [number, number, number], related: [number, number][]) => ({
  messageId: 'minAvailableReplicas',
  data: { minAvailable, desired, workloads, verb, replicas: count },
  ...at(...where),
  related: related.map(([line, column]) => ({ line, column })),
});
const zero = (maxUnavailable: string, line: number, column: number, endColumn: number) => ({ messageId: 'maxUnavailableZero', data: { maxUnavailable }, ...at(line, column, endColumn) });

const pdb = (budget: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  ${budget}\n  selector: {matchLabels: {app: web}}\n`;
const workload = (kind: string, spec: string) =>
  `apiVersion: ${kind === 'Pod' ? 'v1' : 'apps/v1'}\nkind: ${kind}\nmetadata: {name: web${kind === 'Pod' ? ', labels: {app: web}' : ''}}\nspec:\n${spec}`;
const template = '  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "registry.example/web:1.0.0"}]\n';

ruleTester(rule, {
  valid: [
    { name: 'room for one eviction, an autoscaled count, DaemonSet pods, a budget selecting nothing, zero replicas', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a percentage over a bare Pod: the disruption controller cannot scale it, so it is not weighed', code: [pdb('minAvailable: 50%'), workload('Pod', '  containers: [{name: web, image: "registry.example/web:1.0.0"}]\n')].join('---\n') },
    { name: 'a replica count written as a string is not a count', code: [pdb('minAvailable: 1'), workload('Deployment', `  replicas: "3"\n${template}`)].join('---\n') },
    { name: 'a partial run does not weigh replica counts: other workloads may share the labels', code: [pdb('minAvailable: 1'), workload('Deployment', `  replicas: 1\n${template}`)].join('---\n'), world: { complete: false } },
  ],
  invalid: [
    {
      name: 'maxUnavailable 0, minAvailable 100%, one default replica, 67% of 3, two Deployments of one namespace',
      fixture: 'invalid.yaml',
      errors: [
        zero('0', 6, 19, 20),
        { messageId: 'minAvailableAll', data: { minAvailable: '100%' }, ...at(31, 17, 21) },
        replicas('1', '1 pod', 'Deployment web', 'runs', '1 replica', [57, 17, 18], [[65, 1]]),
        replicas('67%', '3 pods', 'StatefulSet cockroachdb', 'runs', '3 replicas', [83, 17, 20], [[94, 13]]),
        replicas('3', '3 pods', 'Deployment api and Deployment api-canary', 'run', '3 replicas in all', [112, 17, 18], [[124, 13], [141, 13]]),
      ],
    },
    { name: 'a partial run still reports a budget that blocks whatever it selects', code: pdb('maxUnavailable: "0%"'), world: { complete: false }, errors: [zero('0%', 5, 19, 23)] },
    {
      name: 'a bare Pod counts as one pod for an absolute minAvailable',
      code: [pdb('minAvailable: 1'), workload('Pod', '  containers: [{name: web, image: "registry.example/web:1.0.0"}]\n')].join('---\n'),
      errors: [replicas('1', '1 pod', 'Pod web', 'runs', '1 replica', [5, 17, 18], [[10, 18]])],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [replicas('1', '1 pod', 'Deployment web', 'runs', '1 replica', [6, 17, 18], [[15, 13]])] },
  ],
});
