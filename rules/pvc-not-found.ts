import { createRule } from '../src/engine/builtin-rule.js';
import type { ResourceIndex } from '../src/model/index.js';
import { lookUp } from '../src/model/lookup.js';
import { isObjectName } from '../src/model/names.js';
import type { Reference } from '../src/model/references.js';
import { isObject, type Resource } from '../src/model/resource.js';
import { describePods, podSpec } from '../src/model/workload.js';

const STATEFULSET_KINDS = ['apps/StatefulSet', 'apps.kruise.io/StatefulSet'];

/**
 * Claims that controllers of the set make at run time, as `namespace\0name` (or, for StatefulSets,
 * `namespace\0<template>-<statefulset>` followed by `-<ordinal>`): a backup or debug Job that
 * mounts `data-postgres-0` names a claim nobody writes. KubeVirt CDI DataVolumes make a claim of
 * their own name.
 */
function claimsMadeByControllers(index: ResourceIndex): { exact: Set<string>; ordinalPrefixes: Set<string> } {
  const exact = new Set<string>();
  const ordinalPrefixes = new Set<string>();
  for (const kind of STATEFULSET_KINDS) {
    for (const statefulSet of index.ofKind(kind)) {
      const spec = isObject(statefulSet.object.spec) ? statefulSet.object.spec : {};
      if (!Array.isArray(spec.volumeClaimTemplates)) continue;
      for (const template of spec.volumeClaimTemplates) {
        const name = isObject(template) && isObject(template.metadata) ? template.metadata.name : undefined;
        if (typeof name === 'string' && name !== '') ordinalPrefixes.add(`${index.namespaceOf(statefulSet)}\u0000${name}-${statefulSet.name}`);
      }
    }
  }
  for (const dataVolume of index.ofKind('cdi.kubevirt.io/DataVolume')) exact.add(`${index.namespaceOf(dataVolume)}\u0000${dataVolume.name}`);
  return { exact, ordinalPrefixes };
}

const ORDINAL = /^(.+)-(?:0|[1-9][0-9]*)$/;

/**
 * The StatefulSet controller replaces a pod volume named like one of its `volumeClaimTemplates`
 * with that pod's own claim, so whatever claim that volume names is never looked up.
 */
function replacedByClaimTemplate(resource: Resource, reference: Reference): boolean {
  if (!STATEFULSET_KINDS.includes(resource.groupKind)) return false;
  const spec = isObject(resource.object.spec) ? resource.object.spec : {};
  const templates = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  const at = reference.path.indexOf('volumes');
  const volume = podSpec(resource)?.spec.volumes;
  const entry = at === -1 || !Array.isArray(volume) ? undefined : volume[reference.path[at + 1] as number];
  const name = isObject(entry) ? entry.name : undefined;
  return typeof name === 'string' && templates.some((template) => isObject(template) && isObject(template.metadata) && template.metadata.name === name);
}

export default createRule({
  meta: {
    id: 'pvc-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A pod volume claims a PersistentVolumeClaim that is not defined, made by a StatefulSet, or declared external in its namespace.',
    rationale: 'A pod whose volume names a PersistentVolumeClaim that does not exist is accepted and then never scheduled: it stays Pending with `persistentvolumeclaim "x" not found`, and the rollout waits until its deadline. Claims never cross namespaces.',
    remediation: 'Define the PersistentVolumeClaim in the namespace of the workload, fix the name if it is a typo, use a StatefulSet `volumeClaimTemplates` entry or an `ephemeral` volume when each pod needs its own claim, or list the claim under `externalResources` in the configuration when it is created outside these manifests (a chart\'s `existingClaim`). Claims a StatefulSet of the set makes (`<template>-<statefulset>-<ordinal>`) count as present.',
    messages: {
      missing: 'PersistentVolumeClaim "{{name}}" ({{via}}) is not defined in namespace "{{namespace}}", so the scheduler never places {{pods}} (persistentvolumeclaim "{{name}}" not found, Pending forever). Define it, fix the name, or list it under externalResources in the configuration if it is created elsewhere.',
      otherNamespace: 'PersistentVolumeClaim "{{name}}" ({{via}}) is looked up in namespace "{{namespace}}", but it is defined only in {{namespaces}}: a pod can only mount a claim of its own namespace, so the scheduler never places {{pods}}. Define the claim in "{{namespace}}", or move this {{kind}} to its namespace.',
    },
    appliesTo: 'workloads',
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // In a partial run the claim may well be in a file that was not given.
    if (!index.complete) return {};
    let made: ReturnType<typeof claimsMadeByControllers> | undefined;
    return {
      check(resource) {
        for (const reference of index.referencesFrom(resource)) {
          if (reference.target !== 'PersistentVolumeClaim' || !isObjectName(reference.name)) continue;
          const found = lookUp(index, 'PersistentVolumeClaim', reference.namespace, reference.name);
          if (found.kind === 'present' || replacedByClaimTemplate(resource, reference)) continue;
          const namespace = index.effectiveNamespace('PersistentVolumeClaim', reference.namespace)!;
          made ??= claimsMadeByControllers(index);
          if (made.exact.has(`${namespace}\u0000${reference.name}`)) continue;
          const base = ORDINAL.exec(reference.name)?.[1];
          if (base !== undefined && made.ordinalPrefixes.has(`${namespace}\u0000${base}`)) continue;
          const data = { name: reference.name, via: reference.via, namespace, pods: describePods(resource) };
          if (found.kind === 'otherNamespace') {
            context.report({ messageId: 'otherNamespace', data: { ...data, namespaces: found.namespaces, kind: resource.kind }, path: reference.path, related: found.related });
          } else {
            context.report({ messageId: 'missing', data, path: reference.path });
          }
        }
      },
    };
  },
});
