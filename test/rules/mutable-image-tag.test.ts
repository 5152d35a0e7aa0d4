import rule from '../../rules/mutable-image-tag.js';
import { ruleTester } from '../rule-tester.js';

const untagged = (container: string, image: string) =>
  `Container "${container}" uses image "${image}" with no tag, which means whatever \`latest\` was when each node pulled it: nodes can run different builds and rolling back to the previous version becomes guesswork. Pin a version tag or a digest (@sha256:...).`;
const latest = (container: string, image: string) =>
  `Container "${container}" uses image "${image}" with the tag \`latest\`, which moves with every push: nodes can run different builds and rolling back to the previous version becomes guesswork. Pin a version tag or a digest (@sha256:...).`;

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
    {
      name: 'untagged init container, registry port without a tag, quoted latest, ephemeral container, flow-style CronJob',
      fixture: 'invalid.yaml',
      errors: [
        { message: untagged('wait-for-db', 'busybox'), line: 14, column: 18, endLine: 14, endColumn: 25 },
        { message: untagged('shop', 'registry.example:5000/team/shop'), line: 17, column: 18, endLine: 17, endColumn: 49 },
        { message: latest('proxy', 'envoyproxy/envoy:latest'), line: 19, column: 18, endLine: 19, endColumn: 43 },
        { message: latest('debugger', 'nicolaka/netshoot:latest'), line: 31, column: 14, endLine: 31, endColumn: 38 },
        { message: untagged('cleanup', 'localhost:5000/tools/cleanup'), line: 45, column: 38, endLine: 45, endColumn: 68 },
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
        { message: latest('log-shipper', 'fluent/fluent-bit:latest'), line: 10, column: 18, endLine: 10, endColumn: 42 },
        { message: untagged('#0', 'ghcr.io/acme/web'), line: 12, column: 18, endLine: 12, endColumn: 34 },
      ],
    },
    {
      name: 'latest after a placeholder name is what will run',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: REGION-docker.pkg.dev/PROJECT_ID/repo/app:latest\n',
      errors: [{ message: latest('app', 'REGION-docker.pkg.dev/PROJECT_ID/repo/app:latest'), line: 7, column: 14, endLine: 7, endColumn: 62 }],
    },
  ],
});
