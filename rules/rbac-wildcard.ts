import { createRule } from '../src/engine/builtin-rule.js';
import { ALL, describeGroups, grantsFullControl, quoteList, reviewedPolicyRules, ROLE_KINDS, type RuleEntry } from '../src/model/rbac.js';

const values = (list: readonly RuleEntry[]) => quoteList(list.map((entry) => entry.value));
const wildcard = (list: readonly RuleEntry[]) => list.find((entry) => entry.value === ALL);

/** Verbs that only read: `*` resources of a named API group with these is how a dashboard or an operator reads its own kinds. */
const READ_VERBS = new Set(['get', 'list', 'watch']);

export default createRule({
  meta: {
    id: 'rbac-wildcard',
    category: 'security',
    severity: 'error',
    precision: 'medium',
    securitySeverity: 6.0,
    description: 'A Role or ClusterRole rule grants `*` in its verbs, resources or API groups.',
    rationale:
      'A wildcard grants more than anyone reviewed: `*` in verbs includes `escalate`, `bind`, `impersonate`, `delete` and `deletecollection`, `*` in resources includes Secrets, `pods/exec` and every resource a CRD adds later, and `*` in apiGroups reaches resources of the same name in every group, present and future. `*` in both verbs and resources, in the core group or in every group, is full control (in every group, cluster-admin): that is the rule\'s error. The other wildcards are reported one severity lower: `*` in verbs, `*` in resources of the core group or of every group, `*` in resources of named API groups with verbs that write, `*` in apiGroups alone, and full control of named API groups only (an aggregated metrics API, an operator\'s own kinds) or of objects named in `resourceNames`. Reading every resource of named API groups (`get`, `list`, `watch` on `*` in `networking.istio.io`) is how dashboards and operators read their own kinds, and is not reported. Controllers that manage arbitrary objects (Argo CD, Flux, backup tools) need wildcards by design: each finding on them is the fact to acknowledge, with a suppression that says so.',
    remediation:
      'List the verbs, resources and API groups the subject uses (`kubectl auth can-i --list --as=system:serviceaccount:<namespace>:<name>` or an audit log shows them). Where a controller does need everything, suppress the finding with a reason. An aggregated ClusterRole (`aggregationRule`) is not checked, since the controller manager overwrites its rules; nor are the API server\'s own roles (labeled `kubernetes.io/bootstrapping: rbac-defaults`), nor rules of `nonResourceURLs` only.',
    messages: {
      everything: 'This {{kind}} grants every verb ("*") on every resource ("*") in {{groups}}: whoever is bound to it can do anything there, from reading every Secret to running any pod. List the verbs and resources it needs.',
      everythingInGroups: 'This {{kind}} grants every verb ("*") on every resource ("*") in {{groups}}: full control of what is there, including resources and verbs added later. List the verbs and resources it needs.',
      anyVerb: 'This {{kind}} grants every verb ("*") on {{resources}} in {{groups}}: that includes delete, deletecollection and any verb added later (escalate, bind and impersonate where they apply). List the verbs it needs.',
      anyResource: 'This {{kind}} grants {{verbs}} on every resource ("*") in {{groups}}: that includes Secrets, pods/exec and every resource a CRD adds later. List the resources it needs.',
      anyResourceInGroups: 'This {{kind}} grants {{verbs}} on every resource ("*") in {{groups}}, including any resource added there later. List the resources it needs.',
      anyGroup: 'This {{kind}} grants {{verbs}} on {{resources}} in every API group ("*"): a resource of the same name in any other group, now or later, is granted too. List the API groups it needs.',
    },
    appliesTo: ROLE_KINDS,
  },
  check(resource, context) {
    const kind = resource.kind;
    for (const rule of reviewedPolicyRules(resource)) {
      // A rule of nonResourceURLs (`/metrics`, `/healthz`) grants no API objects.
      if (rule.resources.length === 0) continue;
      const verb = wildcard(rule.verbs);
      const anyResource = wildcard(rule.resources);
      const group = wildcard(rule.apiGroups);
      // The core group holds Secrets, pods and ServiceAccounts; `*` holds every group.
      const broad = group !== undefined || rule.apiGroups.some((entry) => entry.value === '');
      const groups = describeGroups(rule);
      if (verb && anyResource) {
        const full = grantsFullControl(rule);
        context.report({ messageId: full ? 'everything' : 'everythingInGroups', data: { kind, groups }, path: verb.path, downgrade: !full || rule.resourceNames.length > 0 });
        continue;
      }
      if (verb) context.report({ messageId: 'anyVerb', data: { kind, resources: values(rule.resources), groups }, path: verb.path, downgrade: true });
      if (anyResource && broad) {
        context.report({ messageId: 'anyResource', data: { kind, verbs: values(rule.verbs), groups }, path: anyResource.path, downgrade: true });
      } else if (anyResource && rule.verbs.some((entry) => !READ_VERBS.has(entry.value))) {
        context.report({ messageId: 'anyResourceInGroups', data: { kind, verbs: values(rule.verbs), groups }, path: anyResource.path, downgrade: true });
      }
      if (group && !verb && !anyResource) {
        context.report({ messageId: 'anyGroup', data: { kind, verbs: values(rule.verbs), resources: values(rule.resources) }, path: group.path, downgrade: true });
      }
    }
  },
});
