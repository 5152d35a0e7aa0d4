import type { ObjectPath } from '../core/types.js';
import { append } from './collections.js';
import type { ResourceIndex } from './index.js';
import { apiGroupOf, groupKind, type GroupKind } from './kinds.js';
import { isObject, type RelatedLocation, type Resource } from './resource.js';

/*
 * Autoscalers and the workloads they scale. An autoscaler owns a workload's replica count, so the
 * rules about replicas, disruption budgets and utilization all need the same answers: which
 * autoscalers scale a workload (HPAs and KEDA ScaledObjects alike), what minimum they keep, and
 * which workloads an HPA names.
 */

/**
 * Kinds with a `spec.replicas` that an autoscaler can own through their scale subresource: the
 * workloads whose replica count a rule can weigh (DaemonSets and Jobs have none to weigh).
 */
export const SCALABLE_KINDS: readonly GroupKind[] = [
  'apps/Deployment',
  'extensions/Deployment',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  'extensions/ReplicaSet',
  'ReplicationController',
  'argoproj.io/Rollout',
];

const HPA: GroupKind = 'autoscaling/HorizontalPodAutoscaler';
const SCALED_OBJECT: GroupKind = 'keda.sh/ScaledObject';

/** The API server serves Deployments and ReplicaSets under both groups, so a reference in one names the object written in the other. */
function sameObjectKinds(kind: GroupKind): GroupKind[] {
  const alias = /^(apps|extensions)\/(Deployment|ReplicaSet|DaemonSet)$/.exec(kind);
  if (!alias) return [kind];
  return [`apps/${alias[2]}`, `extensions/${alias[2]}`];
}

/**
 * A workload's replica count as the controller reads it: 1 when unset. Undefined when it is not a
 * count (a template left in, a quoted number), where a rule weighing replicas says nothing rather
 * than guess.
 */
export function replicasOf(resource: Resource): number | undefined {
  const spec = resource.object.spec;
  const replicas = isObject(spec) ? spec.replicas : undefined;
  if (replicas === undefined || replicas === null) return 1;
  return typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 ? replicas : undefined;
}

/**
 * An HPA or a KEDA ScaledObject reduced to what rules weigh a workload by: the fewest replicas it
 * keeps, since a rollout or a drain meets the workload at its minimum, and where that is written.
 */
export interface Autoscaler {
  /** The HorizontalPodAutoscaler, or the KEDA ScaledObject that makes one. */
  resource: Resource;
  /** The fewest replicas it keeps while the workload is active; undefined when not a count. */
  minReplicas: number | undefined;
  /** Where the minimum is written; its scaleTargetRef when the minimum is the default. */
  minPath: ObjectPath;
  /** Whether the minimum is written rather than defaulted. */
  explicitMin: boolean;
  /** The minimum as written, for messages: `minReplicas 2`, `minReplicaCount 0 (1 while active)`. */
  minText: string;
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function hpaAutoscaler(resource: Resource): Autoscaler {
  const spec = isObject(resource.object.spec) ? resource.object.spec : {};
  if (spec.minReplicas === undefined || spec.minReplicas === null) return { resource, minReplicas: 1, minPath: ['spec', 'scaleTargetRef'], explicitMin: false, minText: 'minReplicas 1 (the default)' };
  return { resource, minReplicas: integer(spec.minReplicas), minPath: ['spec', 'minReplicas'], explicitMin: true, minText: `minReplicas ${String(spec.minReplicas)}` };
}

/** KEDA scales to zero when idle, and through its HPA keeps at least one replica while active. */
function scaledObjectAutoscaler(resource: Resource): Autoscaler {
  const spec = isObject(resource.object.spec) ? resource.object.spec : {};
  if (spec.minReplicaCount === undefined || spec.minReplicaCount === null) {
    return { resource, minReplicas: 1, minPath: ['spec', 'scaleTargetRef'], explicitMin: false, minText: 'minReplicaCount 0 (the default; 1 replica while active)' };
  }
  const min = integer(spec.minReplicaCount);
  const minText = `minReplicaCount ${String(spec.minReplicaCount)}${min === 0 ? ' (1 replica while active)' : ''}`;
  return { resource, minReplicas: min === undefined ? undefined : Math.max(1, min), minPath: ['spec', 'minReplicaCount'], explicitMin: true, minText };
}

const key = (kind: GroupKind, namespace: string | undefined, name: string) => `${kind}\u0000${namespace ?? ''}\u0000${name}`;

/** ScaledObjects by the workload they target, once per index: the reference table has HPAs only. */
const scaledObjects = new WeakMap<ResourceIndex, Map<string, Resource[]>>();

function scaledObjectsTargeting(index: ResourceIndex, kinds: readonly GroupKind[], namespace: string | undefined, name: string): Resource[] {
  let table = scaledObjects.get(index);
  if (!table) {
    table = new Map();
    for (const resource of index.ofKind(SCALED_OBJECT)) {
      const spec = resource.object.spec;
      const target = isObject(spec) && isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
      if (!target || typeof target.name !== 'string') continue;
      // KEDA's defaults: a Deployment of apps/v1.
      const kind = groupKind(apiGroupOf(typeof target.apiVersion === 'string' ? target.apiVersion : 'apps/v1'), typeof target.kind === 'string' ? target.kind : 'Deployment');
      append(table, key(kind, index.namespaceOf(resource), target.name), resource);
    }
    scaledObjects.set(index, table);
  }
  return kinds.flatMap((kind) => table.get(key(kind, namespace, name)) ?? []);
}

/**
 * The HorizontalPodAutoscalers and KEDA ScaledObjects that scale a workload, under either API
 * group that serves it: whoever owns the replica count decides what a written `replicas` or a
 * disruption budget means for the workload.
 */
export function autoscalersOf(index: ResourceIndex, workload: Resource): Autoscaler[] {
  const namespace = index.namespaceOf(workload);
  const kinds = sameObjectKinds(workload.groupKind);
  const found: Autoscaler[] = [];
  for (const kind of kinds) {
    for (const reference of index.referencesTo(kind, namespace, workload.name)) {
      if (reference.via === 'scaleTargetRef' && reference.from.groupKind === HPA) found.push(hpaAutoscaler(reference.from));
    }
  }
  for (const resource of scaledObjectsTargeting(index, kinds, namespace, workload.name)) found.push(scaledObjectAutoscaler(resource));
  return found;
}

/**
 * The workloads an HPA's scaleTargetRef names in its namespace (several when defined twice), under
 * either API group that serves them: what an HPA measures is their pods.
 */
export function scaleTargetsOf(index: ResourceIndex, hpa: Resource): readonly Resource[] {
  const spec = hpa.object.spec;
  const target = isObject(spec) && isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (!target || typeof target.kind !== 'string' || typeof target.apiVersion !== 'string' || typeof target.name !== 'string') return [];
  const namespace = index.namespaceOf(hpa);
  return sameObjectKinds(groupKind(apiGroupOf(target.apiVersion), target.kind)).flatMap((kind) => index.get(kind, namespace, target.name as string));
}

/** `HorizontalPodAutoscaler web`: the rules that blame an autoscaler's minimum name it alike. */
export function autoscalerName(autoscaler: Autoscaler): string {
  return `${autoscaler.resource.kind} ${autoscaler.resource.name}`;
}

/**
 * Where an autoscaler's minimum is written, for related locations: the rules that weigh a
 * workload at its minimum replica count point at it, or at the scaleTargetRef when the minimum is
 * the default and nothing is written.
 */
export function minimumLocation(autoscaler: Autoscaler): RelatedLocation {
  return { resource: autoscaler.resource, path: autoscaler.minPath, ...(autoscaler.explicitMin ? {} : { on: 'key' as const }), message: `${autoscalerName(autoscaler)}: ${autoscaler.minText}` };
}
