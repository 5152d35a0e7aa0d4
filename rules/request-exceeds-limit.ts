import { createRule } from '../src/engine/builtin-rule.js';
import { containersWithResources, parseQuantity, resourceList } from '../src/model/quantity.js';

function shown(value: unknown): string {
  return typeof value === 'string' ? value.trim() : String(value);
}

export default createRule({
  meta: {
    id: 'request-exceeds-limit',
    category: 'resources',
    severity: 'error',
    precision: 'very-high',
    description: 'A container requests more of a resource than its limit allows.',
    rationale: 'The API server rejects a pod whose request for any resource (CPU, memory, ephemeral storage, ...) is above its limit. For a Deployment the ReplicaSet then fails to create every pod, the rollout never progresses and only the ReplicaSet\'s events say why. Init containers are validated the same way.',
    remediation: 'Lower the request to the limit or less, or raise the limit. Requests are what the scheduler reserves; limits are the most the container may use.',
    messages: {
      exceeds: 'Container "{{container}}" requests {{resource}} {{request}}, above its limit of {{limit}}: the API server rejects the pod, so none is ever created. Lower the request to {{limit}} or less, or raise the limit.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containersWithResources(resource)) {
      const requests = resourceList(ref.container, 'requests');
      const limits = resourceList(ref.container, 'limits');
      if (!requests || !limits) continue;
      for (const [name, request] of Object.entries(requests)) {
        if (!Object.hasOwn(limits, name)) continue;
        const limit = limits[name];
        const requested = parseQuantity(request);
        const allowed = parseQuantity(limit);
        // Values that do not parse are invalid-quantity's findings; comparing them would only guess.
        if (requested === undefined || allowed === undefined || requested <= allowed) continue;
        context.report({
          messageId: 'exceeds',
          data: { container: ref.name, resource: name, request: shown(request), limit: shown(limit) },
          path: [...ref.path, 'resources', 'requests', name],
        });
      }
    }
  },
});
