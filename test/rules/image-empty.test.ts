import rule from '../../rules/image-empty.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const at = (line: number, column: number, endColumn: number) => ({ line, column, endLine: line, endColumn });
const empty = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'empty', data: { container }, ...at(line, column, endColumn) });
const blank = (container: string, image: string, line: number, column: number, endColumn: number) => ({ messageId: 'blank', data: { container, image }, ...at(line, column, endColumn) });
const emptyPart = (container: string, image: string, part: string, line: number, column: number, endColumn: number) => ({ messageId: 'emptyPart', data: { container, image, part }, ...at(line, column, endColumn) });

const DIGEST = 'sha256:9b2a8f0c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a';

/** A Pod with one container per image. */
const pod = (images: string[]) =>
  ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', ...images.flatMap((image, index) => [`    - name: c${index}`, `      image: ${image}`]), ''].join('\n');

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
  '          image: ""',
  '',
].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'registries with ports, digests, placeholders, an OpenShift trigger, a template error, no image', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'references the runtimes read, however unusual',
      code: pod(['localhost:5000/app', `app:1.0@${DIGEST}`, '"[::1]:5000/app:v1"', 'a/b/c/d:1']),
    },
  ],
  invalid: [
    { name: 'an OpenShift DeploymentConfig fills in the images its ImageChange trigger names, and only those', code: DEPLOYMENT_CONFIG, errors: [empty('proxy', 23, 18, 20)] },
    {
      name: 'an empty tag, repository, repository after a registry, image, both parts, blank image, empty path segment, empty digest',
      fixture: 'invalid.yaml',
      errors: [
        emptyPart('migrate', 'registry.example/shop-migrate:', 'tag', 18, 18, 50),
        emptyPart('shop', ':2.3.1', 'repository', 21, 18, 26),
        emptyPart('metrics', 'registry.example/:0.14.0', 'repository after "registry.example/"', 23, 18, 44),
        empty('ledger', 39, 18, 20),
        emptyPart('backup', ':', 'repository and tag', 41, 18, 21),
        blank('debug', ' ', 50, 14, 17),
        emptyPart('tools', `registry.example//tools@${DIGEST}`, 'path segment in "registry.example//tools"', 52, 14, 111),
        emptyPart('report', 'registry.example/report@', 'digest', 67, 22, 46),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [emptyPart('web', ':1.4.2', 'repository', 14, 18, 26)],
    },
    {
      name: 'a blank image in a Pod is refused even with an OpenShift trigger, which only fills in pod templates',
      code: ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {image.openshift.io/triggers: "[]"}', 'spec:', '  containers:', '    - name: app', '      image: "  "', ''].join('\n'),
      errors: [blank('app', '  ', 9, 14, 18)],
    },
    {
      name: 'a digest with no repository, a leading slash, an empty tag after a registry port',
      code: pod([`"@${DIGEST}"`, '/app:1.0', '"registry.example:5000/app:"']),
      errors: [
        emptyPart('c0', `@${DIGEST}`, 'repository', 7, 14, 88),
        emptyPart('c1', '/app:1.0', 'path segment in "/app"', 9, 14, 22),
        emptyPart('c2', 'registry.example:5000/app:', 'tag', 11, 14, 42),
      ],
    },
  ],
});
