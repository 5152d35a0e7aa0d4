import rule from '../../rules/hpa-target-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const missing = (kind: string, name: string, apiVersion: string, namespace: string, line: number) => ({
  messageId: 'missing',
  data: { kind, name, apiVersion, namespace },
  line,
  column: 11,
  endLine: line,
  endColumn: 11 + name.length,
});

const hpa = (apiVersion: string, kind: string, name: string) =>
  [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  scaleTargetRef:',
    `    apiVersion: ${apiVersion}`,
    `    kind: ${kind}`,
    `    name: ${name}`,
    '  minReplicas: 2',
    '  maxReplicas: 5',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'Deployment, Argo Rollout, explicit default namespace, an extensions Deployment named through apps', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run never says a target is missing', fixture: 'invalid.yaml', world: { complete: false } },
    {
      name: 'a target the configuration declares external',
      code: hpa('apps.kruise.io/v1alpha1', 'CloneSet', 'workers'),
      world: { external: (target, namespace, name) => target === 'apps.kruise.io/CloneSet' && namespace === 'shop' && name === 'workers' },
    },
    { name: 'a placeholder is not a name to look up', code: hpa('apps/v1', 'Deployment', '${APP_NAME}') },
  ],
  invalid: [
    {
      name: 'a near miss, a Rollout named with apps, a Deployment named with extensions, another namespace, a custom kind',
      fixture: 'invalid.yaml',
      errors: [
        missing('Deployment', 'checkout', 'apps/v1', 'shop', 26),
        {
          messageId: 'wrongGroup',
          data: { kind: 'Rollout', name: 'storefront', apiVersion: 'apps/v1', group: 'group apps', actual: 'Rollout of group argoproj.io', actualApiVersion: 'argoproj.io/v1alpha1' },
          line: 64,
          column: 17,
          endLine: 64,
          endColumn: 24,
          related: [{ line: 36, column: 13, message: 'Rollout "storefront" (argoproj.io/v1alpha1)' }],
        },
        {
          messageId: 'wrongGroup',
          data: { kind: 'Deployment', name: 'check-out', apiVersion: 'extensions/v1beta1', group: 'group extensions', actual: 'Deployment of group apps', actualApiVersion: 'apps/v1' },
          line: 78,
          column: 17,
          endLine: 78,
          endColumn: 35,
          related: [{ line: 1, column: 13 }],
        },
        {
          messageId: 'otherNamespace',
          data: { kind: 'StatefulSet', name: 'search', namespace: 'default', namespaces: '"search"' },
          line: 111,
          column: 11,
          endLine: 111,
          endColumn: 17,
          related: [{ line: 89, column: 9, message: 'StatefulSet "search" in namespace "search"' }],
        },
        missing('CloneSet', 'workers', 'apps.kruise.io/v1alpha1', 'jobs', 125),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [missing('Deployment', 'storefront', 'apps/v1', 'default', 29)] },
    {
      name: 'a core-group apiVersion names no workload',
      code: `${hpa('v1', 'Deployment', 'web')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "registry.example/web:1.4.2"}]}\n`,
      errors: [
        {
          messageId: 'wrongGroup',
          data: { kind: 'Deployment', name: 'web', apiVersion: 'v1', group: 'the core group', actual: 'Deployment of group apps', actualApiVersion: 'apps/v1' },
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 19,
          related: [{ line: 12, column: 13 }],
        },
      ],
    },
  ],
});
