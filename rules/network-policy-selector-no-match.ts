import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { isEmptySelector, readLabelSelector } from '../src/model/selector.js';
import { templateMatcher, unmatchedSelector } from '../src/model/template-matcher.js';

export default createRule({
  meta: {
    id: 'network-policy-selector-no-match',
    category: 'references',
    severity: 'warning',
    precision: 'high',
    description: 'A NetworkPolicy\'s podSelector matches no pod template in its namespace.',
    rationale: 'A NetworkPolicy applies only to the pods its `podSelector` matches. When the labels match no pod (a typo, labels renamed in the workload, a policy copied from another app), the pods it was written for stay open to all traffic, or keep missing the traffic it was meant to allow, and nothing reports it: the policy exists and simply selects nobody. Nothing is reported in a partial run, for a namespace the input holds no workload for (its pods are deployed from elsewhere), or when a custom resource in the namespace is named by the selector or carries its labels (an operator makes those pods).',
    remediation: 'Make `spec.podSelector` match the labels of the pod template (`spec.template.metadata.labels`) the policy is for, in the same namespace. An empty `podSelector: {}` selects every pod of the namespace.',
    messages: {
      noMatch: 'NetworkPolicy podSelector {{selector}} matches no pod template in namespace "{{namespace}}", so the policy applies to no pod. Change the selector to labels the pods carry.',
      closest: 'NetworkPolicy podSelector {{selector}} matches no pod template in namespace "{{namespace}}", so the policy applies to no pod. The closest is {{workload}}, whose pods have {{actual}} where the selector wants {{wanted}}.',
    },
    appliesTo: ['networking.k8s.io/NetworkPolicy'],
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    return {
      check(resource) {
        if (!index.complete) return;
        const spec = resource.object.spec;
        if (!isObject(spec)) return;
        const selector = readLabelSelector(spec.podSelector);
        // An empty podSelector selects every pod of the namespace, which is always something.
        if (!selector || isEmptySelector(selector)) return;
        const unmatched = unmatchedSelector(matcher, index.namespaceOf(resource)!, selector, ['spec', 'podSelector'], ['spec', 'podSelector', 'matchLabels']);
        if (unmatched) context.report({ messageId: unmatched.closest ? 'closest' : 'noMatch', ...unmatched.finding });
      },
    };
  },
});
