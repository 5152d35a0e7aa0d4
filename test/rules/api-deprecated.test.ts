import rule from '../../rules/api-deprecated.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const noRemoval = (apiVersion: string, kind: string, deprecated: string, advice: string, line: number) => ({ messageId: 'deprecatedNoRemoval', data: { apiVersion, kind, deprecated, advice }, ...at(line, 13, 13 + apiVersion.length) });
const deprecated = (apiVersion: string, kind: string, since: string, removedIn: string, advice: string, line: number) => ({ messageId: 'deprecated', data: { apiVersion, kind, deprecated: since, removed: removedIn, advice }, ...at(line, 13, 13 + apiVersion.length) });

const cronJob = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: report, image: "report:2.0.1"}]}}}}\n';
const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\nspec: {privileged: false}\n';

ruleTester(rule, {
  valid: [
    { name: 'the current versions, and a removed API (api-removed reports it)', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'batch/v1beta1 CronJob before its deprecation', code: cronJob, world: { kubernetesVersion: '1.20' } },
    { name: 'batch/v1beta1 CronJob from its removal on is api-removed\'s', code: cronJob, world: { kubernetesVersion: '1.25' } },
  ],
  invalid: [
    {
      name: 'deprecated APIs without a removal release yet, with the GA version the target serves as the way out',
      fixture: 'invalid.yaml',
      errors: [
        noRemoval('resource.k8s.io/v1beta1', 'DeviceClass', '1.33', 'move to resource.k8s.io/v1', 1),
        noRemoval('storage.k8s.io/v1beta1', 'VolumeAttributesClass', '1.34', 'move to storage.k8s.io/v1', 9),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [noRemoval('resource.k8s.io/v1beta1', 'ResourceClaimTemplate', '1.33', 'move to resource.k8s.io/v1', 1)],
    },
    {
      name: 'batch/v1beta1 CronJob for a 1.24 cluster: deprecated, removed in the next release',
      code: cronJob,
      world: { kubernetesVersion: '1.24' },
      errors: [deprecated('batch/v1beta1', 'CronJob', '1.21', '1.25', 'move to batch/v1', 1)],
    },
    {
      name: 'an API with no successor',
      code: psp,
      world: { kubernetesVersion: '1.22' },
      errors: [deprecated('policy/v1beta1', 'PodSecurityPolicy', '1.21', '1.25', 'no API replaces it; plan its removal', 1)],
    },
    {
      name: 'a bundled release between deprecation and removal',
      code: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: service-accounts}\nspec:\n  priorityLevelConfiguration: {name: workload-low}\n',
      world: { kubernetesVersion: '1.30' },
      errors: [deprecated('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.24', '1.32', 'move to flowcontrol.apiserver.k8s.io/v1', 1)],
    },
  ],
});
