import { createRule } from '../src/engine/builtin-rule.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import type { KeyReference } from '../src/model/references.js';
import { isObject, type Resource } from '../src/model/resource.js';

/**
 * Annotations of controllers that write a ConfigMap's data after it is applied: copies from
 * another ConfigMap (emberstack reflector, mittwald replicator, kubed/config-syncer) and
 * OpenShift's service CA injection (`service-ca.crt`). Its keys are then not all written here.
 */
const FILLED_BY = [
  'reflector.v1.k8s.emberstack.com/reflects',
  'replicator.v1.mittwald.de/replicate-from',
  'kubed.appscode.com/origin',
  'service.beta.openshift.io/inject-cabundle',
];

/** Keys a ConfigMap has in `data` and `binaryData`, or undefined when a controller fills it in, so its keys are unknown. */
function keysOf(configMap: Resource): Set<string> | undefined {
  const { object } = configMap;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  if (FILLED_BY.some((name) => name in annotations)) return undefined;
  const keys = new Set<string>();
  for (const field of ['data', 'binaryData']) {
    const value = object[field];
    if (isObject(value)) for (const key of Object.keys(value)) keys.add(key);
    // A templated or malformed map says nothing about the keys it will have.
    else if (value !== undefined && value !== null) return undefined;
  }
  return keys;
}

/**
 * The keys of a ConfigMap defined once or more: a key of any definition counts, since which one
 * wins depends on how the set is applied, and the duplicate is a finding of its own.
 */
function unionOfKeys(configMaps: readonly Resource[]): Set<string> | undefined {
  const keys = new Set<string>();
  for (const configMap of configMaps) {
    const own = keysOf(configMap);
    if (!own) return undefined;
    for (const key of own) keys.add(key);
  }
  return keys;
}

/** Key names for the message; a long list is cut. */
function describeKeys(keys: ReadonlySet<string>): string {
  if (keys.size === 0) return 'it has no keys';
  const sorted = [...keys].sort();
  const shown = sorted.slice(0, 10).map((key) => `"${key}"`).join(', ');
  return `its keys: ${shown}${sorted.length > 10 ? `, and ${sorted.length - 10} more` : ''}`;
}

function isEnvKey(key: KeyReference): boolean {
  return key.path.includes('valueFrom');
}

export default createRule({
  meta: {
    id: 'configmap-key-not-found',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A pod reads a key that the ConfigMap defined in the set does not have.',
    rationale: 'A `configMapKeyRef` or a volume `items` entry naming a key the ConfigMap lacks fails only when the pod starts: the container stays in CreateContainerConfigError ("couldn\'t find key … in ConfigMap"), or the volume cannot be mounted and the pod hangs in ContainerCreating. A renamed key, or a file renamed in a configMapGenerator, breaks every pod that reads it at the next rollout.',
    remediation: 'Use a key the ConfigMap defines in `data` or `binaryData` (the message lists them), add the key to the ConfigMap, or mark the reference `optional: true` if the pod can run without it. ConfigMaps declared external, and those whose data a controller writes (reflected or replicated copies, OpenShift CA injection), are not checked. When a ConfigMap is defined twice, a key of either counts.',
    messages: {
      envKeyMissing: 'ConfigMap "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the container cannot start: CreateContainerConfigError. Use one of its keys, add "{{key}}" to the ConfigMap, or mark the reference optional: true.',
      volumeKeyMissing: 'ConfigMap "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the volume cannot be mounted and the pod stays in ContainerCreating. Use one of its keys, add "{{key}}" to the ConfigMap, or mark the volume optional: true.',
    },
    appliesTo: WORKLOAD_KINDS,
    scope: 'set',
  },
  check(resource, context) {
    const { index } = context;
    for (const reference of index.referencesFrom(resource)) {
      if (reference.target !== 'ConfigMap' || reference.optional || reference.keys.length === 0) continue;
      const presence = index.presence('ConfigMap', reference.namespace, reference.name);
      if (presence.defined.length === 0 || presence.external) continue;
      const keys = unionOfKeys(presence.defined);
      if (!keys) continue;
      for (const key of reference.keys) {
        if (keys.has(key.key)) continue;
        context.report({
          messageId: isEnvKey(key) ? 'envKeyMissing' : 'volumeKeyMissing',
          data: { name: reference.name, key: key.key, via: reference.via, keys: describeKeys(keys) },
          path: key.path,
          related: presence.defined.map((configMap) => ({ resource: configMap, path: ['metadata', 'name'], message: `ConfigMap "${configMap.name}" is defined here` })),
        });
      }
    }
  },
});
