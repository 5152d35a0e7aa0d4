import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import type { ResourceIndex } from '../src/model/index.js';
import { apiGroupOf, groupKind, type GroupKind } from '../src/model/kinds.js';
import { isObject, type Resource } from '../src/model/resource.js';
import { isHelmTestHook } from './service-selector-no-match.js';

/*
 * The helpers exported here are shared by the autoscaling rules (hpa-cpu-request-missing,
 * pdb-blocks-eviction, pdb-above-hpa-min, replicas-without-spread): they belong in a
 * src/model/autoscaling.ts, where they can move without changing behaviour.
 */

/** Kinds with a `spec.replicas` that an autoscaler can own through their scale subresource. */
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

/** A workload's replica count: `spec.replicas`, 1 when unset, undefined when it is not a count (a template left in). */
export function replicasOf(resource: Resource): number | undefined {
  const spec = resource.object.spec;
  const replicas = isObject(spec) ? spec.replicas : undefined;
  if (replicas === undefined || replicas === null) return 1;
  return typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 ? replicas : undefined;
}

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
      const at = key(kind, index.namespaceOf(resource), target.name);
      const list = table.get(at);
      if (list) list.push(resource);
      else table.set(at, [resource]);
    }
    scaledObjects.set(index, table);
  }
  return kinds.flatMap((kind) => table.get(key(kind, namespace, name)) ?? []);
}

/** The HorizontalPodAutoscalers (and KEDA ScaledObjects) that scale a workload. */
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

/** The workloads an HPA's scaleTargetRef names in its namespace (several when defined twice). */
export function scaleTargetsOf(index: ResourceIndex, hpa: Resource): readonly Resource[] {
  const spec = hpa.object.spec;
  const target = isObject(spec) && isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (!target || typeof target.kind !== 'string' || typeof target.apiVersion !== 'string' || typeof target.name !== 'string') return [];
  const namespace = index.namespaceOf(hpa);
  return sameObjectKinds(groupKind(apiGroupOf(target.apiVersion), target.kind)).flatMap((kind) => index.get(kind, namespace, target.name as string));
}

/** `HorizontalPodAutoscaler web`, for messages. */
export function autoscalerName(autoscaler: Autoscaler): string {
  return `${autoscaler.resource.kind} ${autoscaler.resource.name}`;
}

export default createRule({
  meta: {
    id: 'replicas-with-hpa',
    category: 'rollout',
    severity: 'warning',
    precision: 'high',
    description: 'A workload sets `spec.replicas` while a HorizontalPodAutoscaler scales it.',
    rationale: 'An autoscaler owns the replica count of the workload it targets. A `spec.replicas` in the manifest fights it: every `kubectl apply`, Helm upgrade or GitOps sync that sends the field sets the count back to the written number, so a service scaled up for load drops to it in the middle of the peak (or one scaled down jumps back up) until the autoscaler reacts again, and GitOps tools show the workload as out of sync whenever the autoscaler has acted.',
    remediation: 'Remove `spec.replicas` from the manifest (in Helm charts, leave it out when autoscaling is enabled) and set the bounds on the autoscaler with `minReplicas` and `maxReplicas`.',
    messages: {
      replicasSet: 'spec.replicas is {{replicas}} while this {{kind}} is scaled by {{autoscaler}}, so every apply or sync resets the replica count to {{replicas}} and undoes the autoscaler\'s choice. Remove spec.replicas and set the bounds on the autoscaler.',
    },
    appliesTo: SCALABLE_KINDS,
    scope: 'set',
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || spec.replicas === undefined || spec.replicas === null || isHelmTestHook(resource)) return;
    const autoscalers = autoscalersOf(context.index, resource);
    if (autoscalers.length === 0) return;
    context.report({
      messageId: 'replicasSet',
      data: { replicas: String(spec.replicas), autoscaler: autoscalers.map(autoscalerName).join(', '), kind: resource.kind },
      path: ['spec', 'replicas'],
      on: 'key',
      related: autoscalers.map((autoscaler) => ({ resource: autoscaler.resource, path: ['spec', 'scaleTargetRef', 'name'], message: `${autoscalerName(autoscaler)} scales it` })),
    });
  },
});
