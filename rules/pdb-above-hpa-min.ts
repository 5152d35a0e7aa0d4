import { createRule } from '../src/engine/builtin-rule.js';
import type { RelatedRequest } from '../src/engine/rule.js';
import { autoscalerName, autoscalersOf, minimumLocation, replicasOf } from '../src/model/autoscaling.js';
import { budgetedWorkloads, desiredHealthy, listWorkloads, plural, replicaCount, replicasLocation } from '../src/model/disruption.js';
import { isObject } from '../src/model/resource.js';
import { intOrPercent } from '../src/model/rollout.js';
import { templateMatcher } from '../src/model/template-matcher.js';

export default createRule({
  meta: {
    id: 'pdb-above-hpa-min',
    category: 'rollout',
    severity: 'warning',
    precision: 'high',
    description: 'A PodDisruptionBudget\'s minAvailable is not below the minReplicas of the autoscaler that scales the pods it selects.',
    rationale: 'An autoscaler brings a workload down to `minReplicas` whenever load is low, which is exactly when nodes are drained for upgrades and scaled down. If the PodDisruptionBudget then requires as many pods available as there are, it allows no eviction: drains and cluster upgrades hang until traffic happens to raise the replica count, and the cluster autoscaler cannot remove the node.',
    remediation: 'Keep `minAvailable` below the autoscaler\'s `minReplicas` (or use `maxUnavailable: 1`, which scales with the replica count), or raise `minReplicas`.',
    messages: {
      aboveMin: 'minAvailable {{minAvailable}} keeps {{desired}} available, but at its minimum {{autoscaler}} runs {{workloads}} with {{replicas}}, so while load is low no pod can be evicted and node drains and upgrades hang. Use maxUnavailable: 1 (or a lower minAvailable), or raise minReplicas.',
    },
    appliesTo: ['policy/PodDisruptionBudget'],
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    return {
      check(pdb) {
        // Pods of a workload left out of a partial run would raise the count.
        if (!index.complete) return;
        const spec = pdb.object.spec;
        if (!isObject(spec) || (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null)) return;
        const amount = intOrPercent(spec.minAvailable);
        // 100% blocks at any replica count: pdb-blocks-eviction reports it.
        if (!amount || (amount.percent && amount.value >= 100)) return;
        const workloads = budgetedWorkloads(matcher, index, pdb);
        if (!workloads) return;
        if (amount.percent && workloads.some((workload) => workload.groupKind === 'Pod')) return;
        let pods = 0;
        const related: RelatedRequest[] = [];
        const autoscalerNames: string[] = [];
        for (const workload of workloads) {
          const autoscalers = autoscalersOf(index, workload);
          if (autoscalers.length === 0) {
            const replicas = workload.groupKind === 'Pod' ? 1 : replicasOf(workload);
            if (replicas === undefined) return;
            pods += replicas;
            related.push(replicasLocation(workload, replicas));
            continue;
          }
          // Two autoscalers on one workload fight; the lower minimum is where the count can fall.
          const lowest = autoscalers.reduce((a, b) => ((b.minReplicas ?? Infinity) < (a.minReplicas ?? Infinity) ? b : a));
          if (lowest.minReplicas === undefined) return;
          pods += lowest.minReplicas;
          autoscalerNames.push(autoscalerName(lowest));
          related.push(minimumLocation(lowest));
        }
        // Without an autoscaler the count is fixed: pdb-blocks-eviction weighs it.
        if (autoscalerNames.length === 0) return;
        const desired = desiredHealthy(amount, pods);
        if (pods === 0 || desired < pods) return;
        context.report({
          messageId: 'aboveMin',
          data: { minAvailable: String(spec.minAvailable), desired: plural(desired, 'pod'), autoscaler: autoscalerNames.join(', '), workloads: listWorkloads(workloads), replicas: replicaCount(pods, workloads.length) },
          path: ['spec', 'minAvailable'],
          related,
        });
      },
    };
  },
});
