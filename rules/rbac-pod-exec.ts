import { createRule } from '../src/engine/builtin-rule.js';
import { ALL, ROLE_KINDS, coversGroup, grantingAny, grantingResource, grantsFullControl, isClusterRole, quoteList, reviewedPolicyRules, type RuleEntry } from '../src/model/rbac.js';

/** Subresources that run a command in, or attach to, a running container. */
const SUBRESOURCES = ['pods/exec', 'pods/attach'];
/**
 * SPDY clients open them with a POST, authorized as `create`; WebSocket clients with a GET,
 * authorized as `get` alone until Kubernetes 1.35 made the API server also require `create`.
 */
const VERBS = ['create', 'get'];

export default createRule({
  meta: {
    id: 'rbac-pod-exec',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 6.0,
    description: 'A ClusterRole or Role grants create or get on `pods/exec` or `pods/attach`.',
    rationale:
      'Exec and attach run commands inside running containers: whoever holds them reads every Secret, file and ServiceAccount token mounted in those pods and acts with their identities, whatever RBAC says about Secrets. Bound cluster-wide, that is every pod, the control plane add-ons of kube-system included. `kubectl exec` over SPDY is authorized as `create` and over WebSocket as `get`; a `*` verb and a `*` or `*/exec` resource grant them too. Since Kubernetes 1.35 the API server requires `create` for WebSocket connections too, so `get` alone (often granted as `get` on `*` by roles meant to be read-only) opens exec and attach on older clusters only, and is reported one severity lower, as is a rule limited by `resourceNames`, which reaches only the named pods. Debugging tools and CI runners that exec by design: suppress with the reason.',
    remediation:
      'Leave exec and attach out of roles given to applications and controllers; give people a separate role for debugging, bound where and when it is needed, or name the pods in `resourceNames`. Aggregated ClusterRoles (`aggregationRule`) and the API server\'s own roles are not checked; every verb on every resource of the core group or of every group is left to rbac-wildcard, which reports it as full control.',
    messages: {
      exec: 'This {{kind}} grants {{verbs}} on {{resources}}: whoever holds it runs commands in {{pods}} and takes every Secret and ServiceAccount token mounted there. Leave exec and attach to a debugging role bound only where needed.',
      getOnly: 'This {{kind}} grants "get" on {{resources}}: on clusters before Kubernetes 1.35, that is enough to exec and attach over WebSocket, running commands in {{pods}} and taking the Secrets and tokens mounted there. Leave pods/exec and pods/attach out of it.',
    },
    appliesTo: ROLE_KINDS,
  },
  check(resource, context) {
    const where = isClusterRole(resource) ? 'the namespaces where it is bound (all of them with a ClusterRoleBinding)' : `namespace "${context.index.namespaceOf(resource) ?? context.index.defaultNamespace}"`;
    for (const rule of reviewedPolicyRules(resource)) {
      if (grantsFullControl(rule) || !coversGroup(rule, '')) continue;
      const verbs = grantingAny(rule.verbs, VERBS);
      if (verbs.length === 0) continue;
      const granted = new Map<RuleEntry, string[]>();
      for (const subresource of SUBRESOURCES) {
        const entry = grantingResource(rule.resources, subresource);
        if (entry) granted.set(entry, [...(granted.get(entry) ?? []), subresource]);
      }
      const [first] = granted.keys();
      if (!first) continue;
      const resources = [...granted].map(([entry, covered]) => (entry.value === ALL || entry.value.startsWith('*/') ? `"${entry.value}" (which includes ${covered.join(' and ')})` : `"${entry.value}"`)).join(', ');
      const names = rule.resourceNames.map((entry) => entry.value);
      const pods = names.length > 0 ? `the pods named ${quoteList(names)} in ${where}` : `any pod of ${where}`;
      const getOnly = verbs.every((entry) => entry.value === 'get');
      context.report({
        messageId: getOnly ? 'getOnly' : 'exec',
        data: getOnly ? { kind: resource.kind, resources, pods } : { kind: resource.kind, verbs: quoteList(verbs.map((entry) => entry.value)), resources, pods },
        path: first.path,
        downgrade: getOnly || rule.resourceNames.length > 0,
      });
    }
  },
});
