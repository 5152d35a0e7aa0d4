import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';

export default createRule({
  meta: {
    id: 'recreate-strategy',
    category: 'rollout',
    severity: 'warning',
    precision: 'medium',
    description: 'A Deployment uses `strategy.type: Recreate`, which stops every pod before starting the new ones.',
    rationale: 'Recreate scales the old ReplicaSet to zero and only then creates the new pods, so every deploy is an outage lasting the image pull plus start-up plus readiness, and a release that fails to start leaves nothing running at all. It is the right choice when two versions must never run together, typically pods that mount the same ReadWriteOnce volume, which a second pod on another node cannot attach.',
    remediation: 'Use `type: RollingUpdate` with `maxSurge: 1` and `maxUnavailable: 0` (or the 25%/25% defaults) so old pods serve until new ones are ready. If the pods must not overlap (a shared ReadWriteOnce volume, a singleton that must not run twice), keep Recreate and suppress this finding with that reason.',
    messages: {
      recreate: 'strategy Recreate stops every pod of this Deployment before starting new ones, so each deploy is downtime and a release that fails to start leaves nothing running. Use RollingUpdate (maxSurge 1, maxUnavailable 0); if two pods cannot coexist, e.g. on a ReadWriteOnce volume, keep Recreate and suppress this with the reason.',
    },
    appliesTo: ['apps/Deployment', 'extensions/Deployment'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || !isObject(spec.strategy) || spec.strategy.type !== 'Recreate') return;
    context.report({ messageId: 'recreate', path: ['spec', 'strategy', 'type'] });
  },
});
