import rule from '../../rules/schema-unknown-field.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const didYouMean = (parent: string, field: string, suggestion: string, line: number, column: number) => ({ messageId: 'didYouMean', data: { parent, field, suggestion }, ...at(line, column, column + field.length) });
const unknown = (parent: string, field: string, line: number, column: number) => ({ messageId: 'unknown', data: { parent, field }, ...at(line, column, column + field.length) });

const pod = (spec: string[]) => ['apiVersion: v1', 'kind: Pod', 'metadata: {name: app}', 'spec:', ...spec.map((line) => `  ${line}`), ''].join('\n');
const podLevelResources = pod(['resources:', '  requests: {cpu: 500m}', 'containers:', '  - {name: app, image: "app:1.0.0"}']);

ruleTester(rule, {
  valid: [
    { name: 'known fields at every level, nulls, status, free-form maps, a custom resource', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a field added in 1.32, at the default (newest) version', code: podLevelResources },
    { name: 'the same field when the target is a release that has it', code: podLevelResources, world: { kubernetesVersion: '1.32' } },
    {
      name: 'an apiVersion the target does not serve is api-removed\'s, not a schema to check against',
      code: 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\nspec:\n  anything: at all\n',
    },
    {
      name: 'a List: each item is checked as itself, and the list wrapper is no object',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    data: {k: v}\n',
    },
  ],
  invalid: [
    {
      name: 'typos at the top, in metadata, in a container, in a nested type and in a Service port; a field that exists nowhere',
      fixture: 'invalid.yaml',
      errors: [
        didYouMean('metadata', 'lables', 'labels', 5, 3),
        didYouMean('spec.template.spec.containers[0]', 'readinesProbe', 'readinessProbe', 17, 11),
        didYouMean('spec.template.spec.containers[0].resources', 'limit', 'limits', 21, 13),
        unknown('spec.template.spec.containers[0]', 'healthcheck', 22, 11),
        didYouMean('spec.ports[0]', 'targetport', 'targetPort', 32, 7),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [didYouMean('spec.template.spec.containers[0]', 'readinesProbe', 'readinessProbe', 15, 11)],
    },
    {
      name: 'a field of a later release than the target names the releases that have it',
      code: podLevelResources,
      world: { kubernetesVersion: '1.31' },
      errors: [{ messageId: 'otherVersion', data: { parent: 'spec', field: 'resources', version: '1.31', versions: '1.32 and later' }, ...at(5, 3, 12) }],
    },
    {
      name: 'a field at the top level of the object names the kind, and a case slip is a typo',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\nData:\n  key: value\n',
      errors: [didYouMean('the ConfigMap', 'Data', 'data', 4, 1)],
    },
    {
      name: 'an item of a List is checked at its own path',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    dta: {k: v}\n',
      errors: [didYouMean('the ConfigMap', 'dta', 'data', 7, 5)],
    },
  ],
});
