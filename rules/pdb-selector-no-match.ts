import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { isEmptySelector, readLabelSelector } from '../src/model/selector.js';
import { templateMatcher, unmatchedSelector } from '../src/model/template-matcher.js';

export default createRule({
  meta: {
    id: 'pdb-selector-no-match',
    category: 'references',
    severity: 'warning',
    precision: 'high',
    description: 'A PodDisruptionBudget\'s selector matches no pod template in its namespace.',
    rationale: 'A PodDisruptionBudget protects only the pods its selector matches. When its labels match no pod (a typo, labels renamed in the workload, a budget copied from another app), node drains, cluster upgrades and the cluster autoscaler evict the pods it was meant to protect all at once, and nothing says so: the budget exists and reports zero expected pods. Nothing is reported in a partial run, for a namespace the input holds no workload for (its pods are deployed from elsewhere), or when a custom resource in the namespace is named by the selector or carries its labels (an operator makes those pods).',
    remediation: 'Make `spec.selector` match the labels of the pod template (`spec.template.metadata.labels`) of the workload to protect, in the same namespace, or delete the budget.',
    messages: {
      noMatch: 'PodDisruptionBudget selector {{selector}} matches no pod template in namespace "{{namespace}}", so it protects nothing from evictions. Change the selector to labels the pods carry.',
      closest: 'PodDisruptionBudget selector {{selector}} matches no pod template in namespace "{{namespace}}", so it protects nothing from evictions. The closest is {{workload}}, whose pods have {{actual}} where the selector wants {{wanted}}.',
    },
    appliesTo: ['policy/PodDisruptionBudget'],
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    return {
      check(resource) {
        if (!index.complete) return;
        const spec = resource.object.spec;
        if (!isObject(spec)) return;
        const selector = readLabelSelector(spec.selector);
        // An empty selector selects every pod of the namespace (policy/v1); an unreadable one, nobody knows what.
        if (!selector || isEmptySelector(selector)) return;
        const unmatched = unmatchedSelector(matcher, index.namespaceOf(resource)!, selector, ['spec', 'selector'], ['spec', 'selector', 'matchLabels']);
        if (unmatched) context.report({ messageId: unmatched.closest ? 'closest' : 'noMatch', ...unmatched.finding });
      },
    };
  },
});
