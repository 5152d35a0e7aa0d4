import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { isEmptySelector, readPlainSelector } from '../src/model/selector.js';
import { templateMatcher, unmatchedSelector } from '../src/model/template-matcher.js';

export default createRule({
  meta: {
    id: 'service-selector-no-match',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A Service\'s selector matches no pod template in its namespace.',
    rationale: 'A Service sends traffic only to the pods its selector matches. When no pod carries all of its labels (a typo, a label renamed in the Deployment but not in the Service, a selector copied from another app), the Service has no endpoints: every connection is refused or times out, while the pods themselves run and pass their probes, so nothing in the rollout looks wrong. Nothing is reported in a partial run, for a namespace the input holds no workload for (its pods are deployed from elsewhere), or when a custom resource in the namespace is named by the selector or carries its labels (an operator makes those pods).',
    remediation: 'Make `spec.selector` list labels that the pod template (`spec.template.metadata.labels`) of the intended workload carries, in the same namespace. A Service meant to front endpoints managed by hand or by another controller should have no selector at all.',
    messages: {
      noMatch: 'Service selector {{selector}} matches no pod template in namespace "{{namespace}}", so the Service has no endpoints and every connection to it fails. Change the selector to labels the pods carry.',
      closest: 'Service selector {{selector}} matches no pod template in namespace "{{namespace}}", so the Service has no endpoints and every connection to it fails. The closest is {{workload}}, whose pods have {{actual}} where the selector wants {{wanted}}.',
    },
    appliesTo: ['Service'],
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    return {
      check(resource) {
        // Pods of a workload left out of a partial run may well be the ones selected.
        if (!index.complete) return;
        const spec = resource.object.spec;
        if (!isObject(spec) || spec.type === 'ExternalName') return;
        // Without a selector the endpoints are managed by hand or by another controller.
        const selector = readPlainSelector(spec.selector);
        if (!selector || isEmptySelector(selector)) return;
        const unmatched = unmatchedSelector(matcher, index.namespaceOf(resource)!, selector, ['spec', 'selector'], ['spec', 'selector']);
        if (unmatched) context.report({ messageId: unmatched.closest ? 'closest' : 'noMatch', ...unmatched.finding });
      },
    };
  },
});
