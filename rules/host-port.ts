import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { containers, podSpec } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'host-port',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 4.6,
    podSecurity: { level: 'baseline', controls: ['Host Ports'] },
    description: 'A container port is published on the node with `hostPort`.',
    rationale:
      'A hostPort opens the port on the address of every node the pod lands on, next to whatever else listens there: it is reachable by anything that can reach the node, outside the Service and the load balancing in front of the workload, and depending on the network plugin outside NetworkPolicy too. It also ties the pod to nodes where the port is free, so a second replica cannot be scheduled on the same node and a rolling update can stall. The baseline Pod Security Standard forbids host ports (or admits only a known list). A pod with `hostNetwork: true` already listens on the node\'s ports, which `host-namespaces` reports, so its ports are not reported again here.',
    remediation:
      'Remove `hostPort` and expose the port through a Service (a NodePort or LoadBalancer Service when it must be reachable from outside the cluster). An ingress controller or node agent that must listen on the node\'s port can keep it: suppress the finding with a reason.',
    messages: {
      hostPort:
        'Container "{{container}}" publishes containerPort {{containerPort}} as port {{hostPort}} of every node it runs on (hostPort): the port is open on the node\'s address to anything that can reach the node, outside the Service in front of the workload, and only one such pod fits on a node. Remove hostPort and expose the port through a Service.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    // On the host network every container port is a node port already: host-namespaces says so.
    if (podSpec(resource)?.spec.hostNetwork === true) return;
    for (const ref of containers(resource)) {
      const ports = ref.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, index) => {
        if (!isObject(port)) return;
        const hostPort = port.hostPort;
        // 0 is the API's "no host port".
        if (typeof hostPort !== 'number' || hostPort === 0) return;
        const containerPort = typeof port.containerPort === 'number' || typeof port.containerPort === 'string' ? port.containerPort : '?';
        context.report({ messageId: 'hostPort', data: { container: ref.name, hostPort, containerPort }, path: [...ref.path, 'ports', index, 'hostPort'] });
      });
    }
  },
});
