import { createRule } from '../src/engine/builtin-rule.js';
import { containersWithoutRequest } from '../src/model/quantity.js';

export default createRule({
  meta: {
    id: 'cpu-request-missing',
    category: 'resources',
    severity: 'warning',
    precision: 'high',
    description: 'A container has no CPU request.',
    rationale: 'The scheduler places pods by their requests: a container without a CPU request counts as needing none, so it lands on nodes that are already busy and gets almost no CPU time when the node is contended. A HorizontalPodAutoscaler on CPU utilization cannot compute a percentage for it and stops scaling. Init containers count too: the pod reserves the larger of its largest init request and the sum of its app requests, so an init container without one runs on capacity nobody reserved.',
    remediation: 'Set `resources.requests.cpu` to what the container uses under normal load (for example `250m`). A `limits.cpu` alone also works: the API server then copies it into the request.',
    messages: {
      missing: 'Container "{{container}}" has no CPU request, so the scheduler treats it as needing no CPU and it can be starved on a busy node. Set resources.requests.cpu (for example "250m").',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containersWithoutRequest(resource, 'cpu')) {
      context.report({ messageId: 'missing', data: { container: ref.name }, path: [...ref.path, 'resources', 'requests', 'cpu'] });
    }
  },
});
