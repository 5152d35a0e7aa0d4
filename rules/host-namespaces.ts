import { createRule } from '../src/engine/builtin-rule.js';
import { describePods, podSpec } from '../src/model/workload.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default createRule({
  meta: {
    id: 'host-namespaces',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 8.2,
    podSecurity: { level: 'baseline', controls: ['Host Namespaces'] },
    description: 'A pod shares the node\'s network, process or IPC namespace (`hostNetwork`, `hostPID` or `hostIPC` set to true).',
    rationale:
      'The host namespaces are the node\'s own: a pod in the node\'s network namespace reaches every service listening on the node, including those bound to localhost only, and most network plugins do not apply NetworkPolicy to it; a pod in the node\'s PID namespace sees every process of the node and of every other pod, and can read their environment and memory when it runs as the same user or holds CAP_SYS_PTRACE; a pod in the node\'s IPC namespace reaches the shared memory and message queues of the node\'s processes, as far as their permissions allow. Each removes a wall between the container and the node, which is why the baseline Pod Security Standard forbids all three. Node agents (CNI and CSI node plugins, kube-proxy, node exporters) need some of them by design: they are reported all the same, since what they can do is what an attacker who takes them over can do.',
    remediation:
      'Remove the field (or set it to false): publish ports through a Service instead of the host network, and read other processes through an API rather than the node\'s PID namespace. For a node agent that truly needs it, suppress the finding with a reason (`kubegate.io/ignore: host-namespaces` and `kubegate.io/ignore-reason`), and run it in a namespace that the privileged Pod Security level is enforced on, apart from application workloads.',
    messages: {
      hostNetwork:
        'hostNetwork: true puts {{pods}} in the node\'s network namespace: they reach every service listening on the node, including those bound to localhost only, and most network plugins do not apply NetworkPolicy to their traffic. Remove hostNetwork and publish ports through a Service; suppress with a reason only for a node agent that needs it.',
      hostPID:
        'hostPID: true puts {{pods}} in the node\'s process namespace: they see every process on the node and in other pods, and can read their environment (secrets included) and memory when running as the same user or with CAP_SYS_PTRACE. Remove hostPID; suppress with a reason only for a node agent that needs it.',
      hostIPC:
        'hostIPC: true puts {{pods}} in the node\'s IPC namespace: they reach the shared memory segments and message queues of the node\'s processes and of every other pod using host IPC, as far as their permissions allow. Remove hostIPC; suppress with a reason only for a node agent that needs it.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    if (!pod) return;
    for (const field of FIELDS) {
      // Only the boolean: the API server rejects a quoted "true", so that is a different problem.
      if (pod.spec[field] !== true) continue;
      context.report({ messageId: field, data: { pods: describePods(resource) }, path: [...pod.path, field], on: 'key' });
    }
  },
});
