import { createRule } from '../src/engine/builtin-rule.js';
import { declaredPorts, describePorts, portNumber, probePorts } from '../src/model/probes.js';
import { longRunningContainers } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'probe-port-not-exposed',
    category: 'probes',
    severity: 'error',
    precision: 'very-high',
    description: 'A probe targets a named port its container does not declare.',
    rationale: 'The kubelet resolves a named probe port only from the ports of the probed container itself; a name it cannot find fails the probe on every attempt, so the pod never becomes ready (or is restarted forever by a liveness probe) while the app itself is healthy. A probe on a port number is not checked here: the app may well listen on a number it does not declare, so probe-port-undeclared reports that case as a hint.',
    remediation: 'Point the probe at a `ports[].name` the same container declares, or at the port number. When the name is declared on another container of the pod, move the probe or the port so they belong to the same container. `grpc.port` accepts only a number.',
    messages: {
      nameMissing: '{{probe}} of container "{{container}}" uses {{handler}}.port "{{port}}", but the container has no port of that name (declared: {{declared}}), so the probe fails on every attempt. Use one of the declared ports, or add a port named "{{port}}" to this container.',
      grpcNamed: '{{probe}} of container "{{container}}" uses grpc.port "{{port}}", but grpc.port accepts only a number, so the API server rejects the pod. Use the port number instead (declared: {{declared}}).',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    // Jobs are included: a probe on a batch container fails for a missing port just the same.
    for (const ref of longRunningContainers(resource)) {
      const ports = declaredPorts(ref.container);
      for (const { probe, handler, port, path } of probePorts(ref)) {
        // A number, even one the container does not declare, may be served all the same.
        if (typeof port !== 'string' || port === '' || portNumber(port) !== undefined) continue;
        const data = { probe, handler, port, container: ref.name, declared: describePorts(ports) };
        if (handler === 'grpc') context.report({ messageId: 'grpcNamed', data, path });
        else if (!ports.some((declared) => declared.name === port)) context.report({ messageId: 'nameMissing', data, path });
      }
    }
  },
});
