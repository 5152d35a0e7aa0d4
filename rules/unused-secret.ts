import { createRule } from '../src/engine/builtin-rule.js';
import type { ResourceIndex } from '../src/model/index.js';
import { ignoredBy } from '../src/model/names.js';
import { metadataMap, type Resource } from '../src/model/resource.js';

/** Types Kubernetes or Helm own: tokens the control plane reads, and Helm's release records. */
const SYSTEM_TYPES = new Set(['kubernetes.io/service-account-token', 'bootstrap.kubernetes.io/token', 'helm.sh/release.v1']);

/** Secrets something reads without naming them in a field kubegate reads as a reference. */
function readByConvention(secret: Resource, index: ResourceIndex): boolean {
  const labels = metadataMap(secret, 'labels');
  const annotations = metadataMap(secret, 'annotations');
  const type = secret.object.type;
  if (typeof type === 'string' && SYSTEM_TYPES.has(type)) return true;
  // A token Secret the token controller fills for the ServiceAccount it names.
  if ('kubernetes.io/service-account.name' in annotations) return true;
  // Helm 3 release records, also when written without their type.
  if (labels.owner === 'helm' && typeof labels.name === 'string') return true;
  // Argo CD's components read their own Secrets (argocd-secret, argocd-notifications-secret) through the API.
  if (labels['app.kubernetes.io/part-of'] === 'argocd' && secret.name.startsWith('argocd-')) return true;
  // The Prometheus Operator gives an Alertmanager without configSecret the Secret `alertmanager-<name>`.
  if (secret.name.startsWith('alertmanager-')) {
    const alertmanager = secret.name.slice('alertmanager-'.length);
    if (index.get('monitoring.coreos.com/Alertmanager', index.namespaceOf(secret), alertmanager).length > 0) return true;
  }
  return false;
}

export default createRule({
  meta: {
    id: 'unused-secret',
    category: 'references',
    severity: 'warning',
    precision: 'medium',
    description: 'A Secret is not referenced by any pod, ServiceAccount or Ingress, nor named by any other object of the set.',
    rationale: 'A Secret nothing uses is usually left over from a rename (the pods now read another Secret, and whoever rotates this one rotates nothing) or a sign of a missing reference (an image pull secret no pod or ServiceAccount lists, so private images fail to pull). Credentials that nothing needs are still readable by anyone allowed to read Secrets in the namespace.',
    remediation: 'Delete the Secret if nothing reads it, or add the reference that was meant to use it (an `imagePullSecrets` entry, a volume, an `env` `secretKeyRef`). A Secret read in a way kubegate cannot see (an application or operator that fetches it through the API by a name written elsewhere) can be exempted by name with the `ignore` option (glob patterns such as `app-*-token`) or by label with `ignoreLabels` (`key` or `key=value`; the default exempts what Grafana\'s sidecar and the Sealed Secrets controller find by label). Service account tokens, bootstrap tokens, Helm release records, Argo CD\'s own Secrets and its repository and cluster Secrets, an Alertmanager\'s default `alertmanager-<name>` configuration, and Secrets any other object names (in an argument, an annotation or a custom resource field) are never reported. Only complete runs report.',
    messages: {
      unused: 'Secret "{{name}}" in namespace "{{namespace}}" is not referenced by any pod, ServiceAccount or Ingress, nor named by any other object. Delete it if nothing reads it, or add it to this rule\'s ignore option if something outside these manifests does.',
      unusedPullSecret: 'Image pull secret "{{name}}" in namespace "{{namespace}}" is not listed in the imagePullSecrets of any pod or ServiceAccount, so no pull uses it and private images fail with ImagePullBackOff. Add it to the imagePullSecrets of the pods or of their ServiceAccount, or delete it.',
    },
    appliesTo: ['Secret'],
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: {
            description: 'Names of Secrets never reported, as glob patterns (`*` for any characters, `?` for one).',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          ignoreLabels: {
            description: 'Labels that mark Secrets found by label rather than by name: `key` (any value) or `key=value`. Replaces the default list.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
      defaults: {
        ignore: [] as string[],
        ignoreLabels: ['argocd.argoproj.io/secret-type', 'grafana_datasource', 'grafana_dashboard', 'grafana_alert', 'sealedsecrets.bitnami.com/sealed-secrets-key'] as string[],
      },
    },
  },
  create(context) {
    const { index, options } = context;
    const isIgnored = ignoredBy(options);
    return {
      finish() {
        // In a partial run the object that uses it may be in a file that was not given.
        if (!index.complete) return;
        for (const secret of index.ofKind('Secret')) {
          // Nothing can name one without a name: whether it is used depends on the name it is
          // given, and incomplete-resource already asks for one.
          if (secret.unnamed) continue;
          const namespace = index.namespaceOf(secret)!;
          if (index.referencesTo('Secret', namespace, secret.name).length > 0 || readByConvention(secret, index) || isIgnored(secret) || index.isMentioned(secret)) continue;
          const pull = secret.object.type === 'kubernetes.io/dockerconfigjson' || secret.object.type === 'kubernetes.io/dockercfg';
          context.report({ messageId: pull ? 'unusedPullSecret' : 'unused', data: { name: secret.name, namespace }, path: ['metadata', 'name'], resource: secret });
        }
      },
    };
  },
});
