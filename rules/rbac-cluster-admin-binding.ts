import { createRule } from '../src/engine/builtin-rule.js';
import { BINDING_KINDS, RBAC_GROUP, bindingSubjects, describeSubject, isBootstrapPolicy, roleRef } from '../src/model/rbac.js';

export default createRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    category: 'security',
    severity: 'error',
    precision: 'very-high',
    securitySeverity: 9.0,
    description: 'A ClusterRoleBinding or RoleBinding grants the `cluster-admin` ClusterRole.',
    rationale:
      '`cluster-admin` allows every verb on every resource: a ClusterRoleBinding to it makes its subjects owners of the cluster, able to read every Secret, run privileged pods on any node and grant themselves anything, so one stolen ServiceAccount token or one compromised pod of that account takes the whole cluster. A RoleBinding to it grants the same inside one namespace (its Secrets, its pods, its RBAC), reported one severity lower. The API server\'s own binding (for `system:masters`, labeled `kubernetes.io/bootstrapping: rbac-defaults`) is not reported.',
    remediation:
      'Bind a ClusterRole or Role that lists what the subjects use instead (`admin`, `edit` or `view` for people, a role of its own for a controller). If a tool truly needs cluster-admin (a cluster bootstrapper), bind it to a dedicated ServiceAccount only and suppress the finding with the reason.',
    messages: {
      clusterWide: 'This ClusterRoleBinding grants "cluster-admin" to {{subjects}}: every verb on every resource of the cluster, all Secrets and RBAC included. Bind a role that lists what they use.',
      namespaced: 'This RoleBinding grants "cluster-admin" in namespace "{{namespace}}" to {{subjects}}: every verb on every resource of that namespace, its Secrets and RBAC included. Bind a role that lists what they use (`admin` or `edit` for people).',
    },
    appliesTo: BINDING_KINDS,
  },
  check(resource, context) {
    if (isBootstrapPolicy(resource)) return;
    const ref = roleRef(resource);
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return;
    const subjects = bindingSubjects(resource);
    // A binding without subjects grants nothing to anyone.
    if (subjects.length === 0) return;
    if (resource.groupKind === `${RBAC_GROUP}/ClusterRoleBinding`) {
      context.report({ messageId: 'clusterWide', data: { subjects: subjects.map(describeSubject).join(', ') }, path: ref.path });
      return;
    }
    const namespace = context.index.namespaceOf(resource) ?? context.index.defaultNamespace;
    // A ServiceAccount subject of a RoleBinding written without a namespace is the binding's own.
    const named = subjects.map((subject) => describeSubject(subject.kind === 'ServiceAccount' ? { ...subject, namespace: subject.namespace ?? namespace } : subject));
    context.report({ messageId: 'namespaced', data: { subjects: named.join(', '), namespace }, path: ref.path, downgrade: true });
  },
});
