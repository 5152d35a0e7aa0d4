import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { autoscalersOf, replicasOf } from '../src/model/autoscaling.js';
import { budgetedWorkloads, desiredHealthy, listWorkloads, plural, replicaCount, replicasLocation } from '../src/model/disruption.js';
import { isObject } from '../src/model/resource.js';
import { intOrPercent, isLiteralZero } from '../src/model/rollout.js';
import { readLabelSelector } from '../src/model/selector.js';
import { templateMatcher } from '../src/model/template-matcher.js';

export default createRule({
  meta: {
    id: 'pdb-blocks-eviction',
    category: 'rollout',
    severity: 'error',
    precision: 'high',
    description: 'A PodDisruptionBudget allows no voluntary eviction of the pods it selects.',
    rationale: 'Node drains, cluster upgrades and the cluster autoscaler evict pods through the eviction API, which refuses any eviction a PodDisruptionBudget does not allow. A budget of `maxUnavailable: 0`, `minAvailable: 100%`, or a `minAvailable` that is not below the replica count of the pods it selects (`minAvailable: 1` on a single replica) never allows one: `kubectl drain` retries forever, managed upgrades stall or force their way through after a timeout, and nodes cannot be scaled down.',
    remediation: 'Allow at least one pod to go: `maxUnavailable: 1` (or a percentage), or a `minAvailable` below the replica count; run more replicas when the service must stay up during drains. Workloads scaled by an autoscaler are checked by pdb-above-hpa-min against its minReplicas.',
    messages: {
      maxUnavailableZero: 'maxUnavailable {{maxUnavailable}} allows no pod this budget selects to be evicted, so node drains, cluster upgrades and autoscaler scale-downs hang. Allow at least one (maxUnavailable: 1), or set a minAvailable below the replica count.',
      minAvailableAll: 'minAvailable {{minAvailable}} keeps every pod this budget selects available, so none can be evicted and node drains, cluster upgrades and autoscaler scale-downs hang. Use maxUnavailable: 1, or a minAvailable below 100%.',
      minAvailableReplicas: 'minAvailable {{minAvailable}} keeps {{desired}} available, but {{workloads}} {{verb}} {{replicas}}, so no pod can be evicted and node drains, cluster upgrades and autoscaler scale-downs hang. Use maxUnavailable: 1 (or a lower minAvailable), or run more replicas.',
    },
    appliesTo: ['policy/PodDisruptionBudget'],
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    return {
      check(pdb) {
        const spec = pdb.object.spec;
        if (!isObject(spec)) return;
        // A budget that selects nothing blocks nothing: pdb-selector-no-match reports it.
        const selectsNothing = (): boolean => {
          const selector = readLabelSelector(spec.selector);
          return index.complete && selector !== undefined && matcher.select(index.namespaceOf(pdb), selector).length === 0;
        };
        const at = (field: string): ObjectPath => ['spec', field];
        if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
          if (isLiteralZero(spec.maxUnavailable) && !selectsNothing()) {
            context.report({ messageId: 'maxUnavailableZero', data: { maxUnavailable: String(spec.maxUnavailable) }, path: at('maxUnavailable') });
          }
          return;
        }
        const amount = intOrPercent(spec.minAvailable);
        if (!amount) return;
        const minAvailable = String(spec.minAvailable);
        if (amount.percent && amount.value >= 100) {
          if (!selectsNothing()) context.report({ messageId: 'minAvailableAll', data: { minAvailable }, path: at('minAvailable') });
          return;
        }
        // Pods of a workload left out of a partial run would raise the count.
        if (!index.complete) return;
        const workloads = budgetedWorkloads(matcher, index, pdb);
        // Autoscaled replica counts move; pdb-above-hpa-min weighs the budget against their minimum.
        if (!workloads || workloads.some((workload) => autoscalersOf(index, workload).length > 0)) return;
        // The disruption controller counts bare pods only for an absolute minAvailable.
        if (amount.percent && workloads.some((workload) => workload.groupKind === 'Pod')) return;
        const counts = workloads.map((workload) => (workload.groupKind === 'Pod' ? 1 : replicasOf(workload)));
        if (counts.some((count) => count === undefined)) return;
        const pods = counts.reduce<number>((sum, count) => sum + count!, 0);
        const desired = desiredHealthy(amount, pods);
        if (pods === 0 || desired < pods) return;
        context.report({
          messageId: 'minAvailableReplicas',
          data: { minAvailable, desired: plural(desired, 'pod'), workloads: listWorkloads(workloads), verb: workloads.length === 1 ? 'runs' : 'run', replicas: replicaCount(pods, workloads.length) },
          path: at('minAvailable'),
          related: workloads.map((workload, i) => replicasLocation(workload, counts[i]!)),
        });
      },
    };
  },
});
