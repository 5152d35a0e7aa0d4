import { createRule } from '../src/engine/builtin-rule.js';
import { enumMessage } from '../src/schema/describe.js';
import { builtinProblems } from '../src/schema/resource.js';

export default createRule({
  meta: {
    id: 'schema-invalid-enum',
    category: 'schema',
    severity: 'error',
    precision: 'high',
    description: 'A field that takes one of a fixed set of values has another: `imagePullPolicy: always`, `type: Loadbalancer`, `protocol: tcp`.',
    rationale: 'The API server accepts only the listed values, and matches them exactly: `imagePullPolicy: always` or `protocol: tcp` is rejected (`Unsupported value`), so `kubectl apply` fails. The values are those the Kubernetes API documents for each field at the target release.',
    remediation: 'Use one of the allowed values, spelled and capitalized as listed.',
    messages: {
      didYouMean: '{{field}} is {{value}}; did you mean "{{suggestion}}"? Allowed: {{allowed}}.',
      invalid: '{{field}} is {{value}}, which the API does not accept; allowed: {{allowed}}.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    const problems = builtinProblems(resource, context.index);
    if (!problems) return;
    for (const problem of problems) {
      if (problem.type !== 'invalidEnum') continue;
      const { messageId, data } = enumMessage(problem, resource.kind);
      context.report({ messageId, data, path: problem.path });
    }
  },
});
