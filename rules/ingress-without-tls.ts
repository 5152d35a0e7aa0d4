import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, metadataMap, type KubeObject } from '../src/model/resource.js';

/**
 * Annotations through which a cloud load balancer terminates TLS for an Ingress without a `tls`
 * section (a certificate it manages, or one it discovers by host name), or turns plain HTTP off.
 */
function tlsByAnnotation(annotations: KubeObject): boolean {
  const text = (key: string) => (typeof annotations[key] === 'string' ? (annotations[key] as string).trim() : '');
  return (
    text('alb.ingress.kubernetes.io/certificate-arn') !== '' ||
    /HTTPS/i.test(text('alb.ingress.kubernetes.io/listen-ports')) ||
    text('ingress.gcp.kubernetes.io/pre-shared-cert') !== '' ||
    text('networking.gke.io/managed-certificates') !== '' ||
    text('appgw.ingress.kubernetes.io/appgw-ssl-certificate') !== '' ||
    text('kubernetes.io/ingress.allow-http').toLowerCase() === 'false'
  );
}

/** Names that never resolve on the internet (RFC 2606 and 6761, and mDNS `.local`): a developer's own cluster. */
function isLocalHost(host: string): boolean {
  return /(^|\.)(localhost|local|test|example|invalid)$/i.test(host);
}

/** Whether a tls host covers a rule's host: equal, or a `*.` wildcard for exactly one more label. */
function covers(tlsHost: string, host: string): boolean {
  const tls = tlsHost.toLowerCase();
  const wanted = host.toLowerCase();
  if (tls === wanted) return true;
  if (!tls.startsWith('*.') || wanted.startsWith('*.')) return false;
  const dot = wanted.indexOf('.');
  return dot > 0 && wanted.slice(dot) === tls.slice(1);
}

const quoted = (hosts: readonly string[]) => hosts.map((host) => `"${host}"`).join(', ');

export default createRule({
  meta: {
    id: 'ingress-without-tls',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5.3,
    description: 'An Ingress has no `tls` section, or serves a host that none of its `tls` entries lists.',
    rationale:
      'An Ingress without `tls` is served over plain HTTP: credentials, session cookies and API tokens cross the network in clear text and can be read or changed by anyone on the path. A host missing from the `tls` hosts gets no certificate of its own: the controller serves it over HTTP only, or over HTTPS with its default self-signed certificate, which browsers and clients reject. Ingresses whose load balancer terminates TLS through an annotation (an AWS certificate ARN or HTTPS listener, a GKE pre-shared or managed certificate, an Application Gateway certificate, or `kubernetes.io/ingress.allow-http: "false"`) are not reported, and neither are hosts that only resolve locally (`localhost`, `.local`, `.test`, `.example`, `.invalid`).',
    remediation: 'Add `spec.tls` entries that list every host of the rules, each with the Secret holding a certificate for it (cert-manager issues and renews one from the `cert-manager.io/cluster-issuer` annotation), or terminate TLS at the load balancer with your provider\'s annotation.',
    messages: {
      noTls: 'Ingress "{{ingress}}" has no tls section, so requests for {{hosts}} are served over plain HTTP: credentials, cookies and tokens cross the network unencrypted. Add spec.tls with the hosts and the Secret of a certificate for them (cert-manager can issue one).',
      hostNotCovered: 'Ingress "{{ingress}}" serves host "{{host}}", which no spec.tls entry lists (tls hosts: {{tlsHosts}}), so it is served over plain HTTP or with the controller\'s default certificate, which clients reject. Add "{{host}}" to the hosts of a tls entry whose certificate covers it.',
    },
    appliesTo: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || tlsByAnnotation(metadataMap(resource, 'annotations'))) return;
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    const hosts = rules.map((rule, index) => ({ index, host: isObject(rule) && typeof rule.host === 'string' && rule.host !== '' ? rule.host : undefined }));
    const named = hosts.flatMap(({ host }) => (host === undefined ? [] : [host]));
    const tls = Array.isArray(spec.tls) ? spec.tls.filter(isObject) : [];
    if (tls.length === 0) {
      if (named.length > 0 && named.every(isLocalHost) && hosts.every(({ host }) => host !== undefined)) return;
      const shown = named.length > 0 ? quoted([...new Set(named)]) : 'every host';
      context.report({ messageId: 'noTls', data: { ingress: resource.name, hosts: shown }, path: rules.length > 0 ? ['spec', 'rules'] : ['spec'], on: 'key' });
      return;
    }
    const tlsHosts = (entry: KubeObject) => (Array.isArray(entry.hosts) ? entry.hosts.filter((host): host is string => typeof host === 'string' && host !== '') : []);
    // An entry without hosts gets the controller's default host setting: it may cover any of them.
    if (tls.some((entry) => tlsHosts(entry).length === 0)) return;
    const listed = tls.flatMap(tlsHosts);
    for (const { index, host } of hosts) {
      if (host === undefined || isLocalHost(host) || listed.some((tlsHost) => covers(tlsHost, host))) continue;
      context.report({ messageId: 'hostNotCovered', data: { ingress: resource.name, host, tlsHosts: quoted(listed) }, path: ['spec', 'rules', index, 'host'] });
    }
  },
});
