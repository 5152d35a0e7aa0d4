import { createRule } from '../src/engine/builtin-rule.js';
import { ALL, RBAC_GROUP, ROLE_KINDS, coversGroup, grantingResource, grantsFullControl, isClusterRole, quoteList, reviewedPolicyRules } from '../src/model/rbac.js';

type Verb = 'escalate' | 'bind' | 'impersonate';

interface Power {
  verb: Verb;
  group: string;
  resource: string;
  /** Cluster-scoped resources: a Role, which grants in its namespace only, cannot grant a verb on them. */
  clusterScoped: boolean;
}

/**
 * The verbs with which RBAC lets a subject exceed its own permissions: `escalate` edits a role to
 * grant what its editor lacks, `bind` binds a role its binder lacks (a RoleBinding to a
 * ClusterRole is checked as `bind` on `clusterroles` in the binding's namespace, so a Role can
 * grant that), `impersonate` acts as another user, group or ServiceAccount.
 */
const POWERS: readonly Power[] = [
  { verb: 'escalate', group: RBAC_GROUP, resource: 'roles', clusterScoped: false },
  { verb: 'escalate', group: RBAC_GROUP, resource: 'clusterroles', clusterScoped: true },
  { verb: 'bind', group: RBAC_GROUP, resource: 'roles', clusterScoped: false },
  { verb: 'bind', group: RBAC_GROUP, resource: 'clusterroles', clusterScoped: false },
  { verb: 'impersonate', group: '', resource: 'users', clusterScoped: true },
  { verb: 'impersonate', group: '', resource: 'groups', clusterScoped: true },
  { verb: 'impersonate', group: '', resource: 'serviceaccounts', clusterScoped: false },
];

export default createRule({
  meta: {
    id: 'rbac-privilege-escalation',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 8.5,
    description: 'A ClusterRole or Role grants `escalate` or `bind` on roles, or `impersonate` on users, groups or ServiceAccounts.',
    rationale:
      'RBAC stops a subject from granting more than it holds, except through these verbs, which exist to lift that limit. `escalate` on roles or clusterroles lets the holder add any permission to a role it is bound to (naming the role in `resourceNames` changes nothing when it is bound to that one); `bind` lets it bind any role, `cluster-admin` included, to itself; `impersonate` on users or groups lets it act as anyone, `system:masters` included, and on ServiceAccounts as any account of the namespaces where it is bound. Each is a path to cluster-admin from one stolen token. A `*` verb grants them too. A Role is confined to its namespace (it cannot grant impersonation of users or groups, which are cluster-wide, nor escalate on ClusterRoles, though it can grant `bind` on ClusterRoles for RoleBindings in its namespace) and is reported one severity lower, as is impersonation limited by `resourceNames` to some identities. `bind` limited by `resourceNames` is how RBAC delegates handing out chosen roles, and is not reported. Controllers that manage RBAC for others (an operator creating roles for its workloads, OLM) hold these by design: suppress with the reason.',
    remediation:
      'Remove the verb. To let a controller or a team hand out a role, grant `bind` on that role alone with `resourceNames`; rather than `escalate`, grant a controller the permissions its roles contain; limit an authenticating proxy\'s `impersonate` to the identities it serves with `resourceNames`. Aggregated ClusterRoles (`aggregationRule`) and the API server\'s own roles are not checked; every verb on every resource of the core group or of every group is left to rbac-wildcard, which reports it as full control.',
    messages: {
      escalate: 'This {{kind}} grants "escalate" on {{resources}}: whoever holds it can add any permission to a role it is bound to, up to cluster-admin. Remove the verb and grant the permissions the subject needs directly.',
      bind: 'This {{kind}} grants "bind" on {{resources}}: whoever holds it can bind any such role, cluster-admin included, to itself. Name the roles it may hand out in resourceNames.',
      impersonate: 'This {{kind}} grants "impersonate" on {{resources}}: whoever holds it can act as {{whom}}, with their permissions. Remove the verb, or name the identities an authenticating proxy serves in resourceNames.',
      anyVerb: 'This {{kind}} grants every verb ("*") on {{resources}}, which includes {{powers}}: whoever holds it can grant itself any permission, up to cluster-admin. List the verbs it needs.',
    },
    appliesTo: ROLE_KINDS,
  },
  check(resource, context) {
    const clusterRole = isClusterRole(resource);
    const powers = clusterRole ? POWERS : POWERS.filter((power) => !power.clusterScoped);
    for (const rule of reviewedPolicyRules(resource)) {
      if (grantsFullControl(rule)) continue;
      const names = rule.resourceNames.map((entry) => entry.value);
      for (const verb of rule.verbs) {
        const granted = powers.filter((power) => (verb.value === ALL || verb.value === power.verb) && coversGroup(rule, power.group) && grantingResource(rule.resources, power.resource));
        // Binding only the roles named is how RBAC delegates handing them out.
        const effective = names.length > 0 ? granted.filter((power) => power.verb !== 'bind') : granted;
        if (effective.length === 0) continue;
        const resources = [...new Set(effective.map((power) => `"${power.resource}"`))].join(', ');
        const verbs = new Set(effective.map((power) => power.verb));
        // Escalating a named role still grants anything through that role.
        const downgrade = !clusterRole || (names.length > 0 && !verbs.has('escalate'));
        if (verb.value === ALL) {
          context.report({ messageId: 'anyVerb', data: { kind: resource.kind, resources, powers: quoteList([...verbs]) }, path: verb.path, downgrade });
        } else if (verb.value === 'impersonate') {
          const whom = names.length > 0 ? quoteList(names) : 'any of them';
          context.report({ messageId: 'impersonate', data: { kind: resource.kind, resources, whom }, path: verb.path, downgrade });
        } else {
          context.report({ messageId: verb.value as Verb, data: { kind: resource.kind, resources }, path: verb.path, downgrade });
        }
      }
    }
  },
});
