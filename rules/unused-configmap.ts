import { createRule } from '../src/engine/builtin-rule.js';
import { ignoredBy } from '../src/model/names.js';
import { metadataMap, type Resource } from '../src/model/resource.js';

/** ConfigMaps the control plane, or a managed cluster's components, read by name. */
const CONTROL_PLANE = /^(kube-system\u0000(aws-auth|kubeadm-config|kubelet-config(-[0-9.]+)?|coredns-custom|extension-apiserver-authentication)|kube-public\u0000cluster-info)$/;

/** ConfigMaps well-known software reads through the API by a fixed name, not through a pod reference. */
function readByConvention(configMap: Resource, namespace: string): boolean {
  // Kubernetes publishes it in every namespace for projected service account tokens.
  if (configMap.name === 'kube-root-ca.crt') return true;
  if (CONTROL_PLANE.test(`${namespace}\u0000${configMap.name}`)) return true;
  const labels = metadataMap(configMap, 'labels');
  // Argo CD's components read argocd-cm, argocd-rbac-cm and the others by name.
  if (labels['app.kubernetes.io/part-of'] === 'argocd' && configMap.name.startsWith('argocd-')) return true;
  // istiod and istioctl read their revision's ConfigMaps through the API: the mesh configuration,
  // the injection template (istio-sidecar-injector[-<rev>]) and the chart's `values`.
  if (Object.hasOwn(labels, 'istio.io/rev')) return true;
  return false;
}

export default createRule({
  meta: {
    id: 'unused-configmap',
    category: 'references',
    severity: 'warning',
    precision: 'medium',
    description: 'A ConfigMap is not referenced by any pod, nor named by any other object of the set.',
    rationale: 'A ConfigMap nothing uses is usually left over from a rename: the pods read another one, so an edit to this one changes nothing, and whoever makes it is misled into thinking the configuration was applied. With Kustomize\'s hashed names it is also a sign of a generator whose output no workload picks up.',
    remediation: 'Delete the ConfigMap if nothing reads it, or add the reference that was meant to use it (a volume, `envFrom`, an `env` `configMapKeyRef`). A ConfigMap read in a way kubegate cannot see (an application that fetches it through the API, a sidecar or operator that finds it by label) can be exempted by name with the `ignore` option (glob patterns such as `*-leader-election`) or by label with `ignoreLabels` (`key` or `key=value`). The defaults exempt the labels Grafana\'s dashboard, datasource and alert sidecars watch, and leader-election locks (`*-leader-election`, `*-lock`, `*-leader`); setting an option replaces its default list, so repeat the entries to keep them. `kube-root-ca.crt`, ConfigMaps the control plane reads by name (`aws-auth`, `kubeadm-config`, `coredns-custom` in kube-system), Argo CD\'s and istiod\'s own configuration, and ConfigMaps any other object names (in an argument, an annotation or a custom resource field) are never reported. Only complete runs report.',
    messages: {
      unused: 'ConfigMap "{{name}}" in namespace "{{namespace}}" is not referenced by any pod, nor named by any other object. Delete it if nothing reads it, or add it to this rule\'s ignore option if something outside these manifests does.',
    },
    appliesTo: ['ConfigMap'],
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: {
            description: 'Names of ConfigMaps never reported, as glob patterns (`*` for any characters, `?` for one). Replaces the default list.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          ignoreLabels: {
            description: 'Labels that mark ConfigMaps found by label rather than by name: `key` (any value) or `key=value`. Replaces the default list.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
      defaults: {
        ignore: ['*-leader-election', '*-lock', '*-leader'] as string[],
        ignoreLabels: ['grafana_dashboard', 'grafana_datasource', 'grafana_alert'] as string[],
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
        for (const configMap of index.ofKind('ConfigMap')) {
          // Nothing can name one without a name: whether it is used depends on the name it is
          // given, and incomplete-resource already asks for one.
          if (configMap.unnamed) continue;
          const namespace = index.namespaceOf(configMap)!;
          if (index.referencesTo('ConfigMap', namespace, configMap.name).length > 0 || readByConvention(configMap, namespace) || isIgnored(configMap) || index.isMentioned(configMap)) continue;
          context.report({ messageId: 'unused', data: { name: configMap.name, namespace }, path: ['metadata', 'name'], resource: configMap });
        }
      },
    };
  },
});
