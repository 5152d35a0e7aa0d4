import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { containers } from '../src/model/workload.js';

const SHOWN_VALUE_LENGTH = 40;

/** Names whose values findings never repeat: reports end up in CI logs and code scanning. */
const SENSITIVE_NAME = /pass|secret|token|key|cred|auth|jwt|private|cert|salt/i;

/** How a message shows what an env entry sets: short values of harmless names, else only where it comes from. */
function describeEntry(entry: KubeObject, name: string): string {
  if (typeof entry.value === 'string' || typeof entry.value === 'number' || typeof entry.value === 'boolean') {
    const value = String(entry.value);
    return value.length > SHOWN_VALUE_LENGTH || SENSITIVE_NAME.test(name) ? 'a value' : `value "${value}"`;
  }
  const from = isObject(entry.valueFrom) ? entry.valueFrom : undefined;
  if (from) {
    for (const [field, kind] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
      const source = from[field];
      if (isObject(source)) return `${kind} "${String(source.name ?? '')}" key "${String(source.key ?? '')}"`;
    }
    if (isObject(from.fieldRef)) return `field ${String(from.fieldRef.fieldPath ?? '')}`;
    if (isObject(from.resourceFieldRef)) return `resource ${String(from.resourceFieldRef.resource ?? '')}`;
    return 'a valueFrom';
  }
  return 'an empty value';
}

export default createRule({
  meta: {
    id: 'duplicate-env-var',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A container sets the same environment variable twice.',
    rationale: 'The API server accepts duplicate env names with only a warning, and the container gets the last one, so the first entry is dead configuration that looks live. Worse, `env` is merged by name: server-side apply (Helm 4, Flux, `kubectl apply --server-side`) refuses the object with `duplicate entries for key [name="X"]`, and with a client-side `kubectl apply` (a strategic merge patch), removing one of the two entries later removes the variable altogether (kubernetes/kubernetes#58477).',
    remediation: 'Keep one entry per name in each container\'s `env`, with the value that should win. To build a value from another, give the result its own name (`BASE_URL`, then `API_URL: $(BASE_URL)/api`). Variables from `envFrom` may be overridden by `env` entries; only `env` itself must not repeat a name.',
    messages: {
      duplicate: 'Container "{{container}}" sets env var "{{variable}}" again: {{second}} here overrides {{first}} set above, so the container never sees the first. Server-side apply rejects the duplicate name, and client-side apply can drop the variable entirely. Keep one entry.',
      composed: 'Container "{{container}}" sets env var "{{variable}}" again, from itself: {{second}} here extends {{first}} set above. The container gets the composed value, but server-side apply rejects the duplicate name and client-side apply can drop the variable entirely. Give the first value a name of its own and refer to that.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containers(resource)) {
      const env = ref.container.env;
      if (!Array.isArray(env)) continue;
      const previous = new Map<string, { entry: KubeObject; index: number }>();
      env.forEach((entry: unknown, index) => {
        if (!isObject(entry) || typeof entry.name !== 'string' || entry.name === '') return;
        const name = entry.name;
        const earlier = previous.get(name);
        previous.set(name, { entry, index });
        if (!earlier) return;
        const composed = typeof entry.value === 'string' && entry.value.includes(`$(${name})`);
        context.report({
          messageId: composed ? 'composed' : 'duplicate',
          data: { container: ref.name, variable: name, first: describeEntry(earlier.entry, name), second: describeEntry(entry, name) },
          path: [...ref.path, 'env', index, 'name'],
          related: [{ resource, path: [...ref.path, 'env', earlier.index, 'name'], message: `"${name}" set here before` }],
        });
      });
    }
  },
});
