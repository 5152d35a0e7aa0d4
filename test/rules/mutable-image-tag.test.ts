import rule from '../../rules/mutable-image-tag.js';
import { ruleTester } from '../rule-tester.js';

const untagged = (container: string, image: string, line: number, column: number, endColumn: number) => ({ messageId: 'untagged', data: { container, image }, line, column, endLine: line, endColumn });
const latest = (container: string, image: string, line: number, column: number, endColumn: number, tag = 'latest') => ({ messageId: 'latest', data: { container, image, tag }, line, column, endLine: line, endColumn });

const DEPLOYMENT_CONFIG = [
  'apiVersion: apps.openshift.io/v1',
  'kind: DeploymentConfig',
  'metadata: {name: shop}',
  'spec:',
  '  replicas: 2',
  '  selector: {app: shop}',
  '  triggers:',
  '    - type: ConfigChange',
  '    - type: ImageChange',
  '      imageChangeParams:',
  '        automatic: true',
  '        containerNames: [web, worker]',
  '        from: {kind: ImageStreamTag, name: "shop:latest"}',
  '  template:',
  '    metadata: {labels: {app: shop}}',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: " "',
  '        - name: worker',
  '          image: registry.example/worker:latest',
  '        - name: proxy',
  '          image: registry.example/proxy:latest',
  '',
].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'digests, tag plus digest, registry with a port and a tag, flow-style CronJob container', fixture: 'valid.yaml' },
    {
      name: 'a pod template without an image (filled in later by tooling)',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n',
    },
    {
      name: 'placeholders without a tag may stand for the whole reference',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: $IMAGE\n    - name: sidecar\n      image: REGION-docker.pkg.dev/PROJECT_ID/tools/sidecar\n    - name: pinned\n      image: <registry>/app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    },
  ],
  invalid: [
    { name: 'an OpenShift DeploymentConfig deploys the images its ImageChange trigger names by digest, and only those', code: DEPLOYMENT_CONFIG, errors: [latest('proxy', 'registry.example/proxy:latest', 23, 18, 47)] },
    {
      name: 'tags a team declares moving, through the mutableTags option',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:main\n    - name: web\n      image: registry.example/web:latest\n    - name: pinned\n      image: registry.example/app:1.2.3\n',
      options: { mutableTags: ['main', 'edge'] },
      errors: [latest('app', 'registry.example/app:main', 7, 14, 39, 'main')],
    },
    {
      name: 'untagged init container, registry port without a tag, quoted latest, ephemeral container, flow-style CronJob',
      fixture: 'invalid.yaml',
      errors: [
        untagged('wait-for-db', 'busybox', 14, 18, 25),
        untagged('shop', 'registry.example:5000/team/shop', 17, 18, 49),
        latest('proxy', 'envoyproxy/envoy:latest', 19, 18, 43),
        latest('debugger', 'nicolaka/netshoot:latest', 31, 14, 38),
        untagged('cleanup', 'localhost:5000/tools/cleanup', 45, 38, 68),
      ],
    },
    {
      name: 'Argo Rollout sidecar with latest, container without a name',
      code: [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Rollout',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '        - name: log-shipper',
        '          restartPolicy: Always',
        '          image: fluent/fluent-bit:latest',
        '      containers:',
        '        - image: ghcr.io/acme/web',
        '',
      ].join('\n'),
      errors: [
        latest('log-shipper', 'fluent/fluent-bit:latest', 10, 18, 42),
        untagged('#0', 'ghcr.io/acme/web', 12, 18, 34),
      ],
    },
    {
      name: 'latest after a placeholder name is what will run',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: REGION-docker.pkg.dev/PROJECT_ID/repo/app:latest\n',
      errors: [latest('app', 'REGION-docker.pkg.dev/PROJECT_ID/repo/app:latest', 7, 14, 62)],
    },
  ],
});
