import { createRule } from '../src/engine/builtin-rule.js';
import type { ResourceIndex } from '../src/model/index.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import { lookUp } from '../src/model/lookup.js';
import { madeAtRunTime } from '../src/model/made.js';
import { podFailure, type Reference } from '../src/model/references.js';
import { isObject, metadataMap, type Resource } from '../src/model/resource.js';

const INGRESS_KINDS = new Set(['networking.k8s.io/Ingress', 'extensions/Ingress']);

/**
 * cert-manager's ingress-shim makes a Certificate, and so the TLS Secret, for every `tls` entry of
 * an Ingress with one of these annotations (`kubernetes.io/tls-acme` with a default issuer
 * configured); the older `certmanager.k8s.io` group is cert-manager before 0.11.
 */
const SHIM_ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'certmanager.k8s.io/cluster-issuer', 'certmanager.k8s.io/issuer'];

function certManagerMakesTls(ingress: Resource): boolean {
  const annotations = metadataMap(ingress, 'annotations');
  if (SHIM_ISSUER_ANNOTATIONS.some((name) => typeof annotations[name] === 'string' && annotations[name] !== '')) return true;
  const acme = annotations['kubernetes.io/tls-acme'];
  return acme === 'true' || acme === true;
}

/**
 * Before Kubernetes 1.24 the token controller made `<sa>-token-xxxxx` and listed it under the
 * ServiceAccount's `secrets`; OpenShift still makes `<sa>-dockercfg-xxxxx` for pulls. A manifest
 * exported from a cluster keeps those names, though nobody writes the Secrets.
 */
function generatedForServiceAccount(serviceAccount: string, secret: string): boolean {
  const suffix = secret.startsWith(`${serviceAccount}-`) ? secret.slice(serviceAccount.length + 1) : '';
  return /^(?:token|dockercfg)-[a-z0-9]{5}$/.test(suffix);
}

/**
 * Where a reference's Secret is looked up. A Secret's name cannot contain `/`, so an Ingress TLS
 * `secretName` of `namespace/name` is the cross-namespace form of controllers that accept one
 * (Contour, given a TLSCertificateDelegation in that namespace).
 */
function lookedUp(reference: Reference, index: ResourceIndex): { name: string; namespace: string } {
  const slash = reference.name.indexOf('/');
  if (reference.via === 'tls' && slash > 0) return { namespace: reference.name.slice(0, slash), name: reference.name.slice(slash + 1) };
  return { name: reference.name, namespace: index.effectiveNamespace('Secret', reference.namespace)! };
}

export default createRule({
  meta: {
    id: 'secret-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A pod, ServiceAccount or Ingress names a Secret that is not defined, produced or declared external in its namespace.',
    rationale: 'Kubernetes accepts a reference to a Secret that does not exist and fails later, where it is harder to see: a container that reads it through env or envFrom stays in CreateContainerConfigError, a pod that mounts it hangs in ContainerCreating, a missing image pull secret turns into ImagePullBackOff for private images, and an Ingress whose TLS Secret is missing is served with the ingress controller\'s default certificate, which browsers reject. References never cross namespaces, so a Secret defined in another namespace does not count.',
    remediation: 'Define the Secret in the namespace of the object that names it (or have it made by an ExternalSecret, SealedSecret, cert-manager Certificate or Vault/1Password operator object), fix the name if it is a typo, mark the reference `optional: true` when the pod can run without it, or list it under `externalResources` in the configuration when it is created outside these manifests (by hand, by another repository, by an operator). Counted as present: TLS Secrets cert-manager makes for an Ingress with a `cert-manager.io/cluster-issuer`, `cert-manager.io/issuer` or `kubernetes.io/tls-acme` annotation; Secrets a Job or init container of the set is told to create in an argument or variable about Secrets (`--secret-name=webhook-cert`, `kubectl create secret …`), such as a webhook certificate; Secrets named after an operator\'s custom resource in the same namespace (CloudNativePG `<cluster>-app`, Strimzi `<KafkaUser>`); Secrets `<sa>-token-xxxxx` and `<sa>-dockercfg-xxxxx` listed by a ServiceAccount exported from a cluster; and an Ingress TLS `secretName` of the form `namespace/name` is looked up in that namespace.',
    messages: {
      missing: 'Secret "{{name}}" ({{via}}) is not defined in namespace "{{namespace}}", so the pod cannot start: {{failure}}. Define it, mark the reference optional: true if the pod can run without it, or list it under externalResources in the configuration if it is created elsewhere.',
      pullSecretMissing: 'Image pull secret "{{name}}" is not defined in namespace "{{namespace}}": the kubelet pulls without credentials, so images from a private registry fail with ImagePullBackOff. Define it (type kubernetes.io/dockerconfigjson), or list it under externalResources in the configuration if it is created elsewhere.',
      serviceAccountPullSecretMissing: 'Image pull secret "{{name}}" of ServiceAccount "{{serviceAccount}}" is not defined in namespace "{{namespace}}": pods running as this ServiceAccount pull without credentials, so images from a private registry fail with ImagePullBackOff. Define it (type kubernetes.io/dockerconfigjson), or list it under externalResources in the configuration if it is created elsewhere.',
      serviceAccountSecretMissing: 'Secret "{{name}}" listed in the secrets of ServiceAccount "{{serviceAccount}}" is not defined in namespace "{{namespace}}": the entry names nothing, and a pod of this ServiceAccount that mounts it cannot start. Define it, remove the entry, or list it under externalResources in the configuration if it is created elsewhere.',
      tlsSecretMissing: 'TLS Secret "{{name}}" is not defined in namespace "{{namespace}}", so the ingress controller serves its default certificate for {{hosts}}, which clients reject. Define it (type kubernetes.io/tls), have cert-manager issue it (a Certificate, or a cert-manager.io/cluster-issuer annotation on this Ingress), or list it under externalResources in the configuration.',
      otherNamespace: 'Secret "{{name}}" ({{via}}) is looked up in namespace "{{namespace}}", but it is defined only in {{namespaces}}: references to Secrets never cross namespaces. Define it in "{{namespace}}" as well, or move this {{kind}} to the namespace of the Secret.',
    },
    appliesTo: [...WORKLOAD_KINDS, ...INGRESS_KINDS, 'ServiceAccount'],
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // In a partial run the Secret may well be in a file that was not given.
    if (!index.complete) return {};
    const madeHere = madeAtRunTime(index);
    return {
      check(resource) {
        const isIngress = INGRESS_KINDS.has(resource.groupKind);
        const isServiceAccount = resource.groupKind === 'ServiceAccount';
        for (const reference of index.referencesFrom(resource)) {
          if (reference.target !== 'Secret' || reference.optional) continue;
          const { name, namespace } = lookedUp(reference, index);
          const found = lookUp(index, 'Secret', namespace, name);
          if (found.kind === 'present') continue;
          if (isIngress && certManagerMakesTls(resource)) continue;
          if (isServiceAccount && generatedForServiceAccount(resource.name, name)) continue;
          if (madeHere(namespace, name)) continue;

          if (found.kind === 'otherNamespace') {
            context.report({ messageId: 'otherNamespace', data: { name, via: reference.via, namespace, namespaces: found.namespaces, kind: resource.kind }, path: reference.path, related: found.related });
          } else if (isIngress) {
            context.report({ messageId: 'tlsSecretMissing', data: { name, namespace, hosts: tlsHosts(resource, reference) }, path: reference.path });
          } else if (isServiceAccount) {
            const messageId = reference.via === 'imagePullSecrets' ? 'serviceAccountPullSecretMissing' : 'serviceAccountSecretMissing';
            context.report({ messageId, data: { name, namespace, serviceAccount: resource.name }, path: reference.path });
          } else if (reference.via === 'imagePullSecrets') {
            context.report({ messageId: 'pullSecretMissing', data: { name, namespace }, path: reference.path });
          } else {
            context.report({ messageId: 'missing', data: { name, via: reference.via, namespace, failure: podFailure(reference) }, path: reference.path });
          }
        }
      },
    };
  },
});

/** The hosts of the `tls` entry a reference comes from, for the message. */
function tlsHosts(ingress: Resource, reference: Reference): string {
  const spec = isObject(ingress.object.spec) ? ingress.object.spec : {};
  const entry = Array.isArray(spec.tls) ? spec.tls[reference.path[2] as number] : undefined;
  const hosts = isObject(entry) && Array.isArray(entry.hosts) ? entry.hosts.filter((host): host is string => typeof host === 'string') : [];
  return hosts.length > 0 ? hosts.map((host) => `"${host}"`).join(', ') : 'the hosts of this Ingress';
}
