import { createRule } from '../src/engine/builtin-rule.js';
import { ALL, coversGroup, grantingAny, grantingResource, grantsFullControl, isClusterRole, quoteList, reviewedPolicyRules, ROLE_KINDS, type RuleEntry } from '../src/model/rbac.js';

/** Pods, and the kinds whose controllers create pods from a template the creator writes. */
const POD_MAKERS: readonly (readonly [group: string, resource: string])[] = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['extensions', 'deployments'],
  ['extensions', 'replicasets'],
  ['extensions', 'daemonsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];

export default createRule({
  meta: {
    id: 'rbac-pod-create',
    category: 'security',
    severity: 'warning',
    precision: 'medium',
    securitySeverity: 5.5,
    description: 'A ClusterRole or Role grants create on pods or on a kind that makes pods (Deployments, Jobs, DaemonSets…).',
    rationale:
      'Creating a pod means choosing what runs in it: any image, as any ServiceAccount of the namespace, mounting any Secret or ConfigMap of the namespace. Whoever may create pods therefore holds the permissions of every ServiceAccount in the namespaces where the role is bound, and can read every Secret there without `get secrets`; what stops a privileged or host-mounting pod is admission (Pod Security), not RBAC. Creating a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob or ReplicationController is the same, as its controller creates the pods. Bound cluster-wide, that includes kube-system and its most privileged ServiceAccounts. Operators and CI systems that run workloads (job runners, the Prometheus operator making StatefulSets) need it by design: the finding states the fact to acknowledge, with a suppression that says so. A Role, confined to its namespace, is reported one severity lower.',
    remediation:
      'Grant create on pods and workload kinds only to what must run workloads, in a Role of the namespaces it runs them in rather than a ClusterRole, and enforce Pod Security admission (`restricted` or at least `baseline`) there. Suppress the finding with a reason for an operator that creates pods by design. Aggregated ClusterRoles (`aggregationRule`) and the API server\'s own roles are not checked; every verb on every resource of the core group or of every group is left to rbac-wildcard, which reports it as full control.',
    messages: {
      create: 'This {{kind}} grants {{verbs}} on {{resources}}: whoever holds it can run any image as any ServiceAccount of {{where}}, with those accounts\' permissions and every Secret they can mount. Grant it only to what must run workloads, in the namespaces it runs them in.',
    },
    appliesTo: ROLE_KINDS,
  },
  check(resource, context) {
    const clusterRole = isClusterRole(resource);
    const where = clusterRole ? 'the namespaces where it is bound (every namespace, kube-system included, with a ClusterRoleBinding)' : `namespace "${context.index.namespaceOf(resource) ?? context.index.defaultNamespace}"`;
    for (const rule of reviewedPolicyRules(resource)) {
      // A create request carries no name yet, so a rule limited by resourceNames never grants it.
      if (grantsFullControl(rule) || rule.resourceNames.length > 0) continue;
      const verbs = grantingAny(rule.verbs, ['create']);
      if (verbs.length === 0) continue;
      const granted: RuleEntry[] = [];
      for (const [group, name] of POD_MAKERS) {
        if (!coversGroup(rule, group)) continue;
        const entry = grantingResource(rule.resources, name);
        if (entry && !granted.includes(entry)) granted.push(entry);
      }
      const [first] = granted;
      if (!first) continue;
      const resources = granted.map((entry) => (entry.value === ALL ? '"*" (pods and workloads included)' : `"${entry.value}"`)).join(', ');
      context.report({
        messageId: 'create',
        data: { kind: resource.kind, verbs: quoteList(verbs.map((entry) => entry.value)), resources, where },
        path: first.path,
        downgrade: !clusterRole,
      });
    }
  },
});
