import { isObject, type KubeObject, type Resource } from '../model/resource.js';
import type { ContainerRef } from '../model/workload.js';
import { namedEntries, placeIn, type Holdings, type Item } from './compare.js';
import type { DriftEnvironment } from './rule.js';

/** Names that say a variable holds a credential: its value is never shown, only where it comes from. */
const SECRET_NAME = /pass(word|wd)?|secret|token|api_?key|private|credential|auth/i;

/** How an env var gets its value, as the reports show it; never a Secret's or credential's value. */
export function envSource(environment: DriftEnvironment, name: string, entry: KubeObject): { kind: 'secret' | 'configMap' | 'field' | 'resource' | 'value'; text: string } {
  const from = entry.valueFrom;
  if (isObject(from)) {
    const secret = from.secretKeyRef;
    if (isObject(secret)) return { kind: 'secret', text: `from Secret ${environment.canonicalName('Secret', String(secret.name))} key ${String(secret.key)}` };
    const config = from.configMapKeyRef;
    if (isObject(config)) return { kind: 'configMap', text: `from ConfigMap ${environment.canonicalName('ConfigMap', String(config.name))} key ${String(config.key)}` };
    if (isObject(from.fieldRef)) return { kind: 'field', text: `from field ${String(from.fieldRef.fieldPath)}` };
    if (isObject(from.resourceFieldRef)) return { kind: 'resource', text: `from resource ${String(from.resourceFieldRef.resource)}` };
  }
  const value = entry.value;
  if (value === undefined || value === null || value === '') return { kind: 'value', text: 'empty value' };
  if (SECRET_NAME.test(name)) return { kind: 'value', text: 'a literal value' };
  const text = String(value);
  return { kind: 'value', text: `= ${text.length > 60 ? `${text.slice(0, 57)}...` : text}` };
}

/** The container's env vars, by name. */
export function envHoldings(environment: DriftEnvironment, index: number, ref: ContainerRef, resource: Resource): Holdings {
  const items = new Map<string, Item & { entry: KubeObject }>();
  for (const { key, entry, path } of namedEntries(ref.container, 'env', ref.path, (entry) => (typeof entry.name === 'string' ? entry.name : undefined))) {
    items.set(key, { place: placeIn(index, resource, [...path, 'name']), value: envSource(environment, key, entry).text, entry });
  }
  return { anchor: anchorIn(index, resource, ref, 'env'), items };
}

/** Where a missing entry of a container's list is reported: the list's key, else the container's name. */
export function anchorIn(index: number, resource: Resource, ref: ContainerRef, field: string): Holdings['anchor'] {
  return ref.container[field] !== undefined ? placeIn(index, resource, [...ref.path, field], 'key') : placeIn(index, resource, [...ref.path, 'name']);
}
