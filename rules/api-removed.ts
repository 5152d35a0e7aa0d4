import { createRule } from '../src/engine/builtin-rule.js';
import { apiStatus } from '../src/schema/apis.js';
import { targetOf } from '../src/schema/resource.js';

export default createRule({
  meta: {
    id: 'api-removed',
    category: 'schema',
    severity: 'error',
    precision: 'very-high',
    description: 'The apiVersion and kind are not served by the target Kubernetes release: removed (such as `extensions/v1beta1` Deployments), not yet added, or never existing.',
    rationale: 'An API server answers an object of an API it does not serve with `no matches for kind`, so `kubectl apply`, Helm and Argo CD fail on it, and on every manifest applied with it in one go. Removed APIs are the usual cause after a cluster upgrade: `extensions/v1beta1` and `apps/v1beta1` workloads (removed in 1.16), `networking.k8s.io/v1beta1` Ingresses and `apiextensions.k8s.io/v1beta1` CRDs (1.22), `batch/v1beta1` CronJobs, `policy/v1beta1` PodDisruptionBudgets and PodSecurityPolicies (1.25). The target release is `--kubernetes-version` (default: the newest bundled); removals come from the official specs of the bundled releases and, before them, from pluto\'s table of deprecated APIs.',
    remediation: 'Move the manifest to the replacement apiVersion the message names, adapting the fields that changed (an `apps/v1` Deployment requires `spec.selector`; a `networking.k8s.io/v1` Ingress backend is `service: {name, port}`). When the cluster is older than the target, set `--kubernetes-version` to its release.',
    messages: {
      removed: '{{apiVersion}} {{kind}} was removed in Kubernetes {{removed}}, so Kubernetes {{version}} does not serve it: {{advice}}.',
      notYetServed: '{{apiVersion}} {{kind}} is not served by Kubernetes {{version}}: it exists from Kubernetes {{since}} on. Use an API version that release serves, or set --kubernetes-version to the cluster\'s release.',
      notServed: 'Kubernetes {{version}} serves no {{kind}} in {{apiVersion}}: {{hint}}.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    const target = targetOf(context.index);
    const status = apiStatus(resource.apiVersion, resource.kind, target);
    if (!status) return;
    const base = { apiVersion: resource.apiVersion, kind: resource.kind, version: target.version };
    if (status.status === 'removed') {
      const advice = status.entry.replacement ? `use ${status.entry.replacement} instead` : 'no API replaces it, so it has to go';
      context.report({ messageId: 'removed', data: { ...base, removed: status.entry.removed, advice }, path: ['apiVersion'] });
    } else if (status.status === 'notYetServed') {
      context.report({ messageId: 'notYetServed', data: { ...base, since: status.since }, path: ['apiVersion'] });
    } else if (status.status === 'notServed') {
      context.report({ messageId: 'notServed', data: { ...base, hint: status.hint }, path: ['kind'] });
    }
  },
});
