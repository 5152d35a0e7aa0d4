import { SCALABLE_KINDS } from './autoscaling.js';
import type { ResourceIndex } from './index.js';
import { isObject, type RelatedLocation, type Resource } from './resource.js';
import type { IntOrPercent } from './rollout.js';
import { readLabelSelector } from './selector.js';
import type { TemplateMatcher } from './template-matcher.js';
import { workloadName } from './workload.js';

/*
 * PodDisruptionBudgets weighed against the replicas they cover. pdb-blocks-eviction weighs a
 * budget against fixed replica counts and pdb-above-hpa-min against an autoscaler's minimum: they
 * must count the same pods, round the same way, and name the workloads alike, so that a budget is
 * reported by one of them and never by both or neither.
 */

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

/**
 * The pods a budget's minAvailable keeps up out of `pods`. The disruption controller rounds a
 * percentage up, so a budget that blocks at one count blocks at the rounding the rules compute.
 */
export function desiredHealthy(amount: IntOrPercent, pods: number): number {
  return amount.percent ? Math.ceil((amount.value * pods) / 100) : amount.value;
}

/** `1 pod`, `3 pods`: the disruption messages count pods and replicas, one or many. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `1 replica`, or `3 replicas in all` when a budget covers several workloads, whose counts add up. */
export const replicaCount = (pods: number, workloads: number) => `${plural(pods, 'replica')}${workloads > 1 ? ' in all' : ''}`;

/** `Deployment web`, `Deployment web and StatefulSet db`: a budget may cover several workloads, and the message names them all. */
export function listWorkloads(workloads: readonly Resource[]): string {
  const names = workloads.map(workloadName);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Where a workload's replica count is written, for related locations: the count is what makes a
 * budget block, so the finding points at it, or at `spec` when the count is the default.
 */
export function replicasLocation(workload: Resource, replicas: number): RelatedLocation {
  const spec = workload.object.spec;
  if (workload.groupKind === 'Pod') return { resource: workload, path: ['metadata', 'name'], message: `${workloadName(workload)} is a single pod` };
  if (isObject(spec) && spec.replicas !== undefined && spec.replicas !== null) return { resource: workload, path: ['spec', 'replicas'], message: `${workloadName(workload)} runs ${plural(replicas, 'replica')}` };
  return { resource: workload, path: ['spec'], on: 'key', message: `${workloadName(workload)} runs 1 replica (spec.replicas is unset)` };
}
