import { createRule } from '../src/engine/builtin-rule.js';
import { apiStatus } from '../src/schema/apis.js';
import { targetOf } from '../src/schema/resource.js';

export default createRule({
  meta: {
    id: 'api-deprecated',
    category: 'schema',
    severity: 'warning',
    precision: 'very-high',
    description: 'The apiVersion is deprecated at the target Kubernetes release and will be removed.',
    rationale: 'A deprecated API still works, until the release that removes it: then every manifest, chart and pipeline that uses it fails at once, usually during a cluster upgrade when nobody is looking at application manifests. Moving while both versions are served costs nothing. Deprecations and removal releases come from pluto\'s table, checked against the official specs of the bundled releases.',
    remediation: 'Move the manifest to the replacement apiVersion the message names, adapting the fields that changed between the two versions.',
    messages: {
      deprecated: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecated}} and removed in {{removed}}: {{advice}}.',
      deprecatedNoRemoval: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecated}}: {{advice}}.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    const status = apiStatus(resource.apiVersion, resource.kind, targetOf(context.index));
    if (status?.status !== 'deprecated') return;
    const { entry } = status;
    const advice = entry.replacement ? `move to ${entry.replacement}` : 'no API replaces it; plan its removal';
    const base = { apiVersion: resource.apiVersion, kind: resource.kind, deprecated: entry.deprecated, advice };
    if (entry.removed) context.report({ messageId: 'deprecated', data: { ...base, removed: entry.removed }, path: ['apiVersion'] });
    else context.report({ messageId: 'deprecatedNoRemoval', data: base, path: ['apiVersion'] });
  },
});
