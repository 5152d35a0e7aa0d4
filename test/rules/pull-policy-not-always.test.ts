import rule from '../../rules/pull-policy-not-always.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const ifNotPresent = (container: string, image: string, tagText: string, line: number, column: number, endColumn: number) => ({ messageId: 'ifNotPresent', data: { container, image, tagText }, ...at(line, column, endColumn) });
const never = (container: string, image: string, tagText: string, line: number, column: number, endColumn: number) => ({ messageId: 'never', data: { container, image, tagText }, ...at(line, column, endColumn) });

const pod = (image: string, policy?: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: ${image}\n${policy === undefined ? '' : `      imagePullPolicy: ${policy}\n`}`;

ruleTester(rule, {
  valid: [
    { name: 'Always, defaulted Always, version tags, a digest, a placeholder image, a helm test pod', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a moving tag the team declares, pulled Always', code: pod('registry.example/app:main', 'Always'), options: { mutableTags: ['main'] } },
    { name: 'a tag the team does not declare moving', code: pod('registry.example/app:main') },
    { name: 'an image an OpenShift ImageChange trigger deploys by digest', code: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: web}\nspec:\n  triggers:\n    - type: ImageChange\n      imageChangeParams: {automatic: true, containerNames: [web], from: {kind: ImageStreamTag, name: \"web:latest\"}}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:latest\n          imagePullPolicy: IfNotPresent\n' },
  ],
  invalid: [
    {
      name: 'untagged init container, latest with a registry port, placeholder name, ephemeral container, flow-style CronJob with Never',
      fixture: 'invalid.yaml',
      errors: [
        ifNotPresent('wait-for-db', 'busybox', 'no tag, so latest', 15, 28, 40),
        ifNotPresent('shop', 'registry.example:5000/team/shop:latest', 'the moving tag latest', 19, 28, 40),
        never('app', 'REGION-docker.pkg.dev/PROJECT_ID/repo/app:latest', 'the moving tag latest', 32, 24, 29),
        ifNotPresent('debugger', 'nicolaka/netshoot', 'no tag, so latest', 36, 24, 38),
        never('cleanup', 'localhost:5000/tools/cleanup:latest', 'the moving tag latest', 49, 103, 108),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [ifNotPresent('web', 'registry.example/web:latest', 'the moving tag latest', 15, 28, 40)],
    },
    {
      name: 'a moving tag the team declares defaults to IfNotPresent',
      code: pod('registry.example/app:main'),
      options: { mutableTags: ['latest', 'main'] },
      errors: [{ messageId: 'defaulted', data: { container: 'app', image: 'registry.example/app:main', tag: 'main' }, ...at(7, 14, 39) }],
    },
  ],
});
