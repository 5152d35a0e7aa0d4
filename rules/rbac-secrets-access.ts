import { createRule } from '../src/engine/builtin-rule.js';
import { metadataMap } from '../src/model/resource.js';
import { ALL, coversGroup, grantingAny, grantingResource, grantsFullControl, isClusterRole, quoteList, reviewedPolicyRules, ROLE_KINDS } from '../src/model/rbac.js';

/** Each returns a Secret's data: `list` and `watch` whole namespaces of them, `get` any one by name. */
const READ_VERBS = ['get', 'list', 'watch'];

export default createRule({
  meta: {
    id: 'rbac-secrets-access',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 6.5,
    description: 'A ClusterRole or Role grants get, list or watch on all Secrets.',
    rationale:
      'Reading Secrets is reading every credential they hold: database passwords, TLS keys, registry credentials, and the tokens of other ServiceAccounts, whose permissions the reader then has too. `list` and `watch` return the data of every Secret, and `get` any one whose name is known, so a ClusterRole bound cluster-wide hands whoever holds it the credentials of every application of the cluster. A `*` in verbs or resources grants it as well, and is the usual way a "read-only" role reads Secrets without anyone noticing. A ClusterRole labeled `rbac.authorization.k8s.io/aggregate-to-view` adds its rules to the built-in `view` role, which leaves Secrets out on purpose. A Role reads the Secrets of its own namespace only, often what an application or operator needs, and is reported one severity lower. A rule limited by `resourceNames` is not reported: it is how to grant exactly the Secrets needed. Controllers that manage Secrets for others (cert-manager, External Secrets, ingress controllers reading TLS Secrets) need this by design: suppress with the reason.',
    remediation:
      'Name the Secrets in `resourceNames` with `get` only, or move the rule to a Role in the namespaces whose Secrets are needed; give a controller that watches Secrets of every namespace a dedicated ServiceAccount and suppress the finding with the reason. Never aggregate Secret access into `view`. Aggregated ClusterRoles (`aggregationRule`) and the API server\'s own roles are not checked; every verb on every resource of the core group or of every group is left to rbac-wildcard, which reports it as full control.',
    messages: {
      clusterWide: 'This ClusterRole grants {{verbs}} on {{resources}}: bound with a ClusterRoleBinding, it reads every Secret of every namespace, with the credentials and ServiceAccount tokens of other applications. Name the Secrets in resourceNames, or grant this in a Role of the namespaces that need it.',
      aggregatedToView: 'This ClusterRole grants {{verbs}} on {{resources}} and is aggregated into the built-in "view" role (rbac.authorization.k8s.io/aggregate-to-view): everyone allowed to view a namespace can then read its Secrets. Move this rule to a ClusterRole that is not aggregated into view.',
      namespaced: 'This Role grants {{verbs}} on {{resources}}: it reads every Secret of namespace "{{namespace}}". Name the Secrets it needs in resourceNames.',
    },
    appliesTo: ROLE_KINDS,
  },
  check(resource, context) {
    const toView = isClusterRole(resource) && metadataMap(resource, 'labels')['rbac.authorization.k8s.io/aggregate-to-view'] === 'true';
    for (const rule of reviewedPolicyRules(resource)) {
      // rbac-wildcard reports every verb on every resource as full control, which says more than this would.
      if (rule.resourceNames.length > 0 || grantsFullControl(rule) || !coversGroup(rule, '')) continue;
      const secrets = grantingResource(rule.resources, 'secrets');
      const verbs = grantingAny(rule.verbs, READ_VERBS);
      if (!secrets || verbs.length === 0) continue;
      const data = {
        verbs: quoteList(verbs.map((entry) => entry.value)),
        resources: secrets.value === ALL ? '"*" (every resource, Secrets included)' : '"secrets"',
      };
      if (!isClusterRole(resource)) {
        context.report({ messageId: 'namespaced', data: { ...data, namespace: context.index.namespaceOf(resource) ?? context.index.defaultNamespace }, path: secrets.path, downgrade: true });
      } else {
        context.report({ messageId: toView ? 'aggregatedToView' : 'clusterWide', data, path: secrets.path });
      }
    }
  },
});
