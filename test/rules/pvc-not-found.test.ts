import rule from '../../rules/pvc-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const missing = (name: string, volume: string, namespace: string, pods: string, line: number, column: number) => ({
  messageId: 'missing',
  data: { name, via: `volume "${volume}"`, namespace, pods },
  line,
  column,
  endLine: line,
  endColumn: column + name.length,
});

/** A StatefulSet `web` with a claim template `data` and a pod volume `volume` claiming `claim`. */
const statefulSet = (volume: string, claim: string) =>
  [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata: {name: web}',
    'spec:',
    '  serviceName: web',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers: [{name: web, image: "registry.example/web:1.4.2"}]',
    '      volumes:',
    `        - name: ${volume}`,
    `          persistentVolumeClaim: {claimName: ${claim}}`,
    '  volumeClaimTemplates:',
    '    - metadata: {name: data}',
    '      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'same namespace, StatefulSet claims by ordinal, volume replaced by a claim template, DataVolume, ephemeral, explicit default namespace, placeholder', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run never says a claim is missing', fixture: 'invalid.yaml', world: { complete: false } },
    {
      name: 'a claim the configuration declares external (a chart\'s existingClaim)',
      code: statefulSet('shared', 'nfs-share'),
      world: { external: (target, namespace, name) => target === 'PersistentVolumeClaim' && namespace === 'default' && name === 'nfs-share' },
    },
    { name: 'a StatefulSet\'s own claim by ordinal, from a volume of another name', code: statefulSet('snapshot', 'data-web-1') },
  ],
  invalid: [
    {
      name: 'missing, other namespace, StatefulSet claim of another namespace, bare Pod',
      fixture: 'invalid.yaml',
      errors: [
        missing('uploads', 'uploads', 'media', 'the pods of this Deployment', 21, 24),
        {
          messageId: 'otherNamespace',
          data: { name: 'db-data', via: 'volume "db"', namespace: 'media', namespaces: '"database"', kind: 'Job', pods: 'the pods of this Job' },
          line: 50,
          column: 46,
          endLine: 50,
          endColumn: 53,
          related: [{ line: 27, column: 9, message: 'PersistentVolumeClaim "db-data" in namespace "database"' }],
        },
        missing('data-postgres-0', 'data', 'media', 'the pods of this CronJob', 99, 28),
        missing('scratch', 'scratch', 'default', 'this Pod', 112, 20),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('uploads', 'uploads', 'default', 'the pods of this Deployment', 20, 24)],
    },
    {
      name: 'a StatefulSet volume not named like a claim template still needs its claim',
      code: statefulSet('shared', 'shared-config'),
      errors: [missing('shared-config', 'shared', 'default', 'the pods of this StatefulSet', 13, 46)],
    },
    {
      name: 'a claim that looks like a StatefulSet\'s, of a template it does not have',
      code: statefulSet('snapshot', 'logs-web-0'),
      errors: [missing('logs-web-0', 'snapshot', 'default', 'the pods of this StatefulSet', 13, 46)],
    },
  ],
});
