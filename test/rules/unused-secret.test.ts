import rule from '../../rules/unused-secret.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const unused = (name: string, namespace: string, line: number, column: number, endColumn: number) => ({ messageId: 'unused', data: { name, namespace }, line, column, endLine: line, endColumn });

/** A Secret named `name` with the given labels (flow style), alone in the set. */
const lone = (name: string, labels = '{}') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  labels: ${labels}\nstringData: {a: b}\n`;

ruleTester(rule, {
  valid: [
    { name: 'referenced, named in annotations, arguments and custom resources, read by Kubernetes, Helm, Argo CD, Grafana and the Prometheus Operator', fixture: 'valid.yaml' },
    { name: 'a partial run never says a Secret is unused', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'names exempted by glob pattern', code: lone('legacy-smtp'), options: { ignore: ['legacy-*', 'other'] } },
    { name: 'labels exempted as key=value', code: lone('team-creds', '{team: platform}'), options: { ignoreLabels: ['team=platform'] } },
    { name: 'a Helm release record without its type', code: lone('sh.helm.release.v1.web.v1', '{owner: helm, name: web}') },
  ],
  invalid: [
    {
      name: 'left over after a rename, a pull secret nobody lists, a datasource without the sidecar label',
      fixture: 'invalid.yaml',
      errors: [
        unused('api-db', 'shop', 5, 9, 15),
        { messageId: 'unusedPullSecret', data: { name: 'regcred', namespace: 'shop' }, line: 22, column: 9, endLine: 22, endColumn: 16 },
        unused('datasources', 'monitoring', 53, 9, 20),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'unusedPullSecret', data: { name: 'regcred', namespace: 'default' }, line: 4, column: 9, endLine: 4, endColumn: 16 }],
    },
    { name: 'a glob matches the whole name, not a part of it', code: lone('legacy-smtp'), options: { ignore: ['legacy'] }, errors: [unused('legacy-smtp', 'default', 4, 9, 20)] },
    { name: 'key=value exempts that value only', code: lone('team-creds', '{team: payments}'), options: { ignoreLabels: ['team=platform'] }, errors: [unused('team-creds', 'default', 4, 9, 19)] },
    {
      name: 'ignoreLabels replaces the default list',
      code: lone('loki-datasource', '{grafana_datasource: "1"}'),
      options: { ignoreLabels: ['team'] },
      errors: [unused('loki-datasource', 'default', 4, 9, 24)],
    },
    {
      name: 'an Alertmanager of another name does not read it',
      code: 'apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main}\nspec: {replicas: 1}\n---\n' + lone('alertmanager-backup'),
      errors: [unused('alertmanager-backup', 'default', 9, 9, 28)],
    },
    {
      name: 'a Secret in the run\'s default namespace',
      code: lone('smtp'),
      world: { defaultNamespace: 'mail' },
      errors: [unused('smtp', 'mail', 4, 9, 13)],
    },
  ],
});
