import rule from '../../rules/invalid-image-reference.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

/** A Pod with one container "app" running `image` (written as given, so quote it in the call when YAML needs it). */
const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { name: 'digests of every known algorithm, ports, uppercase hosts, IPv6, placeholders, empty parts, template errors', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a blank image is image-empty\'s', code: pod('" "') },
    { name: 'a scheme inside a placeholder', code: pod('${REGISTRY_URL}/app:1.0') },
    { name: 'a 64-digit hex tag is a tag', code: pod(`app:${'ab'.repeat(32)}`) },
    { name: 'an image an OpenShift ImageChange trigger replaces', code: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: web}\nspec:\n  triggers:\n    - type: ImageChange\n      imageChangeParams: {automatic: true, containerNames: [web], from: {kind: ImageStreamTag, name: \"web:latest\"}}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web@latest\n' },
  ],
  invalid: [
    {
      name: 'a tag after @, uppercase path, trailing space, uppercase Docker Hub namespace, short digest, scheme on an ephemeral container, flow-style CronJob tag',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'notDigest', data: { container: 'wait-for-db', image: 'busybox@1.36', digest: '1.36', fix: 'Write "busybox:1.36" if "1.36" is a tag (a tag follows ":").' }, ...at(14, 18, 30) },
        { messageId: 'uppercase', data: { container: 'shop', image: 'registry.example/team/WebShop:4.2.0', path: 'team/WebShop', suggestion: 'registry.example/team/webshop:4.2.0' }, ...at(17, 18, 53) },
        { messageId: 'whitespace', data: { container: 'proxy', image: 'envoyproxy/envoy:v1.31.2 ', fix: 'Write "envoyproxy/envoy:v1.31.2".' }, ...at(19, 18, 45) },
        { messageId: 'uppercaseNamespace', data: { container: 'postgres', image: 'AcmeCorp/postgres:16.2', host: 'AcmeCorp', suggestion: 'acmecorp/postgres:16.2' }, ...at(35, 18, 40) },
        {
          messageId: 'notDigest',
          data: { container: 'app', image: 'registry.example/app@sha256:2f1c9a7e3b8d4c6f0a5e1b9d7c3f8a2e6b4d0c9f', digest: 'sha256:2f1c9a7e3b8d4c6f0a5e1b9d7c3f8a2e6b4d0c9f', fix: 'Copy the whole digest from the registry: sha256 followed by 64 lowercase hex digits.' },
          ...at(44, 14, 82),
        },
        { messageId: 'scheme', data: { container: 'debugger', image: 'https://ghcr.io/acme/netshoot:0.13', scheme: 'https', suggestion: 'ghcr.io/acme/netshoot:0.13' }, ...at(47, 14, 48) },
        { messageId: 'badTag', data: { container: 'report', image: 'registry.example/report:1.0+build.7', tag: '1.0+build.7', length: '11' }, ...at(60, 46, 83) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'notDigest', data: { container: 'web', image: 'registry.example/web@1.4.2', digest: '1.4.2', fix: 'Write "registry.example/web:1.4.2" if "1.4.2" is a tag (a tag follows ":").' }, ...at(14, 18, 44) }],
    },
    {
      name: 'an image ID instead of a name',
      code: pod('ab'.repeat(32)),
      errors: [{ messageId: 'imageId', data: { container: 'app', image: 'ab'.repeat(32) }, ...at(7, 14, 78) }],
    },
    {
      name: 'a tag after @ that is also tagged',
      code: pod('nginx:1.27@stable'),
      errors: [{ messageId: 'notDigest', data: { container: 'app', image: 'nginx:1.27@stable', digest: 'stable', fix: 'Pin the image by its digest from the registry, or by a tag after ":".' }, ...at(7, 14, 31) }],
    },
    {
      name: 'a name over 255 characters',
      code: pod(`registry.example/${'a'.repeat(250)}:1.0`),
      errors: [{ messageId: 'nameTooLong', data: { container: 'app', image: `registry.example/${'a'.repeat(250)}:1.0`, length: '267' }, ...at(7, 14, 285) }],
    },
    {
      name: 'a registry host with an underscore',
      code: pod('my_registry.example/app:1.0'),
      errors: [{ messageId: 'badRegistry', data: { container: 'app', image: 'my_registry.example/app:1.0', registry: 'my_registry.example' }, ...at(7, 14, 41) }],
    },
    {
      name: 'a path component ending in a separator',
      code: pod('registry.example/team-/app:1.0'),
      errors: [{ messageId: 'badPath', data: { container: 'app', image: 'registry.example/team-/app:1.0', path: 'team-/app' }, ...at(7, 14, 44) }],
    },
    {
      name: 'a tag longer than 128 characters is shown cut',
      code: pod(`app:${'v'.repeat(129)}`),
      errors: [{ messageId: 'badTag', data: { container: 'app', image: `app:${'v'.repeat(129)}`, tag: `${'v'.repeat(40)}…`, length: '129' }, ...at(7, 14, 147) }],
    },
    {
      name: 'whitespace inside a reference, with no clean form to offer',
      code: pod('"nginx 1.27"'),
      errors: [{ messageId: 'whitespace', data: { container: 'app', image: 'nginx 1.27', fix: 'Remove the whitespace.' }, ...at(7, 14, 26) }],
    },
  ],
});
