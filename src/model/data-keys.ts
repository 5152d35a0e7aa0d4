import type { ObjectPath } from '../core/types.js';
import type { ResourceIndex } from './index.js';
import type { KeyReference } from './references.js';
import { isObject, metadataMap, type RelatedLocation, type Resource } from './resource.js';

/*
 * The keys of Secrets and ConfigMaps, for the rules that say a pod reads a key its Secret or
 * ConfigMap lacks (secret-key-not-found, configmap-key-not-found). Both kinds hold their keys in
 * maps and have controllers that fill them in after they are applied; what differs is which maps
 * and which controllers, so one reader serves both and the differences stay in a table.
 */

/** The kinds whose keys pods read by name. */
export type DataKind = 'Secret' | 'ConfigMap';

interface KeySource {
  /** The maps that hold the keys. */
  fields: readonly string[];
  /** Annotations of controllers that write the data after it is applied: the keys written in the manifest are then not all it will have. */
  filledBy: readonly string[];
  /** Types whose keys Kubernetes fills in. */
  filledTypes: ReadonlySet<string>;
}

/** Copies from another object of the kind: emberstack reflector, mittwald replicator, kubed/config-syncer. */
const COPIED = ['reflector.v1.k8s.emberstack.com/reflects', 'replicator.v1.mittwald.de/replicate-from', 'kubed.appscode.com/origin'];

const SOURCES: Readonly<Record<DataKind, KeySource>> = {
  Secret: {
    fields: ['data', 'stringData'],
    // mittwald secret-generator writes generated values.
    filledBy: [...COPIED, 'secret-generator.v1.mittwald.de/autogenerate'],
    // The token controller writes `token`, `ca.crt` and `namespace`.
    filledTypes: new Set(['kubernetes.io/service-account-token']),
  },
  ConfigMap: {
    fields: ['data', 'binaryData'],
    // OpenShift's service CA injection writes `service-ca.crt`.
    filledBy: [...COPIED, 'service.beta.openshift.io/inject-cabundle'],
    filledTypes: new Set(),
  },
};

/**
 * Keys per object, asked once: every pod that reads a ConfigMap asks for its keys, and a
 * dashboards ConfigMap has hundreds. `null`: a controller fills it in.
 */
const knownKeys = new WeakMap<Resource, Set<string> | null>();

/** Keys an object has, or undefined when a controller fills it in, so its keys are unknown. */
function keysOf(kind: DataKind, resource: Resource): Set<string> | undefined {
  let keys = knownKeys.get(resource);
  if (keys === undefined) {
    keys = readKeys(kind, resource) ?? null;
    knownKeys.set(resource, keys);
  }
  return keys ?? undefined;
}

function readKeys(kind: DataKind, resource: Resource): Set<string> | undefined {
  const source = SOURCES[kind];
  const { object } = resource;
  if (typeof object.type === 'string' && source.filledTypes.has(object.type)) return undefined;
  const annotations = metadataMap(resource, 'annotations');
  if (source.filledBy.some((name) => name in annotations)) return undefined;
  const keys = new Set<string>();
  for (const field of source.fields) {
    const value = object[field];
    if (isObject(value)) for (const key of Object.keys(value)) keys.add(key);
    // A templated or malformed map says nothing about the keys it will have.
    else if (value !== undefined && value !== null) return undefined;
  }
  return keys;
}

/**
 * The keys of an object defined once or more: a key of any definition counts, since which one
 * wins depends on how the set is applied, and the duplicate is a finding of its own.
 */
function unionOfKeys(kind: DataKind, definitions: readonly Resource[]): ReadonlySet<string> | undefined {
  if (definitions.length === 1) return keysOf(kind, definitions[0]!);
  const keys = new Set<string>();
  for (const definition of definitions) {
    const own = keysOf(kind, definition);
    if (!own) return undefined;
    for (const key of own) keys.add(key);
  }
  return keys;
}

/** Key names, never values, for the message; a long list is cut. */
function describeKeys(keys: ReadonlySet<string>): string {
  if (keys.size === 0) return 'it has no keys';
  const sorted = [...keys].sort();
  const shown = sorted.slice(0, 10).map((key) => `"${key}"`).join(', ');
  return `its keys: ${shown}${sorted.length > 10 ? `, and ${sorted.length - 10} more` : ''}`;
}

/**
 * A key a pod reads that its Secret or ConfigMap lacks. An env variable and a volume fail
 * differently (the container cannot start, the volume cannot be mounted), so `env` picks the
 * message; the message data (`name`, `key`, `via`, `keys`) and the related definitions are the
 * same for both kinds.
 */
export interface MissingKey {
  env: boolean;
  data: Record<string, string>;
  /** Where the key is named. */
  path: ObjectPath;
  related: RelatedLocation[];
}

/**
 * The keys a resource's references to objects of `kind` read and the objects lack. Optional
 * references, and objects that are not defined in the set, are made by another object or are
 * declared external, are not checked: their keys are not known here.
 */
export function missingKeys(index: ResourceIndex, resource: Resource, kind: DataKind): MissingKey[] {
  const found: MissingKey[] = [];
  for (const reference of index.referencesFrom(resource)) {
    if (reference.target !== kind || reference.optional || reference.keys.length === 0) continue;
    const presence = index.presence(kind, reference.namespace, reference.name);
    if (presence.defined.length === 0 || presence.producedBy.length > 0 || presence.external) continue;
    const keys = unionOfKeys(kind, presence.defined);
    if (!keys) continue;
    for (const key of reference.keys) {
      if (keys.has(key.key)) continue;
      found.push({
        env: isEnvKey(key),
        data: { name: reference.name, key: key.key, via: reference.via, keys: describeKeys(keys) },
        path: key.path,
        related: presence.defined.map((definition) => ({ resource: definition, path: ['metadata', 'name'], message: `${kind} "${definition.name}" is defined here` })),
      });
    }
  }
  return found;
}

/** A key read by `secretKeyRef` or `configMapKeyRef` sits under `valueFrom`; one read by a volume under `items`. */
function isEnvKey(key: KeyReference): boolean {
  return key.path.includes('valueFrom');
}
