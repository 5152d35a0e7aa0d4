import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, metadataMap, type KubeObject } from '../src/model/resource.js';

/**
 * Annotations that make a cloud provider's load balancer internal: reachable from the private
 * network only, which is what the author asked for instead of exposure to the internet.
 */
const INTERNAL_LOAD_BALANCER: readonly [string, string][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
  ['networking.gke.io/load-balancer-type', 'internal'],
  ['cloud.google.com/load-balancer-type', 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', 'true'],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', 'private'],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', 'intranet'],
];

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

function isInternal(annotations: KubeObject): boolean {
  return INTERNAL_LOAD_BALANCER.some(([key, value]) => typeof annotations[key] === 'string' && (annotations[key] as string).trim().toLowerCase() === value);
}

/** The source ranges a load balancer admits, from the field or its older annotation; undefined when unrestricted. */
function sourceRanges(spec: KubeObject, annotations: KubeObject): string[] | undefined {
  const written = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : typeof annotations[SOURCE_RANGES_ANNOTATION] === 'string' ? (annotations[SOURCE_RANGES_ANNOTATION] as string).split(',') : [];
  const ranges = written.filter((range): range is string => typeof range === 'string').map((range) => range.trim()).filter((range) => range !== '');
  return ranges.length === 0 || ranges.some((range) => EVERYWHERE.has(range)) ? undefined : ranges;
}

/** `80/TCP (node port 30080), 443/TCP`: what a message says is exposed. */
function describePorts(ports: readonly KubeObject[]): string {
  return ports
    .map((port) => {
      const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
      const nodePort = typeof port.nodePort === 'number' ? ` (node port ${port.nodePort})` : '';
      return `${String(port.port)}/${protocol}${nodePort}`;
    })
    .join(', ');
}

export default createRule({
  meta: {
    id: 'service-externally-exposed',
    category: 'security',
    severity: 'info',
    precision: 'medium',
    securitySeverity: 3.1,
    description: 'A Service of type NodePort or LoadBalancer exposes its ports outside the cluster.',
    rationale:
      'A NodePort Service opens its ports on every node of the cluster, and a LoadBalancer Service (which gets node ports as well) asks the cloud provider for a load balancer that, unless restricted, accepts connections from any address on the internet. Either way the pods behind it are reachable without going through an Ingress or gateway, where TLS, authentication and rate limits usually live, and an internal service exposed by a copied manifest is a common way databases and admin consoles end up public. Load balancers made internal by their provider\'s annotation and those restricted by `loadBalancerSourceRanges` (with no 0.0.0.0/0) are not reported. Ingress controllers and gateways are exposed on purpose: suppress the finding with a reason there.',
    remediation: 'Use `type: ClusterIP` and publish the Service through an Ingress or Gateway; or make the load balancer internal with your provider\'s annotation; or restrict who may connect with `loadBalancerSourceRanges`.',
    messages: {
      loadBalancer: 'Service "{{service}}" is of type LoadBalancer, so its ports {{ports}} are reachable from any address through a cloud load balancer. If it is meant to be public (an ingress controller, a gateway), suppress this with a reason; otherwise use ClusterIP behind an Ingress, an internal load balancer, or loadBalancerSourceRanges.',
      nodePort: 'Service "{{service}}" is of type NodePort, so its ports {{ports}} are open on every node of the cluster to anyone who can reach a node. If that is intended, suppress this with a reason; otherwise use ClusterIP behind an Ingress or Gateway.',
    },
    appliesTo: ['Service'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || (spec.type !== 'LoadBalancer' && spec.type !== 'NodePort')) return;
    const ports = Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [];
    // A Service without ports opens nothing (the API server refuses one of these types without them).
    if (ports.length === 0) return;
    const data = { service: resource.name, ports: describePorts(ports) };
    if (spec.type === 'NodePort') {
      context.report({ messageId: 'nodePort', data, path: ['spec', 'type'] });
      return;
    }
    const annotations = metadataMap(resource, 'annotations');
    if (isInternal(annotations) || sourceRanges(spec, annotations) !== undefined) return;
    context.report({ messageId: 'loadBalancer', data, path: ['spec', 'type'] });
  },
});
