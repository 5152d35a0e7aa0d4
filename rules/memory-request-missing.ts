import { createRule } from '../src/engine/builtin-rule.js';
import { containersWithoutRequest } from '../src/model/quantity.js';

export default createRule({
  meta: {
    id: 'memory-request-missing',
    category: 'resources',
    severity: 'warning',
    precision: 'high',
    description: 'A container has no memory request.',
    rationale: 'The scheduler places pods by their requests: a container without a memory request counts as needing none, so it lands on nodes with no memory to spare. When such a node runs short, the kubelet evicts first the pods using more than they requested, and with no request every byte is more. Init containers count too: the pod reserves the larger of its largest init request and the sum of its app requests, so an init container without one runs on memory nobody reserved.',
    remediation: 'Set `resources.requests.memory` to what the container uses under normal load (for example `256Mi`). A `limits.memory` alone also works: the API server then copies it into the request.',
    messages: {
      missing: 'Container "{{container}}" has no memory request, so it can be scheduled onto a node without memory for it and is among the first evicted when memory runs short. Set resources.requests.memory (for example "256Mi").',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containersWithoutRequest(resource, 'memory')) {
      context.report({ messageId: 'missing', data: { container: ref.name }, path: [...ref.path, 'resources', 'requests', 'memory'] });
    }
  },
});
