import { createRule } from '../src/engine/builtin-rule.js';
import type { GroupKind } from '../src/model/kinds.js';
import { lookUp } from '../src/model/lookup.js';
import { isObjectName } from '../src/model/names.js';
import { ingressBackends, type IngressBackend } from '../src/model/references.js';
import { isObject, type Resource } from '../src/model/resource.js';

/**
 * Services that operators make for their custom resources, by the resource's name: an Ingress
 * routes to them though no core Service of that name is written. Knative Serving makes one per
 * Route (one per Knative Service) pointing at its gateway; ECK one `<name>-<kind>-http` per stack
 * component; the Prometheus operator one governing Service for all its Prometheuses or
 * Alertmanagers of a namespace. Their ports are the operators', so only their existence is known.
 */
const OPERATOR_SERVICES: readonly [GroupKind, (name: string) => string][] = [
  ['serving.knative.dev/Service', (name) => name],
  ['serving.knative.dev/Route', (name) => name],
  ['elasticsearch.k8s.elastic.co/Elasticsearch', (name) => `${name}-es-http`],
  ['kibana.k8s.elastic.co/Kibana', (name) => `${name}-kb-http`],
  ['apm.k8s.elastic.co/ApmServer', (name) => `${name}-apm-http`],
  ['enterprisesearch.k8s.elastic.co/EnterpriseSearch', (name) => `${name}-ent-http`],
  ['agent.k8s.elastic.co/Agent', (name) => `${name}-agent-http`],
  ['monitoring.coreos.com/Prometheus', () => 'prometheus-operated'],
  ['monitoring.coreos.com/Alertmanager', () => 'alertmanager-operated'],
];

interface ServicePort {
  port: number | undefined;
  name: string | undefined;
  targetPort: string | number | undefined;
}

function servicePorts(service: Resource): ServicePort[] {
  const spec = isObject(service.object.spec) ? service.object.spec : {};
  if (!Array.isArray(spec.ports)) return [];
  return spec.ports.filter(isObject).map((port) => ({
    port: typeof port.port === 'number' ? port.port : undefined,
    name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
    targetPort: typeof port.targetPort === 'number' || typeof port.targetPort === 'string' ? port.targetPort : undefined,
  }));
}

function describePorts(ports: readonly ServicePort[]): string {
  return ports.map((port) => (port.name ? `${port.port ?? '?'} (${port.name})` : String(port.port ?? '?'))).join(', ');
}

/**
 * Whether a Service port is the one a backend names: `port.number` (or an integer `servicePort`)
 * is the Service's `port`, `port.name` its `name`. A `servicePort` written as a string of digits
 * is read either way, since the v1beta1 field was an IntOrString.
 */
function portMatches(wanted: string | number, port: ServicePort): boolean {
  if (typeof wanted === 'number') return port.port === wanted;
  return port.name === wanted || (/^[0-9]+$/.test(wanted) && port.port === Number(wanted));
}

/** ingress-nginx also accepts the Service's target port, which the API does not define as a backend port. */
function targetMatches(wanted: string | number, port: ServicePort): boolean {
  return port.targetPort !== undefined && String(port.targetPort) === String(wanted);
}

const isExternalName = (service: Resource) => isObject(service.object.spec) && service.object.spec.type === 'ExternalName';

export default createRule({
  meta: {
    id: 'ingress-backend-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'An Ingress backend names a Service, or a port of it, that is not defined in the Ingress\'s namespace.',
    rationale: 'The API server accepts an Ingress whatever its backends name; the ingress controller then finds no endpoints for a missing Service or port and answers that path with 503 (or its default backend\'s 404), while everything in the cluster looks healthy. A backend port is the Service\'s `port` (by number) or its port `name`, never the container port behind it; ingress-nginx also accepts a `targetPort`, which other controllers reject, so that case is reported one severity lower.',
    remediation: 'Point the backend at a Service in the Ingress\'s namespace (an Ingress cannot route to another namespace; an `ExternalName` Service can stand in), and at one of its `spec.ports`: `port.number` with its `port`, or `port.name` with its `name`. List the Service under `externalResources` in the configuration when it is created elsewhere. Services that Knative, ECK or the Prometheus operator make for a custom resource of the set count as present.',
    messages: {
      serviceMissing: 'Backend Service "{{service}}" is not defined in namespace "{{namespace}}", so the ingress controller has no endpoints for this path and answers 503. Define the Service, fix the name, or list it under externalResources in the configuration if it is created elsewhere.',
      portMissing: 'Backend port {{port}} is not a port of Service "{{service}}" (its ports: {{ports}}), so the ingress controller has no endpoints for this path and answers 503. Use one of the Service\'s ports, by number or by name.',
      targetPort: 'Backend port {{port}} is a targetPort of Service "{{service}}", whose ports are {{ports}}: ingress-nginx tolerates that, but the API defines the backend port as the Service port, and other controllers find no endpoints. Use the Service port {{servicePort}} instead.',
      otherNamespace: 'Backend Service "{{service}}" is looked up in namespace "{{namespace}}", but it is defined only in {{namespaces}}: an Ingress routes only to Services of its own namespace, so the ingress controller answers 503. Move the Ingress to the Service\'s namespace, or add an ExternalName Service here that points to {{service}}.{{otherNamespace}}.svc.',
    },
    appliesTo: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    let operated: Set<string> | undefined;
    const madeByOperator = (namespace: string, name: string): boolean => {
      if (!operated) {
        operated = new Set();
        for (const [kind, serviceName] of OPERATOR_SERVICES) for (const made of index.ofKind(kind)) operated.add(`${index.namespaceOf(made)}\u0000${serviceName(made.name)}`);
      }
      return operated.has(`${namespace}\u0000${name}`);
    };

    const checkPort = (backend: IngressBackend, services: readonly Resource[]): void => {
      const wanted = backend.port;
      if (wanted === undefined || services.some(isExternalName)) return;
      const candidates = services.map((service) => ({ service, ports: servicePorts(service) })).filter(({ ports }) => ports.length > 0);
      // A Service without ports (a headless one may have none) gives nothing to check against.
      if (candidates.length === 0 || candidates.some(({ ports }) => ports.some((port) => portMatches(wanted, port)))) return;
      const { service, ports } = candidates[0]!;
      const data = { service: backend.service, port: typeof wanted === 'number' ? String(wanted) : `"${wanted}"`, ports: describePorts(ports) };
      const related = [{ resource: service, path: ['spec', 'ports'], message: `the ports of Service "${service.name}"` }];
      const target = ports.find((port) => targetMatches(wanted, port) && port.port !== undefined);
      if (target) {
        context.report({ messageId: 'targetPort', data: { ...data, servicePort: String(target.port) }, path: backend.portPath, downgrade: true, related });
      } else {
        context.report({ messageId: 'portMissing', data, path: backend.portPath, related });
      }
    };

    return {
      check(resource) {
        const namespace = index.namespaceOf(resource)!;
        for (const backend of ingressBackends(resource.object)) {
          if (!isObjectName(backend.service)) continue;
          const services = index.get('Service', namespace, backend.service);
          if (services.length > 0) {
            checkPort(backend, services);
            continue;
          }
          // In a partial run the Service may well be in a file that was not given.
          if (!index.complete) continue;
          const found = lookUp(index, 'Service', namespace, backend.service);
          if (found.kind === 'present' || madeByOperator(namespace, backend.service)) continue;
          if (found.kind === 'otherNamespace') {
            const data = { service: backend.service, namespace, namespaces: found.namespaces, otherNamespace: index.namespaceOf(found.where[0]!)! };
            context.report({ messageId: 'otherNamespace', data, path: backend.path, related: found.related });
          } else {
            context.report({ messageId: 'serviceMissing', data: { service: backend.service, namespace }, path: backend.path });
          }
        }
      },
    };
  },
});
