import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';

const integer = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

export default createRule({
  meta: {
    id: 'hpa-min-above-max',
    category: 'rollout',
    severity: 'error',
    precision: 'very-high',
    description: 'A HorizontalPodAutoscaler\'s minReplicas is above its maxReplicas.',
    rationale: 'The API server rejects a HorizontalPodAutoscaler whose `minReplicas` exceeds `maxReplicas` (or whose `maxReplicas` is below 1), so the apply fails: the release stops half applied, or a GitOps sync keeps failing, and the workload is left without the autoscaling it was meant to get.',
    remediation: 'Make `maxReplicas` at least `minReplicas` (and at least 1). In Helm charts, check that the values for the two come from the same environment.',
    messages: {
      minAboveMax: 'minReplicas {{min}} is above maxReplicas {{max}}, so the API server rejects this HorizontalPodAutoscaler. Raise maxReplicas to at least {{min}} or lower minReplicas.',
      maxBelowOne: 'maxReplicas {{max}} is below 1, so the API server rejects this HorizontalPodAutoscaler. Set maxReplicas to at least 1.',
    },
    appliesTo: ['autoscaling/HorizontalPodAutoscaler'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec)) return;
    const max = integer(spec.maxReplicas);
    if (max === undefined) return;
    const min = integer(spec.minReplicas);
    if (min !== undefined && min > max) {
      context.report({ messageId: 'minAboveMax', data: { min, max }, path: ['spec', 'minReplicas'], related: [{ resource, path: ['spec', 'maxReplicas'], message: `maxReplicas ${max}` }] });
    } else if (max < 1) {
      context.report({ messageId: 'maxBelowOne', data: { max }, path: ['spec', 'maxReplicas'] });
    }
  },
});
