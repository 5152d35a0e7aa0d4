import { environmentList, placeIn, resourceLabel } from '../compare.js';
import { defineDriftRule } from '../rule.js';

export default defineDriftRule({
  meta: {
    id: 'drift-resource-missing',
    category: 'drift',
    severity: 'warning',
    precision: 'medium',
    description: 'An object exists in one environment and not in another.',
    rationale: 'An object that only some environments have was not tested where it is missing, or is missing where it protects something: a NetworkPolicy that staging enforces and production lacks leaves production open. Some objects are expected only in stricter environments (a PodDisruptionBudget, an autoscaler): those are not reported when a less strict environment lacks them.',
    remediation: 'Add the object to the environment that lacks it, or, when only stricter environments should have it, list its kind under the `expectedInStricterOnly` option.',
    messages: {
      missing: '{{resource}} exists in {{having}} but not in {{lacking}}.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          expectedInStricterOnly: {
            description: 'Kinds (group/Kind, or Kind for the core group) that stricter environments may have alone, such as policy/PodDisruptionBudget.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
          ignoredKinds: {
            description: 'Kinds never reported as missing (for example Namespace, when each environment names its own).',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
        },
      },
      defaults: {
        expectedInStricterOnly: ['policy/PodDisruptionBudget', 'autoscaling/HorizontalPodAutoscaler', 'autoscaling.k8s.io/VerticalPodAutoscaler', 'keda.sh/ScaledObject', 'monitoring.coreos.com/ServiceMonitor', 'monitoring.coreos.com/PodMonitor', 'monitoring.coreos.com/PrometheusRule'] as string[],
        ignoredKinds: [] as string[],
      },
    },
  },
  compare(context) {
    const { environments, options } = context;
    const stricterOnly = new Set(options.expectedInStricterOnly);
    const ignored = new Set(options.ignoredKinds);
    // An environment with no objects at all failed to load or render: everything would be "missing".
    const empty = environments.map((environment) => environment.model.resources.length === 0);
    for (const resource of context.resources) {
      if (ignored.has(resource.groupKind)) continue;
      const having = resource.members.flatMap((member, i) => (member ? [i] : []));
      const lacking = resource.members.flatMap((member, i) => (member || empty[i] ? [] : [i]));
      if (lacking.length === 0) continue;
      const strictest = Math.max(...having.map((i) => environments[i]!.strictness));
      // Kinds that stricter environments may have alone are not missing where the environment is less strict.
      const missing = lacking.filter((i) => !(environments[i]!.strictness < strictest && stricterOnly.has(resource.groupKind)));
      if (missing.length === 0) continue;
      const first = having[0]!;
      context.report({
        messageId: 'missing',
        data: { resource: resourceLabel(resource), having: environmentList(environments, having), lacking: environmentList(environments, missing), key: resourceLabel(resource), value: 'defined' },
        // The environments that lack the object have no place for it: the finding goes on a copy that exists.
        at: placeIn(first, resource.members[first]!, ['metadata', 'name']),
        related: having.slice(1).map((j) => ({ ...placeIn(j, resource.members[j]!, ['metadata', 'name']), message: `${environments[j]!.name}: defined here` })),
        sides: environments.map((_, j) => ({ environment: j, value: resource.members[j] ? 'defined' : null })),
        subject: `${resource.kind}/${resource.name}`,
        resource: resourceLabel(resource),
        what: 'the object itself',
        // Only less strict environments lack it: a convenience of development more often than a gap.
        downgrade: missing.every((i) => environments[i]!.strictness < strictest),
      });
    }
  },
});
