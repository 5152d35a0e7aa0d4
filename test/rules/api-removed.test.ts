import rule from '../../rules/api-removed.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const removed = (apiVersion: string, kind: string, removedIn: string, version: string, advice: string, line: number) => ({ messageId: 'removed', data: { apiVersion, kind, removed: removedIn, version, advice }, ...at(line, 13, 13 + apiVersion.length) });
const notServed = (apiVersion: string, kind: string, version: string, hint: string, line: number) => ({ messageId: 'notServed', data: { apiVersion, kind, version, hint }, ...at(line, 7, 7 + kind.length) });

const cronJob = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: report, image: "report:2.0.1"}]}}}}\n';
const deviceClass = 'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\n';

ruleTester(rule, {
  valid: [
    { name: 'current APIs, a custom resource, and a deprecated API that is still served', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'batch/v1beta1 CronJob for a 1.24 cluster, which still serves it (api-deprecated warns)', code: cronJob, world: { kubernetesVersion: '1.24' } },
    { name: 'an API from its first release on', code: deviceClass, world: { kubernetesVersion: '1.34' } },
    {
      name: 'a group only the deprecation table knows says nothing of kinds it does not list: an audit policy is a file the API server reads',
      code: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nmetadata: {name: default}\nrules: [{level: Metadata}]\n',
    },
    {
      name: 'before the oldest bundled release only the deprecation table speaks: a kind it does not list is not judged',
      code: 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: typo}\n',
      world: { kubernetesVersion: '1.24' },
    },
  ],
  invalid: [
    {
      name: 'removed workloads, Ingress, CronJob and PodSecurityPolicy; a misspelled kind; a version that never existed',
      fixture: 'invalid.yaml',
      errors: [
        removed('extensions/v1beta1', 'Deployment', '1.16', '1.36', 'use apps/v1 instead', 1),
        removed('networking.k8s.io/v1beta1', 'Ingress', '1.22', '1.36', 'use networking.k8s.io/v1 instead', 13),
        removed('batch/v1beta1', 'CronJob', '1.25', '1.36', 'use batch/v1 instead', 20),
        removed('policy/v1beta1', 'PodSecurityPolicy', '1.25', '1.36', 'no API replaces it, so it has to go', 33),
        notServed('apps/v1', 'Deploymnet', '1.36', 'the closest kind it serves is Deployment', 41),
        notServed('apps/v1beta3', 'Deployment', '1.36', 'Deployment is served as apps/v1', 46),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [removed('networking.k8s.io/v1beta1', 'Ingress', '1.22', '1.36', 'use networking.k8s.io/v1 instead', 1)],
    },
    {
      name: 'the same CronJob for a 1.25 cluster, the release that removed it',
      code: cronJob,
      world: { kubernetesVersion: '1.25' },
      errors: [removed('batch/v1beta1', 'CronJob', '1.25', '1.25', 'use batch/v1 instead', 1)],
    },
    {
      name: 'an API newer than the target release',
      code: deviceClass,
      world: { kubernetesVersion: '1.30' },
      errors: [{ messageId: 'notYetServed', data: { apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', version: '1.30', since: '1.34' }, ...at(1, 13, 31) }],
    },
    {
      name: 'a removal the bundled specs show and pluto\'s table lacks, with the most stable successor served then',
      code: 'apiVersion: networking.k8s.io/v1alpha1\nkind: IPAddress\nmetadata: {name: 10.0.0.10}\n',
      world: { kubernetesVersion: '1.33' },
      errors: [removed('networking.k8s.io/v1alpha1', 'IPAddress', '1.31', '1.33', 'use networking.k8s.io/v1 instead', 1)],
    },
  ],
});
