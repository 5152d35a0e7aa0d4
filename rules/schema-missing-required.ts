import { createRule } from '../src/engine/builtin-rule.js';
import { listNames, placeOf } from '../src/schema/describe.js';
import { builtinProblems } from '../src/schema/resource.js';

export default createRule({
  meta: {
    id: 'schema-missing-required',
    category: 'schema',
    severity: 'error',
    precision: 'high',
    description: 'An object lacks a field the Kubernetes API requires of it: a container without a name, a port without its number, a Deployment without a selector.',
    rationale: 'The API server rejects an object whose required fields are missing or null (`spec.selector: Required value`, `containers[0].name: Required value`), so `kubectl apply` fails and a rollout never starts. In rendered charts a required field usually goes missing when a value it comes from is empty.',
    remediation: 'Add the field. When it comes from a template value, give the value a default or make the chart fail early with `required`.',
    messages: {
      missing: '{{parent}} lacks {{fields}}, which the Kubernetes API requires.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    const problems = builtinProblems(resource, context.index);
    if (!problems) return;
    for (const problem of problems) {
      if (problem.type !== 'missingRequired') continue;
      context.report({ messageId: 'missing', data: { parent: placeOf(problem.path, resource.kind), fields: listNames(problem.fields) }, path: problem.path, on: 'key' });
    }
  },
});
