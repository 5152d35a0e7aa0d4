import { createRule } from '../src/engine/builtin-rule.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import type { KeyReference } from '../src/model/references.js';
import { isObject, type Resource } from '../src/model/resource.js';

/**
 * Annotations of controllers that write a Secret's data after it is applied: copies from another
 * Secret (emberstack reflector, mittwald replicator, kubed/config-syncer) and generated values
 * (mittwald secret-generator). The keys written in the manifest are then not all it will have.
 */
const FILLED_BY = [
  'reflector.v1.k8s.emberstack.com/reflects',
  'replicator.v1.mittwald.de/replicate-from',
  'kubed.appscode.com/origin',
  'secret-generator.v1.mittwald.de/autogenerate',
];

/** Types whose keys Kubernetes fills in: the token controller writes `token`, `ca.crt` and `namespace`. */
const FILLED_TYPES = new Set(['kubernetes.io/service-account-token']);

/** Keys a Secret has in `data` and `stringData`, or undefined when a controller fills it in, so its keys are unknown. */
function keysOf(secret: Resource): Set<string> | undefined {
  const { object } = secret;
  if (typeof object.type === 'string' && FILLED_TYPES.has(object.type)) return undefined;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  if (FILLED_BY.some((name) => name in annotations)) return undefined;
  const keys = new Set<string>();
  for (const field of ['data', 'stringData']) {
    const value = object[field];
    if (isObject(value)) for (const key of Object.keys(value)) keys.add(key);
    // A templated or malformed map says nothing about the keys it will have.
    else if (value !== undefined && value !== null) return undefined;
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

function isEnvKey(key: KeyReference): boolean {
  return key.path.includes('valueFrom');
}

export default createRule({
  meta: {
    id: 'secret-key-not-found',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A pod reads a key that the Secret defined in the set does not have.',
    rationale: 'A `secretKeyRef` or a volume `items` entry naming a key the Secret lacks fails only when the pod starts: the container stays in CreateContainerConfigError ("couldn\'t find key … in Secret"), or the volume cannot be mounted and the pod hangs in ContainerCreating. A renamed key, or a typo in `data`, breaks every pod that reads it at the next rollout.',
    remediation: 'Use a key the Secret defines in `data` or `stringData` (the message lists them), add the key to the Secret, or mark the reference `optional: true` if the pod can run without it. Secrets whose data a controller writes (made by an ExternalSecret, SealedSecret or cert-manager, declared external, service account tokens, reflected or generated copies) are not checked. When a Secret is defined twice, a key of either counts.',
    messages: {
      envKeyMissing: 'Secret "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the container cannot start: CreateContainerConfigError. Use one of its keys, add "{{key}}" to the Secret, or mark the reference optional: true.',
      volumeKeyMissing: 'Secret "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the volume cannot be mounted and the pod stays in ContainerCreating. Use one of its keys, add "{{key}}" to the Secret, or mark the volume optional: true.',
    },
    appliesTo: WORKLOAD_KINDS,
    scope: 'set',
  },
  check(resource, context) {
    const { index } = context;
    for (const reference of index.referencesFrom(resource)) {
      if (reference.target !== 'Secret' || reference.optional || reference.keys.length === 0) continue;
      const presence = index.presence('Secret', reference.namespace, reference.name);
      // Made by another object or declared external: its keys are not known here.
      if (presence.defined.length === 0 || presence.producedBy.length > 0 || presence.external) continue;
      const keys = unionOfKeys(presence.defined);
      if (!keys) continue;
      for (const key of reference.keys) {
        if (keys.has(key.key)) continue;
        context.report({
          messageId: isEnvKey(key) ? 'envKeyMissing' : 'volumeKeyMissing',
          data: { name: reference.name, key: key.key, via: reference.via, keys: describeKeys(keys) },
          path: key.path,
          related: presence.defined.map((secret) => ({ resource: secret, path: ['metadata', 'name'], message: `Secret "${secret.name}" is defined here` })),
        });
      }
    }
  },
});

/**
 * The keys of a Secret defined once or more: a key of any definition counts, since which one wins
 * depends on how the set is applied, and the duplicate is a finding of its own.
 */
function unionOfKeys(secrets: readonly Resource[]): Set<string> | undefined {
  const keys = new Set<string>();
  for (const secret of secrets) {
    const own = keysOf(secret);
    if (!own) return undefined;
    for (const key of own) keys.add(key);
  }
  return keys;
}
