import { createRule } from '../src/engine/builtin-rule.js';
import { unknownFieldMessage } from '../src/schema/describe.js';
import { builtinProblems, targetOf } from '../src/schema/resource.js';

export default createRule({
  meta: {
    id: 'schema-unknown-field',
    category: 'schema',
    severity: 'error',
    precision: 'high',
    description: 'A field the Kubernetes API does not define for this kind at the target version: a typo, a field at the wrong level, or one from another release.',
    rationale: 'An unknown field never does what its author meant. `kubectl apply` rejects the whole object (strict field validation is kubectl\'s default), Helm rejects it when it validates against the cluster\'s schema, and clients that skip validation send it to an API server that drops it with at most a warning: a `readinesProbe:` typo leaves the Deployment without a readiness probe, and nobody is told until a broken release takes all traffic. Fields are checked against the official OpenAPI schema of the target release (`--kubernetes-version`, default the newest bundled), so a field added in a later release is reported too, with the releases that have it.',
    remediation: 'Fix the name (the message suggests the closest field the type has), move the field to where it belongs, or, when the manifest is meant for a newer cluster, set `--kubernetes-version` (or `kubernetesVersion` in the configuration) to that release.',
    messages: {
      didYouMean: '{{parent}} has no field "{{field}}"; did you mean "{{suggestion}}"?',
      otherVersion: '{{parent}} has no field "{{field}}" in Kubernetes {{version}}; it is a field in Kubernetes {{versions}}.',
      unknown: '{{parent}} has no field "{{field}}": the API server rejects it or drops it without a word.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    const problems = builtinProblems(resource, context.index);
    if (!problems) return;
    const target = targetOf(context.index);
    for (const problem of problems) {
      if (problem.type !== 'unknownField') continue;
      const { messageId, data } = unknownFieldMessage(problem, resource.kind, target.version);
      context.report({ messageId, data, path: problem.path, on: 'key' });
    }
  },
});
