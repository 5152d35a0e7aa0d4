import { createRule } from '../src/engine/builtin-rule.js';
import { isObjectName } from '../src/model/names.js';
import { AccountBindings } from '../src/model/rbac.js';
import type { Resource } from '../src/model/resource.js';
import { describePods, isHelmTestHook, podAnnotations, podSpec } from '../src/model/workload.js';

/**
 * Pods whose Vault agent logs in to Vault with the pod's ServiceAccount token (Vault's Kubernetes
 * auth reads the mounted token): they need it, though no RBAC in the cluster mentions the account.
 */
function logsInToVault(resource: Resource): boolean {
  return podAnnotations(resource)?.annotations['vault.hashicorp.com/agent-inject'] === 'true';
}

export default createRule({
  meta: {
    id: 'service-account-token-automount',
    category: 'security',
    severity: 'info',
    precision: 'medium',
    securitySeverity: 3.0,
    description: 'Pods get a ServiceAccount token mounted, and no RoleBinding or ClusterRoleBinding in the input grants that account anything.',
    rationale:
      'Unless `automountServiceAccountToken` is false on the pod or on its ServiceAccount, every container gets a token for the Kubernetes API at /var/run/secrets/kubernetes.io/serviceaccount. Code that never calls the API does not need it, and a process taken over through the application then holds an identity for the API server: whatever RBAC grants the account (or later grows to grant all ServiceAccounts), discovery of the cluster\'s APIs, and a credential accepted by anything that trusts the cluster\'s tokens. Whether a container calls the API cannot be read from a manifest, so the rule reports only pods whose account has no binding in the input at all (the `default` account, or an account of their own that nothing grants anything), and nothing when the run is partial. An account bound outside the input, or a client that uses the token for something else (discovery, logging in to Vault, which is recognized from the Vault agent annotation), still needs it: hence advice, at info. A pod or ServiceAccount that sets the field, true or false, has decided and is left alone, and so are Helm test hooks, which live for the seconds a test takes.',
    remediation:
      'Set `automountServiceAccountToken: false` in the pod spec, or on the ServiceAccount for every pod that uses it. A container that does need the token, without a binding in these manifests, can say so with `automountServiceAccountToken: true` on the pod, or mount it explicitly through a projected `serviceAccountToken` volume with a short expiry and its own audience.',
    messages: {
      defaultAccount: 'The API token of the "default" ServiceAccount of namespace "{{namespace}}" is mounted in {{pods}}, though nothing in the input grants that account anything. Set automountServiceAccountToken: false in the pod spec, unless a container calls the Kubernetes API.',
      unboundAccount: 'The API token of ServiceAccount "{{account}}" is mounted in {{pods}}, though no RoleBinding or ClusterRoleBinding in the input grants that account anything. Set automountServiceAccountToken: false in the pod spec or on the ServiceAccount, unless a container calls the Kubernetes API.',
    },
    appliesTo: 'workloads',
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // A binding may be in a file that was not given.
    if (!index.complete) return {};
    let bindings: AccountBindings | undefined;
    return {
      check(resource) {
        // `helm test` pods live for the seconds a test takes.
        if (isHelmTestHook(resource)) return;
        const pod = podSpec(resource);
        if (!pod || typeof pod.spec.automountServiceAccountToken === 'boolean') return;
        const { spec, path } = pod;
        const written = spec.serviceAccountName !== undefined ? 'serviceAccountName' : spec.serviceAccount !== undefined ? 'serviceAccount' : undefined;
        const account = written ? spec[written] : 'default';
        if (typeof account !== 'string' || !isObjectName(account)) return;
        const defined = index.get('ServiceAccount', resource.namespace, account);
        // An account's own definition decides its tokens; one not in the input is unknown.
        if (defined.some((sa) => typeof sa.object.automountServiceAccountToken === 'boolean')) return;
        if (defined.length === 0 && account !== 'default') return;
        const namespace = index.namespaceOf(resource)!;
        bindings ??= new AccountBindings(index);
        if (bindings.granting(namespace, account).length > 0 || logsInToVault(resource)) return;
        const data: Record<string, string> = account === 'default' ? { pods: describePods(resource), namespace } : { pods: describePods(resource), account };
        const related = defined.map((sa) => ({ resource: sa, path: ['metadata', 'name'], message: `ServiceAccount "${account}", which does not set automountServiceAccountToken` }));
        context.report({
          messageId: account === 'default' ? 'defaultAccount' : 'unboundAccount',
          data,
          path: written ? [...path, written] : [...path, 'automountServiceAccountToken'],
          related,
        });
      },
    };
  },
});
