import { createRule } from '../src/engine/builtin-rule.js';
import { autoscalerName, autoscalersOf, minimumLocation, replicasOf, SCALABLE_KINDS } from '../src/model/autoscaling.js';
import { isObject } from '../src/model/resource.js';
import { templateMatcher } from '../src/model/template-matcher.js';
import { isHelmTestHook, podSpec, workloadName } from '../src/model/workload.js';

/** Whether a pod spec asks the scheduler to keep its replicas apart: any pod anti-affinity or topology spread constraint. */
function spreads(spec: Record<string, unknown>): boolean {
  if (Array.isArray(spec.topologySpreadConstraints) && spec.topologySpreadConstraints.length > 0) return true;
  const antiAffinity = isObject(spec.affinity) ? spec.affinity.podAntiAffinity : undefined;
  if (!isObject(antiAffinity)) return false;
  return ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'].some((field) => Array.isArray(antiAffinity[field]) && antiAffinity[field].length > 0);
}

export default createRule({
  meta: {
    id: 'replicas-without-spread',
    category: 'availability',
    severity: 'warning',
    precision: 'medium',
    description: 'A workload runs several replicas behind a Service with neither pod anti-affinity nor topology spread constraints.',
    rationale: 'Replicas exist so that the Service survives the loss of some of them, but nothing makes the scheduler put them on different nodes: the default spreading is only a scoring preference that resource pressure, node affinity or a fresh node easily outweighs. When every replica lands on one node (or one zone), a node failure, drain or spot preemption takes the whole Service down at once.',
    remediation: 'Add `topologySpreadConstraints` on `kubernetes.io/hostname` (and `topology.kubernetes.io/zone` in multi-zone clusters) with a `labelSelector` matching the pods, or a `podAntiAffinity` (preferred, or required when there are enough nodes) on the same labels.',
    messages: {
      replicas: '{{workload}} runs {{replicas}} replicas behind Service {{service}} but has neither podAntiAffinity nor topologySpreadConstraints, so the scheduler may place them all on one node and one node failure takes the Service down. Add a topologySpreadConstraints entry on kubernetes.io/hostname.',
      autoscaled: '{{workload}} runs at least {{replicas}} replicas ({{autoscaler}} minReplicas) behind Service {{service}} but has neither podAntiAffinity nor topologySpreadConstraints, so the scheduler may place them all on one node and one node failure takes the Service down. Add a topologySpreadConstraints entry on kubernetes.io/hostname.',
    },
    appliesTo: SCALABLE_KINDS,
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    return {
      check(workload) {
        const pod = podSpec(workload);
        if (!pod || spreads(pod.spec) || isHelmTestHook(workload)) return;
        const autoscalers = autoscalersOf(index, workload);
        let replicas: number | undefined;
        if (autoscalers.length > 0) {
          // The autoscaler owns the count; its minimum is what always runs.
          const mins = autoscalers.map((autoscaler) => autoscaler.minReplicas ?? 0);
          replicas = Math.min(...mins);
        } else {
          replicas = replicasOf(workload);
        }
        if (replicas === undefined || replicas < 2) return;
        const service = matcher.serviceFronting(workload);
        if (!service) return;
        const data = { workload: workloadName(workload), replicas, service: service.name };
        const related = [{ resource: service, path: ['spec', 'selector'], on: 'key' as const, message: `Service ${service.name} selects its pods` }];
        if (autoscalers.length > 0) {
          const lowest = autoscalers.find((autoscaler) => autoscaler.minReplicas === replicas)!;
          context.report({
            messageId: 'autoscaled',
            data: { ...data, autoscaler: autoscalerName(lowest) },
            path: pod.path,
            on: 'key',
            related: [...related, minimumLocation(lowest)],
          });
        } else {
          context.report({ messageId: 'replicas', data, path: ['spec', 'replicas'], related });
        }
      },
    };
  },
});
