import { createRule } from '../src/engine/builtin-rule.js';
import { containersWithResources, hasQuantity } from '../src/model/quantity.js';
import { podSpec } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'memory-limit-missing',
    category: 'resources',
    severity: 'warning',
    precision: 'high',
    description: 'A container has no memory limit.',
    rationale: 'A container without a memory limit can grow until the node runs out of memory: the kernel then OOM-kills processes and the kubelet evicts pods, often other workloads that stayed within their requests. A leak in one release takes down its neighbours. Init containers count too: a migration or download step without a limit can exhaust the node while it runs.',
    remediation: 'Set `resources.limits.memory` to the most the container may use (often equal to its memory request, which also makes the pod\'s memory use predictable). Exceeding it OOM-kills only this container.',
    messages: {
      missing: 'Container "{{container}}" has no memory limit, so it can use all of the node\'s memory and get other pods OOM-killed or evicted. Set resources.limits.memory (for example "512Mi").',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    // A pod-level memory limit (spec.resources.limits) caps the pod's cgroup, so no container can take the node.
    if (pod && hasQuantity(pod.spec, 'limits', 'memory')) return;
    for (const ref of containersWithResources(resource)) {
      if (hasQuantity(ref.container, 'limits', 'memory')) continue;
      context.report({ messageId: 'missing', data: { container: ref.name }, path: [...ref.path, 'resources', 'limits', 'memory'] });
    }
  },
});
