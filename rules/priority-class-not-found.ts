import { createRule } from '../src/engine/builtin-rule.js';
import { isObjectName } from '../src/model/names.js';
import { describePods } from '../src/model/workload.js';

const PRIORITY_CLASS = 'scheduling.k8s.io/PriorityClass';

/** Made by the API server itself in every cluster. */
const BUILT_IN = new Set(['system-cluster-critical', 'system-node-critical']);

export default createRule({
  meta: {
    id: 'priority-class-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A pod template names a PriorityClass that is neither defined, built in, nor declared external.',
    rationale: 'The Priority admission plugin resolves `priorityClassName` when each pod is created and refuses the pod when no PriorityClass of that name exists (`no PriorityClass with name x was found`). The workload itself is accepted, so the failure shows only in its controller\'s events while no pod starts and the rollout waits until its deadline.',
    remediation: 'Define the PriorityClass (`scheduling.k8s.io/v1`, cluster-scoped), fix the name if it is a typo, remove `priorityClassName` to run at the default priority, or list the class under `externalResources` in the configuration when the cluster already has it. `system-cluster-critical` and `system-node-critical` always exist.',
    messages: {
      missing: 'PriorityClass "{{name}}" is not defined, so the API server refuses {{pods}} (no PriorityClass with name {{name}} was found). Define it, fix the name, or list it under externalResources in the configuration if the cluster has it.',
    },
    appliesTo: 'workloads',
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // In a partial run the PriorityClass may well be in a file that was not given.
    if (!index.complete) return {};
    return {
      check(resource) {
        for (const reference of index.referencesFrom(resource)) {
          if (reference.target !== PRIORITY_CLASS || BUILT_IN.has(reference.name) || !isObjectName(reference.name)) continue;
          if (index.exists(PRIORITY_CLASS, undefined, reference.name)) continue;
          context.report({ messageId: 'missing', data: { name: reference.name, pods: describePods(resource) }, path: reference.path });
        }
      },
    };
  },
});
