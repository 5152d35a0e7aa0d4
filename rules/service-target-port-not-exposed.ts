import { createRule } from '../src/engine/builtin-rule.js';
import type { PodTemplate } from '../src/model/index.js';
import { describePorts, portNumber } from '../src/model/probes.js';
import { isObject, type KubeObject, type Resource } from '../src/model/resource.js';
import { isEmptySelector, readPlainSelector } from '../src/model/selector.js';
import { templateMatcher } from '../src/model/template-matcher.js';
import { longRunningContainers, podSpec, workloadName } from '../src/model/workload.js';

interface ContainerPort {
  name: string | undefined;
  number: number | undefined;
  protocol: string;
}

/**
 * The ports the endpoints controller can resolve a Service's targetPort against: those of the
 * regular containers and of sidecars (init containers with `restartPolicy: Always`).
 */
function servingPorts(template: PodTemplate): ContainerPort[] {
  const found: ContainerPort[] = [];
  for (const ref of longRunningContainers(template.resource)) {
    if (!Array.isArray(ref.container.ports)) continue;
    for (const port of ref.container.ports) {
      if (!isObject(port)) continue;
      found.push({
        name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
        number: portNumber(port.containerPort),
        protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
      });
    }
  }
  return found;
}

/** An IANA service name, the only form of port name the API server accepts: anything else is a placeholder or a typo it rejects. */
const PORT_NAME = /^(?=.{1,15}$)(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;

function describe(ports: readonly ContainerPort[]): string {
  return describePorts(ports.map(({ name, number }) => ({ name, number })));
}

/** `http` or `80` for messages: the Service port's name when it has one. */
function servicePortLabel(port: KubeObject, index: number): string {
  if (typeof port.name === 'string' && port.name !== '') return `"${port.name}"`;
  return portNumber(port.port) !== undefined ? String(port.port) : `#${index}`;
}

export default createRule({
  meta: {
    id: 'service-target-port-not-exposed',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A Service port\'s named targetPort is not a container port name of the pods it selects.',
    rationale: 'A named targetPort is resolved pod by pod against the `ports[].name` of its containers (and sidecars), with the same protocol. A pod that declares no such port is left out of the Service\'s endpoints for that port: when none of the selected pods declares it, every connection to the port fails although the pods are running and ready. A port number is sent to as is, whether or not a container declares it, so numbers are not checked.',
    remediation: 'Use a `ports[].name` that the selected containers declare (with the Service port\'s protocol), add a port of that name to the container, or use the port number as targetPort.',
    messages: {
      nameMissing: 'Service port {{port}} targets port "{{targetPort}}", but no container of {{workload}} declares a port of that name (declared: {{declared}}), so its pods get no traffic on this port. Use a declared port name or the port number.',
      protocolMismatch: 'Service port {{port}} targets port "{{targetPort}}" over {{protocol}}, but {{workload}} declares "{{targetPort}}" over {{declaredProtocol}}, so its pods get no traffic on this port. Make the protocols agree.',
    },
    appliesTo: ['Service'],
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    // A workload is often selected by several Services (its own, a headless one, a metrics one).
    const portsByWorkload = new Map<Resource, ContainerPort[]>();
    const portsOf = (template: PodTemplate): ContainerPort[] => {
      let ports = portsByWorkload.get(template.resource);
      if (!ports) {
        ports = servingPorts(template);
        portsByWorkload.set(template.resource, ports);
      }
      return ports;
    };
    return {
      check(resource) {
        const spec = resource.object.spec;
        if (!isObject(spec) || spec.type === 'ExternalName' || !Array.isArray(spec.ports)) return;
        const selector = readPlainSelector(spec.selector);
        if (!selector || isEmptySelector(selector)) return;
        // Reading the selected pods' ports is worth it only when some Service port is named.
        const named = spec.ports.flatMap((port, i) => (isObject(port) && typeof port.targetPort === 'string' && PORT_NAME.test(port.targetPort) ? [{ port, i, name: port.targetPort }] : []));
        if (named.length === 0) return;
        const templates = matcher.select(index.namespaceOf(resource), selector);
        for (const { port, i, name } of named) {
          const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
          for (const template of templates) {
            // Without a pod spec (a template cut short by a renderer) there is nothing to say.
            if (!podSpec(template.resource)) continue;
            const ports = portsOf(template);
            if (ports.some((declared) => declared.name === name && declared.protocol === protocol)) continue;
            const workload = workloadName(template.resource);
            const data = { port: servicePortLabel(port, i), targetPort: name, workload };
            const other = ports.find((declared) => declared.name === name);
            const related = [{ resource: template.resource, path: [...podSpec(template.resource)!.path, 'containers'], message: `${workload}'s containers` }];
            if (other) {
              context.report({ messageId: 'protocolMismatch', data: { ...data, protocol, declaredProtocol: other.protocol }, path: ['spec', 'ports', i, 'targetPort'], related });
            } else {
              context.report({ messageId: 'nameMissing', data: { ...data, declared: describe(ports) }, path: ['spec', 'ports', i, 'targetPort'], related });
            }
          }
        }
      },
    };
  },
});
