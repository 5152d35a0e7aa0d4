import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import type { RelatedRequest } from '../src/engine/rule.js';
import type { ResourceIndex } from '../src/model/index.js';
import { isObject, type Resource } from '../src/model/resource.js';
import { intOrPercent, isLiteralZero, type IntOrPercent } from '../src/model/rollout.js';
import { readLabelSelector } from '../src/model/selector.js';
import { autoscalersOf, replicasOf, SCALABLE_KINDS } from './replicas-with-hpa.js';
import { TemplateMatcher, workloadName } from './service-selector-no-match.js';

const SCALABLE = new Set(SCALABLE_KINDS);

/**
 * The workloads whose pods a budget selects, each once, or undefined when the count of those pods
 * cannot be known: a selector kubegate cannot read, no pod selected (pdb-selector-no-match's
 * case), or pods of kinds without a replica count (DaemonSets, Jobs; drains skip DaemonSet pods).
 */
export function budgetedWorkloads(matcher: TemplateMatcher, index: ResourceIndex, pdb: Resource): Resource[] | undefined {
  const spec = pdb.object.spec;
  const selector = isObject(spec) ? readLabelSelector(spec.selector) : undefined;
  if (!selector) return undefined;
  const workloads = [...new Set(matcher.select(index.namespaceOf(pdb), selector).map((template) => template.resource))];
  if (workloads.length === 0 || workloads.some((workload) => !SCALABLE.has(workload.groupKind) && workload.groupKind !== 'Pod')) return undefined;
  return workloads;
}

/** The pods a budget's minAvailable keeps up out of `pods`: the disruption controller rounds a percentage up. */
export function desiredHealthy(amount: IntOrPercent, pods: number): number {
  return amount.percent ? Math.ceil((amount.value * pods) / 100) : amount.value;
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `1 replica`, or `3 replicas in all` when they belong to several workloads. */
export const replicaCount = (pods: number, workloads: number) => `${plural(pods, 'replica')}${workloads > 1 ? ' in all' : ''}`;

/** `Deployment web`, `Deployment web and StatefulSet db`. */
export function listWorkloads(workloads: readonly Resource[]): string {
  const names = workloads.map(workloadName);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Where a workload's replica count is written, for related locations. */
export function replicasLocation(workload: Resource, replicas: number): RelatedRequest {
  const spec = workload.object.spec;
  if (workload.groupKind === 'Pod') return { resource: workload, path: ['metadata', 'name'], message: `${workloadName(workload)} is a single pod` };
  if (isObject(spec) && spec.replicas !== undefined && spec.replicas !== null) return { resource: workload, path: ['spec', 'replicas'], message: `${workloadName(workload)} runs ${plural(replicas, 'replica')}` };
  return { resource: workload, path: ['spec'], on: 'key', message: `${workloadName(workload)} runs 1 replica (spec.replicas is unset)` };
}

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
    const matcher = new TemplateMatcher(index);
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
