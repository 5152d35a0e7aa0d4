import rule from '../../rules/unused-configmap.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const unused = (name: string, namespace: string, line: number, column: number, endColumn: number) => ({ messageId: 'unused', data: { name, namespace }, line, column, endLine: line, endColumn });

/** A ConfigMap named `name` with the given labels (flow style), alone in the set. */
const lone = (name: string, labels = '{}', namespace = 'default') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: ${labels}\ndata: {a: b}\n`;

ruleTester(rule, {
  valid: [
    { name: 'referenced, named in arguments and custom resources, found by label, leader-election locks, read by name by the control plane, Argo CD and istiod', fixture: 'valid.yaml' },
    { name: 'a partial run never says a ConfigMap is unused', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'names exempted by glob pattern', code: lone('grafana-dashboard-shop'), options: { ignore: ['grafana-dashboard-*'] } },
    { name: 'labels exempted by key', code: lone('rules', '{prometheus_rule: "true"}'), options: { ignoreLabels: ['prometheus_rule'] } },
    { name: 'a kubelet configuration kubeadm reads', code: lone('kubelet-config-1.31', '{}', 'kube-system') },
  ],
  invalid: [
    {
      name: 'a stale generated ConfigMap, one nothing mounts, a dashboard without the sidecar label',
      fixture: 'invalid.yaml',
      errors: [unused('web-config-5fh8k2t7bd', 'shop', 5, 9, 30), unused('feature-flags', 'shop', 39, 9, 22), unused('shop-dashboard', 'monitoring', 48, 9, 23)],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [unused('web-config', 'default', 4, 9, 19)],
    },
    { name: 'setting ignore replaces the default patterns', code: lone('backup-operator-lock'), options: { ignore: ['legacy-*'] }, errors: [unused('backup-operator-lock', 'default', 4, 9, 29)] },
    { name: 'the control plane reads aws-auth in kube-system only', code: lone('aws-auth', '{}', 'shop'), errors: [unused('aws-auth', 'shop', 4, 9, 17)] },
    { name: 'Argo CD reads only its own argocd- ConfigMaps', code: lone('team-settings', '{app.kubernetes.io/part-of: argocd}', 'argocd'), errors: [unused('team-settings', 'argocd', 4, 9, 22)] },
  ],
});
