import { createRule } from '../src/engine/builtin-rule.js';
import { containersWithResources, hasQuantity } from '../src/model/quantity.js';
import { podSpec } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'cpu-limit-missing',
    category: 'resources',
    severity: 'warning',
    precision: 'high',
    enabledByDefault: false,
    description: 'A container has no CPU limit.',
    rationale:
      'A container without a CPU limit may use every idle core of its node: a busy loop or a traffic spike in one release slows its neighbours down to their requests, and capacity planning cannot rely on what a pod was sized for. The rule is off by default because many teams drop CPU limits on purpose: a limit is enforced by CFS quota, which throttles the container for the rest of each period once it has used its share, adding latency while spare CPU sits idle on the node, whereas requests alone already guarantee each container its share under contention. Turn it on where a noisy neighbour costs more than throttling, such as multi-tenant clusters or namespaces with a LimitRange policy to honour. Init containers count too.',
    remediation: 'Set `resources.limits.cpu` (for example `"1"` or `500m`, at or above the CPU request), or set a pod-level `spec.resources.limits.cpu`. If your team relies on requests alone, leave the rule off.',
    messages: {
      missing: 'Container "{{container}}" has no CPU limit, so it can take every idle core of its node and slow down the pods beside it. Set resources.limits.cpu (for example "1"), or leave this rule off if your team relies on CPU requests alone.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    // A pod-level CPU limit (spec.resources.limits) caps the pod's cgroup, so no container can take the node.
    if (pod && hasQuantity(pod.spec, 'limits', 'cpu')) return;
    for (const ref of containersWithResources(resource)) {
      if (hasQuantity(ref.container, 'limits', 'cpu')) continue;
      context.report({ messageId: 'missing', data: { container: ref.name }, path: [...ref.path, 'resources', 'limits', 'cpu'] });
    }
  },
});
