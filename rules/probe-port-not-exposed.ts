import { defineRule } from '../src/engine/define-rule.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { longRunningContainers } from '../src/model/workload.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

interface DeclaredPort {
  name: string | undefined;
  number: number | undefined;
}

/** A port number written as a number or as a string of digits (the kubelet falls back to parsing the string). */
function portNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  return undefined;
}

function declaredPorts(container: KubeObject): DeclaredPort[] {
  if (!Array.isArray(container.ports)) return [];
  return container.ports.filter(isObject).map((port) => ({
    name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
    number: portNumber(port.containerPort),
  }));
}

/**
 * Whether the container's command, args or env values mention `port` as a number of its own (as in
 * `--health-addr=:8081` or `PORT=8081`): such an app is told where to listen by its configuration,
 * and its `ports` list is simply incomplete.
 */
function configuredElsewhere(container: KubeObject, port: number): boolean {
  const pattern = new RegExp(`(^|[^0-9])${port}([^0-9]|$)`);
  const texts: unknown[] = [];
  if (Array.isArray(container.command)) texts.push(...container.command);
  if (Array.isArray(container.args)) texts.push(...container.args);
  if (Array.isArray(container.env)) texts.push(...container.env.filter(isObject).map((variable) => variable.value));
  return texts.some((text) => (typeof text === 'string' || typeof text === 'number') && pattern.test(String(text)));
}

function describePorts(ports: readonly DeclaredPort[]): string {
  const shown = ports
    .map((port) => (port.name && port.number !== undefined ? `${port.name} (${port.number})` : port.name ?? (port.number === undefined ? '' : String(port.number))))
    .filter((text) => text !== '');
  return shown.length > 0 ? shown.join(', ') : 'none';
}

export default defineRule({
  meta: {
    id: 'probe-port-not-exposed',
    category: 'probes',
    severity: 'error',
    description: 'A probe targets a port its container does not declare.',
    rationale: 'The kubelet resolves a named probe port only from the ports of the probed container itself; a name it cannot find fails the probe on every attempt, so the pod never becomes ready (or is restarted forever by a liveness probe) while the app itself is healthy. A numbered port missing from a container that lists its ports usually means the app moved to another port and the probe was left behind.',
    remediation: 'Point the probe at a port the same container declares: a `ports[].name` for a named port, a `ports[].containerPort` for a number. When the name is declared on another container of the pod, move the probe or the port so they belong to the same container. `grpc.port` accepts only a number.',
    messages: {
      nameMissing: '{{probe}} of container "{{container}}" uses {{handler}}.port "{{port}}", but the container has no port of that name (declared: {{declared}}), so the probe fails on every attempt. Use one of the declared ports, or add a port named "{{port}}" to this container.',
      numberMissing: '{{probe}} of container "{{container}}" checks port {{port}}, which the container does not declare (declared: {{declared}}), so it likely probes a port nothing listens on. Point {{handler}}.port at the port the app serves, or declare {{port}} in the container\'s ports.',
      grpcNamed: '{{probe}} of container "{{container}}" uses grpc.port "{{port}}", but grpc.port accepts only a number, so the API server rejects the pod. Use the port number instead (declared: {{declared}}).',
    },
    kinds: 'workloads',
    stage: 'resource',
    example: {
      invalid: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector:',
        '    matchLabels: {app: web}',
        '  template:',
        '    metadata:',
        '      labels: {app: web}',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: registry.example/web:1.4.2',
        '          ports:',
        '            - {name: http, containerPort: 8080}',
        '          readinessProbe:',
        '            httpGet: {path: /ready, port: web}',
        '',
      ].join('\n'),
      valid: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector:',
        '    matchLabels: {app: web}',
        '  template:',
        '    metadata:',
        '      labels: {app: web}',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: registry.example/web:1.4.2',
        '          ports:',
        '            - {name: http, containerPort: 8080}',
        '          readinessProbe:',
        '            httpGet: {path: /ready, port: http}',
        '',
      ].join('\n'),
    },
  },
  check(resource, context) {
    // Jobs are included: a probe on a batch container fails for a missing port just the same.
    for (const ref of longRunningContainers(resource)) {
      const ports = declaredPorts(ref.container);
      const declaresNumbers = ports.some((port) => port.number !== undefined);
      for (const probe of PROBES) {
        const spec = ref.container[probe];
        if (!isObject(spec)) continue;
        for (const handler of PORT_HANDLERS) {
          const action = spec[handler];
          if (!isObject(action)) continue;
          const port = action.port;
          const data = { probe, handler, port: String(port), container: ref.name, declared: describePorts(ports) };
          const path = [...ref.path, probe, handler, 'port'];
          const number = portNumber(port);
          if (number !== undefined) {
            // Containers often listen on ports they never list, so only a container that does list
            // its ports, and not this one, is evidence of a stale probe. A probe with its own host
            // checks another machine, whose ports this container says nothing about.
            if (!declaresNumbers || ports.some((declared) => declared.number === number)) continue;
            if (handler !== 'grpc' && typeof action.host === 'string' && action.host !== '') continue;
            if (configuredElsewhere(ref.container, number)) continue;
            context.report({ messageId: 'numberMissing', data, path });
          } else if (typeof port === 'string' && port !== '') {
            if (handler === 'grpc') context.report({ messageId: 'grpcNamed', data, path });
            else if (!ports.some((declared) => declared.name === port)) context.report({ messageId: 'nameMissing', data, path });
          }
        }
      }
    }
  },
});
