import rule from '../../rules/single-replica.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const located = (where: [number, number, number], related: [number, number][]) => ({
  line: where[0],
  column: where[1],
  endLine: where[0],
  endColumn: where[2],
  related: related.map(([line, column]) => ({ line, column })),
});
const single = (workload: string, service: string, where: [number, number, number], related: [number, number][]) => ({ messageId: 'single', data: { workload, service }, ...located(where, related) });

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const deployment = (spec = '', volumes = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${spec}  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "registry.example/web:1.0.0"}]\n${volumes}`;
const claim = (mode: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: shared}\nspec: {accessModes: [${mode}], resources: {requests: {storage: 1Gi}}}\n`;
const mountsShared = '      volumes: [{name: shared, persistentVolumeClaim: {claimName: shared}}]\n';

ruleTester(rule, {
  valid: [
    { name: 'three replicas, an HPA minimum of 2, a database StatefulSet, a cache server, Recreate, a claim, no Service, metrics only, zero, KEDA', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a replica count that is not a number is not weighed', code: [service, deployment('  replicas: "1"\n')].join('---\n') },
    { name: 'a Helm test hook is no service', code: [service, deployment().replace('metadata: {name: web}', 'metadata: {name: web, annotations: {helm.sh/hook: test}}')].join('---\n') },
    { name: 'a claim that is ReadWriteOnce', code: [service, claim('ReadWriteOnce'), deployment('', mountsShared)].join('---\n') },
    { name: 'a Service in another namespace', code: [service.replace('{name: web}', '{name: web, namespace: other}'), deployment()].join('---\n') },
  ],
  invalid: [
    {
      name: 'one replica written, none written behind a metrics Service and a serving one, an HPA minimum of 1, a StatefulSet without claims',
      fixture: 'invalid.yaml',
      errors: [
        single('Deployment web', 'web', [14, 13, 14], [[6, 3]]),
        single('Deployment api', 'api', [46, 1, 5], [[39, 3]]),
        {
          messageId: 'autoscaled',
          data: { workload: 'Deployment search', service: 'search', autoscaler: 'HorizontalPodAutoscaler search', minimum: 'minReplicas 1 (the default)' },
          ...located([70, 1, 5], [[63, 3], [86, 3]]),
        },
        single('StatefulSet gateway', 'gateway', [105, 13, 14], [[96, 3]]),
      ],
    },
    {
      name: 'a claim that is ReadWriteMany does not tie the workload to one pod',
      code: [service, claim('ReadWriteMany'), deployment('', mountsShared)].join('---\n'),
      errors: [single('Deployment web', 'web', [16, 1, 5], [[5, 3]])],
    },
    {
      name: 'an autoscaler with an explicit minimum of 1',
      code: [service, deployment(), 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 4\n'].join('---\n'),
      errors: [
        {
          messageId: 'autoscaled',
          data: { workload: 'Deployment web', service: 'web', autoscaler: 'HorizontalPodAutoscaler web', minimum: 'minReplicas 1' },
          ...located([11, 1, 5], [[5, 3], [22, 16]]),
        },
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [single('Deployment web', 'web', [14, 13, 14], [[6, 3]])] },
  ],
});
