import { createRule } from '../src/engine/builtin-rule.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import { metadataMap } from '../src/model/resource.js';
import { isHelmTestHook } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'recommended-labels-missing',
    category: 'hygiene',
    severity: 'info',
    precision: 'high',
    enabledByDefault: false,
    description: 'A workload or Service lacks the recommended `app.kubernetes.io/name` and `app.kubernetes.io/instance` labels.',
    rationale:
      'Kubernetes recommends a shared set of labels under the `app.kubernetes.io/` prefix (name, instance, version, component, part-of, managed-by) so that kubectl, dashboards, cost and monitoring tools can group objects by application without knowing each team\'s conventions. `name` (the application) and `instance` (one installation of it, such as a Helm release) are the two that identify what an object belongs to; the others describe it further and are left to the `labels` option. The rule is off by default: labelling conventions are a team choice, and objects labelled only with `app:` work the same.',
    remediation: 'Add `app.kubernetes.io/name` (the application, e.g. `mysql`) and `app.kubernetes.io/instance` (this installation, e.g. `mysql-shop`) to `metadata.labels`; Helm charts made by `helm create` set both from the chart and release names. Add the same labels to pod templates if tools should find the pods too.',
    messages: {
      missing: '{{kind}} "{{name}}" has no {{labels}} label{{plural}}, so tools that group objects by application (dashboards, kubectl -l, cost reports) cannot tell which application and installation it belongs to. Add {{labels}} to metadata.labels.',
    },
    appliesTo: [...WORKLOAD_KINDS, 'Service'],
    scope: 'resource',
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          labels: {
            description: 'The labels every workload and Service must carry (for example also app.kubernetes.io/version or app.kubernetes.io/part-of).',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            minItems: 1,
            uniqueItems: true,
          },
        },
      },
      defaults: { labels: ['app.kubernetes.io/name', 'app.kubernetes.io/instance'] as string[] },
    },
  },
  create(context) {
    const required = context.options.labels;
    return {
      check(resource) {
        // `helm test` pods are thrown away after the test: no tool needs to group them.
        if (isHelmTestHook(resource)) return;
        const labels = metadataMap(resource, 'labels');
        // An empty value names no application.
        const missing = required.filter((label) => typeof labels[label] !== 'string' || labels[label] === '');
        if (missing.length === 0) return;
        context.report({
          messageId: 'missing',
          data: { kind: resource.kind, name: resource.name, labels: missing.map((label) => `"${label}"`).join(' and '), plural: missing.length > 1 ? 's' : '' },
          path: ['metadata', 'labels'],
          on: 'key',
        });
      },
    };
  },
});
