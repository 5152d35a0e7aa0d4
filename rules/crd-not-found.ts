import { createRule } from '../src/engine/builtin-rule.js';
import { isBuiltinGroup } from '../src/schema/bundle.js';
import { crdFor, CRD_KIND } from '../src/schema/crd.js';

export default createRule({
  meta: {
    id: 'crd-not-found',
    category: 'schema',
    severity: 'info',
    precision: 'high',
    enabledByDefault: false,
    description: 'A custom resource whose CustomResourceDefinition is neither in the input nor given with `--crds`, so its fields are not checked.',
    rationale: 'Custom resources are checked against their CRD\'s schema only when kubegate has the CRD. Most inputs do not carry the CRDs of the operators they use (cert-manager, Prometheus, Argo), which is why this is off by default: turned on, it lists what went unchecked, so a team can give the CRDs and have typos in those resources found too.',
    remediation: 'Give the CRDs with `--crds <file-or-folder>` (or `crds` in the configuration), for example the CRD manifests an operator publishes with each release.',
    messages: {
      missing: 'No CustomResourceDefinition for {{kind}} ({{apiVersion}}) is in the input or given with --crds, so its fields were not checked.',
    },
    appliesTo: '*',
    scope: 'set',
  },
  create(context) {
    return {
      check(resource) {
        if (resource.groupKind === CRD_KIND || isBuiltinGroup(resource.group)) return;
        if (crdFor(context.index, resource.group, resource.kind)) return;
        context.report({ messageId: 'missing', data: { kind: resource.kind, apiVersion: resource.apiVersion }, path: ['kind'] });
      },
    };
  },
});
