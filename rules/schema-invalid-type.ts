import { createRule } from '../src/engine/builtin-rule.js';
import type { ObjectPath } from '../src/core/types.js';
import { podSpecPathOf } from '../src/model/kinds.js';
import type { Resource } from '../src/model/resource.js';
import { typeMessage } from '../src/schema/describe.js';
import { builtinProblems } from '../src/schema/resource.js';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * A container's requests and limits: invalid-quantity reads those quantities with what each
 * resource means (memory in bytes, CPU in cores) and says what the author meant, so a value it
 * rejects is not reported twice.
 */
function isContainerResource(resource: Resource, path: ObjectPath): boolean {
  const spec = podSpecPathOf(resource.groupKind);
  if (!spec || path.length !== spec.length + 5) return false;
  for (let i = 0; i < spec.length; i++) if (path[i] !== spec[i]) return false;
  const [list, , resources, which] = path.slice(spec.length);
  return CONTAINER_LISTS.has(list as string) && resources === 'resources' && (which === 'requests' || which === 'limits');
}

export default createRule({
  meta: {
    id: 'schema-invalid-type',
    category: 'schema',
    severity: 'error',
    precision: 'very-high',
    description: 'A value of the wrong type or form for its field: text where a number is required, a number where text is, a quantity or base64 data that does not parse.',
    rationale: 'The API server decodes each field into its Go type and rejects the whole object when a value does not fit: `replicas: "3"` (a string for an integer), `value: 8080` for an environment variable or `version: 1.20` for a label (numbers where text is required), `readOnly: "true"`, a Secret whose `data` is not base64, a storage request of `10GB`. `kubectl apply` fails, and a Helm or Argo CD sync stops half-way. YAML decides the type from how a value is written, so the fix is usually quoting or unquoting.',
    remediation: 'Write the value as the type the field takes: quote numbers and booleans meant as text (`"8080"`, `"true"`, `"1.20"`), unquote numbers meant as numbers, base64-encode Secret `data` (or put plain text under `stringData`), and write quantities with Kubernetes units (`10Gi`, `500m`).',
    messages: {
      type: '{{field}} must be {{expected}}, got {{actual}}.',
      quote: '{{field}} must be a string, got {{actual}}: quote the value.',
      format: '{{field}} is {{actual}}, which is not {{expected}}.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    const problems = builtinProblems(resource, context.index);
    if (!problems) return;
    for (const problem of problems) {
      if (problem.type !== 'invalidType' && problem.type !== 'invalidFormat') continue;
      if (problem.type === 'invalidFormat' && problem.format === 'quantity' && isContainerResource(resource, problem.path)) continue;
      const { messageId, data } = typeMessage(problem, resource.kind);
      context.report({ messageId, data, path: problem.path });
    }
  },
});
