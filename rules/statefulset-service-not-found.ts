import { createRule } from '../src/engine/builtin-rule.js';
import { isObjectName } from '../src/model/names.js';
import { isObject, type Resource } from '../src/model/resource.js';

/** A Service without a cluster IP: DNS answers its name with the addresses of its pods. */
function isHeadless(service: Resource): boolean {
  const spec = isObject(service.object.spec) ? service.object.spec : {};
  return spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
}

function describeService(service: Resource): string {
  const spec = isObject(service.object.spec) ? service.object.spec : {};
  if (spec.type === 'ExternalName') return 'is of type ExternalName';
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '') return `has clusterIP ${spec.clusterIP}`;
  return `gets a cluster IP (type ${typeof spec.type === 'string' ? spec.type : 'ClusterIP'}, no clusterIP: None)`;
}

export default createRule({
  meta: {
    id: 'statefulset-service-not-found',
    category: 'references',
    severity: 'warning',
    precision: 'high',
    description: 'A StatefulSet\'s `serviceName` names no Service in its namespace, or a Service that is not headless.',
    rationale: 'A StatefulSet gives each pod a stable DNS name, `<pod>.<serviceName>.<namespace>.svc`, and that is why clustered databases, brokers and consensus stores are run as StatefulSets: their members find each other by those names. The names exist only while a headless Service named by `serviceName` exists in the namespace; without it the StatefulSet and its pods are created all the same, but peers cannot resolve each other, so a cluster never forms and pods that wait for it never become ready. A Service with a cluster IP gets no per-pod records under the Kubernetes DNS specification: CoreDNS answers them anyway, while kube-dns and some managed DNS do not, so that case is reported one severity lower.',
    remediation: 'Define a Service named as `serviceName` in the StatefulSet\'s namespace, with `clusterIP: None` and a selector matching the StatefulSet\'s pods (charts usually call it `<name>-headless`); set `publishNotReadyAddresses: true` when members must find each other before they are ready. Keep a second, ordinary Service for clients that want one address. List the Service under `externalResources` in the configuration when it is created elsewhere.',
    messages: {
      missing: 'Service "{{name}}" named by serviceName is not defined in namespace "{{namespace}}", so the pods of StatefulSet "{{statefulSet}}" get no per-pod DNS names ({{example}} does not resolve), and whatever reaches a member by that name fails, peers forming a cluster first of all. Define a headless Service (clusterIP: None) named "{{name}}", or fix serviceName.',
      notHeadless: 'Service "{{name}}" named by serviceName {{what}}, so under the Kubernetes DNS specification the pods of StatefulSet "{{statefulSet}}" get no per-pod DNS names ({{example}}): CoreDNS serves them anyway, kube-dns does not. Make "{{name}}" headless with clusterIP: None (the Service must be recreated: clusterIP cannot change in place), and keep another Service for clients that need one address.',
    },
    appliesTo: ['apps/StatefulSet'],
    scope: 'set',
  },
  check(resource, context) {
    const { index } = context;
    const spec = isObject(resource.object.spec) ? resource.object.spec : undefined;
    const name = spec?.serviceName;
    if (typeof name !== 'string' || !isObjectName(name)) return;
    const namespace = index.namespaceOf(resource)!;
    const example = `${resource.name}-0.${name}.${namespace}.svc`;
    const services = index.get('Service', namespace, name);
    const data = { name, namespace, statefulSet: resource.name, example };
    if (services.length === 0) {
      // In a partial run the Service may well be in a file that was not given.
      if (index.complete && !index.exists('Service', namespace, name)) context.report({ messageId: 'missing', data, path: ['spec', 'serviceName'] });
      return;
    }
    if (services.some(isHeadless)) return;
    const service = services[0]!;
    const at = isObject(service.object.spec) && service.object.spec.clusterIP !== undefined ? ['spec', 'clusterIP'] : ['metadata', 'name'];
    context.report({
      messageId: 'notHeadless',
      data: { ...data, what: describeService(service) },
      path: ['spec', 'serviceName'],
      downgrade: true,
      related: [{ resource: service, path: at, message: `Service "${name}" is not headless` }],
    });
  },
});
