import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { declaredPorts, describePorts, portNumber, probePorts } from '../src/model/probes.js';
import { longRunningContainers } from '../src/model/workload.js';

/**
 * Whether the container's command, args or env values mention `port` as a number of its own (as in
 * `--health-addr=:8081` or `PORT=8081`): such an app is told where to listen by its configuration,
 * and the port is documented there.
 */
function configuredElsewhere(container: KubeObject, port: number): boolean {
  const pattern = new RegExp(`(^|[^0-9])${port}([^0-9]|$)`);
  const texts: unknown[] = [];
  if (Array.isArray(container.command)) texts.push(...container.command);
  if (Array.isArray(container.args)) texts.push(...container.args);
  if (Array.isArray(container.env)) texts.push(...container.env.filter(isObject).map((variable) => variable.value));
  return texts.some((text) => (typeof text === 'string' || typeof text === 'number') && pattern.test(String(text)));
}

export default createRule({
  meta: {
    id: 'probe-port-undeclared',
    category: 'probes',
    severity: 'info',
    precision: 'medium',
    description: 'A probe checks a port number its container does not declare.',
    rationale: 'Declaring every port a container serves documents it and lets Services and NetworkPolicies refer to it by name. A probe on a number missing from a container that lists its other ports is either such an undeclared port (often a health or metrics port the app serves without declaring it, in which case the probe works) or a typo or a port the app has since moved away from, in which case the probe fails on every attempt. The rule cannot tell which, hence its low severity; it stays silent when the container declares no port numbers at all, when the probe sets its own host, or when the number appears in the container\'s command, args or env.',
    remediation: 'If the app serves the port, add it to the container\'s `ports` with a name (and point the probe at that name if you like). Otherwise correct the probe\'s port to the one the app listens on.',
    messages: {
      undeclared: '{{probe}} of container "{{container}}" checks port {{port}}, which the container does not declare (declared: {{declared}}). If the app serves {{port}}, add it to the container\'s ports with a name so Services and NetworkPolicies can target it; if not, point {{handler}}.port at the port the app listens on.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    // Jobs are included: their containers' ports are documented and targeted like any other.
    for (const ref of longRunningContainers(resource)) {
      const ports = declaredPorts(ref.container);
      // Containers often leave all their ports undeclared; only one that lists some makes a missing one stand out.
      if (!ports.some((port) => port.number !== undefined)) continue;
      for (const { probe, handler, action, port, path } of probePorts(ref)) {
        const number = portNumber(port);
        if (number === undefined || ports.some((declared) => declared.number === number)) continue;
        // A probe with its own host checks another machine, whose ports this container says nothing about.
        if (handler !== 'grpc' && typeof action.host === 'string' && action.host !== '') continue;
        if (configuredElsewhere(ref.container, number)) continue;
        context.report({ messageId: 'undeclared', data: { probe, handler, port: String(port), container: ref.name, declared: describePorts(ports) }, path });
      }
    }
  },
});
