import rule from '../../rules/workload-selector-mismatch.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const mismatch = (kind: string, selector: string, labels: string, line: number, labelsLine: number, column = 3, labelsColumn = 7) => ({
  messageId: 'mismatch',
  data: { kind, labels, selector, rejection: kind === 'Rollout' ? 'the Argo Rollouts controller refuses this Rollout as InvalidSpec' : `the API server rejects this ${kind}` },
  line,
  column,
  endLine: line,
  endColumn: column + 'selector'.length,
  related: [{ line: labelsLine, column: labelsColumn, message: 'the pod template\'s labels' }],
});

/** A workload of `apiVersion` and `kind` with the given spec lines before its template, and template labels. */
const workload = (apiVersion: string, kind: string, specLines: string[], labels: string) =>
  [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata: {name: web}',
    'spec:',
    ...specLines.map((line) => `  ${line}`),
    '  template:',
    `    metadata: {labels: ${labels}}`,
    '    spec: {containers: [{name: web, image: "registry.example/web:2.0.0"}]}',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'extra labels and numbers, defaulted selectors, expressions, Jobs and CronJobs, ReplicationController, Rollout with workloadRef', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a template label that is not a plain value leaves nothing certain to compare', code: workload('apps/v1', 'Deployment', ['selector: {matchLabels: {app: web}}'], '{app: web, version: null}') },
    { name: 'a selector with an unknown operator is left to schema validation', code: workload('apps/v1', 'Deployment', ['selector: {matchExpressions: [{key: app, operator: Matches, values: [web]}]}'], '{app: other}') },
    { name: 'a ReplicaSet of apps/v1beta2 with a matching selector', code: workload('apps/v1beta2', 'ReplicaSet', ['selector: {matchLabels: {app: web}}'], '{app: web}') },
    {
      name: 'an OpenShift DeploymentConfig selects with a plain label map, defaulted from the template when absent or empty',
      code: [
        workload('apps.openshift.io/v1', 'DeploymentConfig', ['replicas: 2', 'selector: {app: web, deploymentconfig: web}'], '{app: web, deploymentconfig: web}'),
        workload('apps.openshift.io/v1', 'DeploymentConfig', ['replicas: 2'], '{app: web}'),
        workload('apps.openshift.io/v1', 'DeploymentConfig', ['selector: {}'], '{app: web}'),
      ].join('---\n'),
    },
    {
      name: 'a Deployment\'s matchLabels written on a DeploymentConfig is no plain label map, left to schema validation',
      code: workload('apps.openshift.io/v1', 'DeploymentConfig', ['selector: {matchLabels: {app: web}}'], '{app: web}'),
    },
  ],
  invalid: [
    {
      name: 'relabelled template, no selector, empty selector, Job without manualSelector, manual Job, ReplicationController, Rollout expressions',
      fixture: 'invalid.yaml',
      errors: [
        mismatch('Deployment', 'app=web, version=v1', 'app=web, version=v2', 8, 14),
        { messageId: 'missing', data: { kind: 'StatefulSet', labels: 'app=db', apiVersion: 'apps/v1' }, line: 27, column: 1, endLine: 27, endColumn: 5 },
        { messageId: 'empty', data: { kind: 'DaemonSet', labels: 'app=node-agent' }, line: 43, column: 3, endLine: 43, endColumn: 11 },
        { messageId: 'jobSelector', data: { kind: 'Job', labels: 'job=migrate' }, line: 59, column: 3, endLine: 59, endColumn: 11 },
        mismatch('Job', 'job=reindex', 'job=re-index', 77, 81),
        mismatch('ReplicationController', 'app=legacy, tier=backend', 'app=legacy', 94, 99),
        mismatch('Rollout', 'app=storefront, tier in (web, edge)', 'app=storefront, tier=api', 111, 117),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [mismatch('Deployment', 'app=web', 'app=webapp', 6, 10)] },
    {
      name: 'an OpenShift DeploymentConfig whose plain selector misses its template',
      code: workload('apps.openshift.io/v1', 'DeploymentConfig', ['selector: {app: web, tier: front}'], '{app: web}'),
      errors: [mismatch('DeploymentConfig', 'app=web, tier=front', 'app=web', 5, 7, 3, 16)],
    },
    {
      name: 'a template without labels, and a ReplicaSet of apps/v1beta2 without a selector',
      code: `${workload('apps/v1', 'Deployment', ['selector: {matchLabels: {app: web}}'], '{}')}---\n${workload('apps/v1beta2', 'ReplicaSet', ['replicas: 2'], '{app: web}')}`,
      errors: [
        mismatch('Deployment', 'app=web', 'none', 5, 7, 3, 16),
        { messageId: 'missing', data: { kind: 'ReplicaSet', labels: 'app=web', apiVersion: 'apps/v1beta2' }, line: 13, column: 1, endLine: 13, endColumn: 5 },
      ],
    },
    {
      name: 'a CronJob\'s job template with a selector of its own',
      code: [
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: report}',
        'spec:',
        '  schedule: "0 4 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      selector: {matchLabels: {job: report}}',
        '      template:',
        '        metadata: {labels: {job: report}}',
        '        spec: {restartPolicy: Never, containers: [{name: report, image: "registry.example/report:1.0.4"}]}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'jobSelector', data: { kind: 'CronJob', labels: 'job=report' }, line: 8, column: 7, endLine: 8, endColumn: 15 }],
    },
  ],
});
