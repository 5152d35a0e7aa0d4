import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { isLiteralZero } from '../src/model/rollout.js';

export default createRule({
  meta: {
    id: 'rolling-update-no-progress',
    category: 'rollout',
    severity: 'error',
    precision: 'very-high',
    description: 'A Deployment\'s rolling update sets both `maxSurge` and `maxUnavailable` to 0.',
    rationale: 'With no surge a rolling update cannot start a new pod before an old one stops, and with no unavailability it cannot stop one first, so it could never make progress. The API server therefore rejects the Deployment ("may not be 0 when `maxSurge` is 0") and the release fails at apply time, often late in a pipeline.',
    remediation: 'Set `maxSurge: 1` (start each new pod before stopping an old one: no capacity lost) or `maxUnavailable: 1` (stop one first: no extra pods needed).',
    messages: {
      bothZero: 'maxSurge {{surge}} and maxUnavailable {{unavailable}} leave a rolling update no way to replace a pod, and the API server rejects it ("may not be 0 when `maxSurge` is 0"). Set maxSurge to 1 (new pod first) or maxUnavailable to 1 (old pod first).',
    },
    appliesTo: ['apps/Deployment', 'extensions/Deployment'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || !isObject(spec.strategy)) return;
    const strategy = spec.strategy;
    if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') return;
    if (!isObject(strategy.rollingUpdate)) return;
    const { maxSurge, maxUnavailable } = strategy.rollingUpdate;
    // Only values written as zero: an absent field defaults to 25%, and a percentage that merely
    // rounds to 0 for some replica count is resolved by the controller (it allows 1 unavailable).
    if (!isLiteralZero(maxSurge) || !isLiteralZero(maxUnavailable)) return;
    context.report({
      messageId: 'bothZero',
      data: { surge: String(maxSurge), unavailable: String(maxUnavailable) },
      path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
    });
  },
});
