import { createRule } from '../src/engine/builtin-rule.js';
import { declaredPorts, describePorts, portNumber, probePorts } from '../src/model/probes.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { longRunningContainers } from '../src/model/workload.js';

interface ProtocolPort {
  name: string | undefined;
  number: number | undefined;
  protocol: string;
}

/** The container's ports with their protocol (TCP when unset, as the API server defaults it). */
function portsWithProtocol(container: KubeObject): ProtocolPort[] {
  if (!Array.isArray(container.ports)) return [];
  return container.ports.filter(isObject).map((port) => ({
    name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
    number: portNumber(port.containerPort),
    protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
  }));
}

/**
 * The port a probe targets when the container declares it only for UDP or SCTP: HTTP, TCP and gRPC
 * probes all connect over TCP, so they reach nothing there unless the app also listens on TCP,
 * which a container declaring that number for TCP too says it does.
 */
function nonTcpTarget(ports: readonly ProtocolPort[], port: unknown): { number: number; protocol: string } | undefined {
  const number = portNumber(port) ?? ports.find((declared) => typeof port === 'string' && declared.name === port)?.number;
  if (number === undefined) return undefined;
  const same = ports.filter((declared) => declared.number === number);
  if (same.length === 0 || same.some((declared) => declared.protocol === 'TCP')) return undefined;
  return { number, protocol: same[0]!.protocol };
}

export default createRule({
  meta: {
    id: 'probe-port-not-exposed',
    category: 'probes',
    severity: 'error',
    precision: 'very-high',
    description: 'A probe targets a named port its container does not declare, or a port it declares only for UDP or SCTP.',
    rationale: 'The kubelet resolves a named probe port only from the ports of the probed container itself; a name it cannot find fails the probe on every attempt, so the pod never becomes ready (or is restarted forever by a liveness probe) while the app itself is healthy. A probe on a port number is not checked here: the app may well listen on a number it does not declare, so probe-port-undeclared reports that case as a hint. HTTP, TCP and gRPC probes connect over TCP, so a probe on a port the container declares only with `protocol: UDP` (or SCTP), by name or by number, reaches nothing and fails the same way; a container that declares the same number for TCP as well (a DNS server on 53) is not reported.',
    remediation: 'Point the probe at a `ports[].name` the same container declares, or at the port number. When the name is declared on another container of the pod, move the probe or the port so they belong to the same container. `grpc.port` accepts only a number. For a UDP-only service, probe a TCP port the app serves (a health or metrics port) or use an `exec` probe; if the app listens on TCP too, declare that port.',
    messages: {
      nameMissing: '{{probe}} of container "{{container}}" uses {{handler}}.port "{{port}}", but the container has no port of that name (declared: {{declared}}), so the probe fails on every attempt. Use one of the declared ports, or add a port named "{{port}}" to this container.',
      grpcNamed: '{{probe}} of container "{{container}}" uses grpc.port "{{port}}", but grpc.port accepts only a number, so the API server rejects the pod. Use the port number instead (declared: {{declared}}).',
      nonTcpPort: '{{probe}} of container "{{container}}" checks {{handler}}.port {{port}}, which the container declares only for {{protocol}} (port {{number}}), but {{handler}} probes connect over TCP, so the probe fails on every attempt. Probe a TCP port the app serves, or use an exec probe; if the app listens on TCP {{number}} too, declare that port.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    // Jobs are included: a probe on a batch container fails for a missing port just the same.
    for (const ref of longRunningContainers(resource)) {
      const ports = declaredPorts(ref.container);
      const withProtocol = portsWithProtocol(ref.container);
      for (const { probe, handler, port, path } of probePorts(ref)) {
        const nonTcp = handler === 'grpc' && typeof port === 'string' && portNumber(port) === undefined ? undefined : nonTcpTarget(withProtocol, port);
        if (nonTcp) {
          context.report({ messageId: 'nonTcpPort', data: { probe, handler, port: String(port), container: ref.name, protocol: nonTcp.protocol, number: nonTcp.number }, path });
          continue;
        }
        // A number, even one the container does not declare, may be served all the same.
        if (typeof port !== 'string' || port === '' || portNumber(port) !== undefined) continue;
        const data = { probe, handler, port, container: ref.name, declared: describePorts(ports) };
        if (handler === 'grpc') context.report({ messageId: 'grpcNamed', data, path });
        else if (!ports.some((declared) => declared.name === port)) context.report({ messageId: 'nameMissing', data, path });
      }
    }
  },
});
