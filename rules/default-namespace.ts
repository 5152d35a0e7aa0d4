import { createRule } from '../src/engine/builtin-rule.js';
import { isClusterScoped } from '../src/model/kinds.js';
import { metadataMap, type Resource } from '../src/model/resource.js';

/**
 * Whether the object is `helm template` output: it has Helm's `# Source:` origin, not Kustomize's
 * origin annotation. Helm renders `{{ .Release.Namespace }}` as `default` when no namespace is
 * given, so there a written `default` may only be the release namespace left to install time.
 */
function renderedByHelm(resource: Resource): boolean {
  return resource.origin !== undefined && metadataMap(resource, 'annotations')['config.kubernetes.io/origin'] === undefined;
}

const RBAC_IN_PLACE = new Set(['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding']);

export default createRule({
  meta: {
    id: 'default-namespace',
    category: 'hygiene',
    severity: 'warning',
    precision: 'high',
    description: 'A namespaced object is written into the `default` namespace.',
    rationale:
      'The `default` namespace is where everything without a namespace of its own lands: objects there share names, RBAC bindings, quotas, LimitRanges and NetworkPolicies with whatever else was applied without thought, an application in it cannot be deleted, secured or given its own Pod Security level as one unit, and a second application reusing a name silently overwrites the first. An object written with `namespace: default` pins itself there. Objects written without a namespace are not reported: charts and Kustomize bases leave it to install time (`helm install -n`, `kubectl apply -n`, a kustomization\'s `namespace`). Neither is `helm template` output without `--namespace`, where Helm itself writes `default` for `.Release.Namespace`. Cluster-scoped kinds have no namespace, and Roles and RoleBindings in `default` are there to grant access to it (a monitoring stack that scrapes it), not to live there.',
    remediation: 'Give the application a namespace of its own: set `metadata.namespace` to it, or remove the field and deploy with `--namespace`, Helm\'s `-n` or a kustomization\'s `namespace:`.',
    messages: {
      explicit: '{{kind}} "{{name}}" is written into the "default" namespace, where it shares names, RBAC, quotas and NetworkPolicies with everything else deployed without a namespace. Put the application in a namespace of its own: set metadata.namespace to it, or remove the field and choose the namespace at deploy time.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    // Custom kinds named Cluster… (ClusterPolicy, ClusterTask) are cluster-scoped by convention, unknown to the registry.
    if (resource.namespace !== 'default' || isClusterScoped(resource.groupKind) || /^Cluster[A-Z]/.test(resource.kind)) return;
    // A Role or RoleBinding grants access to the namespace it is in: one in default is there to reach default (a monitoring stack scraping it).
    if (RBAC_IN_PLACE.has(resource.groupKind)) return;
    // With a namespace given to the run, Helm would have written that one: a `default` left is in the template itself.
    if (renderedByHelm(resource) && context.index.defaultNamespace === 'default') return;
    context.report({ messageId: 'explicit', data: { kind: resource.kind, name: resource.name }, path: ['metadata', 'namespace'] });
  },
});
