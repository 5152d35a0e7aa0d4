import { createRule } from '../src/engine/builtin-rule.js';
import { autoscalerName, autoscalersOf, SCALABLE_KINDS } from '../src/model/autoscaling.js';
import { isObject } from '../src/model/resource.js';
import { isHelmTestHook } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'replicas-with-hpa',
    category: 'rollout',
    severity: 'warning',
    precision: 'high',
    description: 'A workload sets `spec.replicas` while a HorizontalPodAutoscaler scales it.',
    rationale: 'An autoscaler owns the replica count of the workload it targets. A `spec.replicas` in the manifest fights it: every `kubectl apply`, Helm upgrade or GitOps sync that sends the field sets the count back to the written number, so a service scaled up for load drops to it in the middle of the peak (or one scaled down jumps back up) until the autoscaler reacts again, and GitOps tools show the workload as out of sync whenever the autoscaler has acted.',
    remediation: 'Remove `spec.replicas` from the manifest (in Helm charts, leave it out when autoscaling is enabled) and set the bounds on the autoscaler with `minReplicas` and `maxReplicas`.',
    messages: {
      replicasSet: 'spec.replicas is {{replicas}} while this {{kind}} is scaled by {{autoscaler}}, so every apply or sync resets the replica count to {{replicas}} and undoes the autoscaler\'s choice. Remove spec.replicas and set the bounds on the autoscaler.',
    },
    appliesTo: SCALABLE_KINDS,
    scope: 'set',
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || spec.replicas === undefined || spec.replicas === null || isHelmTestHook(resource)) return;
    const autoscalers = autoscalersOf(context.index, resource);
    if (autoscalers.length === 0) return;
    context.report({
      messageId: 'replicasSet',
      data: { replicas: String(spec.replicas), autoscaler: autoscalers.map(autoscalerName).join(', '), kind: resource.kind },
      path: ['spec', 'replicas'],
      on: 'key',
      related: autoscalers.map((autoscaler) => ({ resource: autoscaler.resource, path: ['spec', 'scaleTargetRef', 'name'], message: `${autoscalerName(autoscaler)} scales it` })),
    });
  },
});
