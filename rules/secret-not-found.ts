import { createRule } from '../src/engine/builtin-rule.js';
import type { ResourceIndex } from '../src/model/index.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import type { Reference } from '../src/model/references.js';
import { isObject, type Resource } from '../src/model/resource.js';
import { containers, runsToCompletion } from '../src/model/workload.js';

const INGRESS_KINDS = new Set(['networking.k8s.io/Ingress', 'extensions/Ingress']);

/**
 * cert-manager's ingress-shim makes a Certificate, and so the TLS Secret, for every `tls` entry of
 * an Ingress with one of these annotations (`kubernetes.io/tls-acme` with a default issuer
 * configured); the older `certmanager.k8s.io` group is cert-manager before 0.11.
 */
const SHIM_ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'certmanager.k8s.io/cluster-issuer', 'certmanager.k8s.io/issuer'];

function annotationsOf(resource: Resource): Record<string, unknown> {
  const metadata = resource.object.metadata;
  return isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : {};
}

function certManagerMakesTls(ingress: Resource): boolean {
  const annotations = annotationsOf(ingress);
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

const NOT_NAME = /[^A-Za-z0-9._-]+/;

/** Init containers that make a Secret without naming it: Argo CD's `argocd admin redis-initial-password`. */
const WELL_KNOWN_MAKERS: readonly { argument: string; makes: string }[] = [{ argument: 'redis-initial-password', makes: 'argocd-redis' }];

/** API groups of custom resources whose controllers make no Secrets or ConfigMaps named after them. */
const NOT_MAKERS = /(^|\.)(monitoring\.coreos\.com|monitoring\.googleapis\.com|istio\.io|argoproj\.io|keda\.sh|fluxcd\.io|cert-manager\.io|litmuschaos\.io)$/;

/** A custom resource, as opposed to a kind Kubernetes itself serves (core, `apps`, `*.k8s.io`). */
function isCustomResource(resource: Resource): boolean {
  return resource.group.includes('.') && !/(^|\.)k8s\.io$/.test(resource.group) && !NOT_MAKERS.test(resource.group);
}

/**
 * An argument or variable about a Secret or ConfigMap (`--secret-name=…`, `kubectl create secret
 * tls …`, `CONFIGMAP=…`): only words near such a hint count as a name a Job makes, since Jobs
 * also wait for services (`until nc -z mysql 3306`) whose names often are Secret names too.
 */
const ABOUT_OBJECTS = /secret|config-?map|cert|tls/i;

/**
 * Whether something in the set makes a Secret or ConfigMap of this name at run time, though no
 * object defines it:
 * - a run-to-completion pod (a Helm hook Job such as kube-webhook-certgen's `--secret-name=…`)
 *   or an init container is given the name in an argument or variable about Secrets or
 *   ConfigMaps: that is how a chart makes an object it cannot render, typically a self-signed
 *   certificate;
 * - a well-known init container makes one without naming it;
 * - an operator's custom resource in the same namespace is named like a part of it: operators
 *   name what they make after the resource (CloudNativePG `<cluster>-app`, Zalando
 *   `<user>.<cluster>.credentials…`, Strimzi's KafkaUser `<user>`, ECK `<es>-es-elastic-user`).
 */
export function madeAtRunTime(index: ResourceIndex): (namespace: string, name: string) => boolean {
  let passed: Set<string> | undefined;
  let customResources: Set<string> | undefined;
  const words = (text: string, into: Set<string>): void => {
    for (const word of text.split(NOT_NAME)) into.add(word);
  };
  const build = (): void => {
    passed = new Set();
    customResources = new Set();
    for (const kind of WORKLOAD_KINDS) {
      for (const resource of index.ofKind(kind)) {
        const batch = runsToCompletion(resource);
        for (const { container, role } of containers(resource)) {
          if (!batch && role !== 'initContainer') continue;
          const argv = [container.command, container.args].flatMap((list) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []));
          argv.forEach((argument, position) => {
            // A flag and its value may be two arguments: `--secret-name`, `web-tls`.
            if (ABOUT_OBJECTS.test(argument) || (position > 0 && ABOUT_OBJECTS.test(argv[position - 1]!))) words(argument, passed!);
            for (const maker of WELL_KNOWN_MAKERS) if (argument === maker.argument) passed!.add(maker.makes);
          });
          for (const variable of Array.isArray(container.env) ? container.env : []) {
            if (!isObject(variable) || typeof variable.value !== 'string') continue;
            if (ABOUT_OBJECTS.test(variable.value) || (typeof variable.name === 'string' && ABOUT_OBJECTS.test(variable.name))) words(variable.value, passed);
          }
        }
      }
    }
    for (const resource of index.resources) {
      if (isCustomResource(resource)) customResources.add(`${index.namespaceOf(resource) ?? ''}\u0000${resource.name}`);
    }
  };
  return (namespace, name) => {
    if (!passed || !customResources) build();
    if (passed!.has(name)) return true;
    // Every run of whole words of the name (split at `-` and `.`), as a custom resource might be called.
    const starts = [0];
    const ends: number[] = [];
    for (let i = 0; i < name.length; i++) {
      if (name[i] === '-' || name[i] === '.') {
        ends.push(i);
        starts.push(i + 1);
      }
    }
    ends.push(name.length);
    for (const start of starts) {
      for (const end of ends) {
        if (end > start && customResources!.has(`${namespace}\u0000${name.slice(start, end)}`)) return true;
      }
    }
    return false;
  };
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

/** How a missing Secret shows up for the pod, by the kind of reference. */
function podFailure(reference: Reference): string {
  return reference.via.startsWith('volume') ? 'FailedMount, stuck in ContainerCreating' : 'CreateContainerConfigError';
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
    let secretsByName: Map<string, Resource[]> | undefined;
    const definedElsewhere = (name: string): Resource[] => {
      if (!secretsByName) {
        secretsByName = new Map();
        for (const secret of index.ofKind('Secret')) {
          const list = secretsByName.get(secret.name);
          if (list) list.push(secret);
          else secretsByName.set(secret.name, [secret]);
        }
      }
      return secretsByName.get(name) ?? [];
    };
    return {
      check(resource) {
        const isIngress = INGRESS_KINDS.has(resource.groupKind);
        const isServiceAccount = resource.groupKind === 'ServiceAccount';
        for (const reference of index.referencesFrom(resource)) {
          if (reference.target !== 'Secret' || reference.optional) continue;
          const { name, namespace } = lookedUp(reference, index);
          if (index.exists('Secret', namespace, name)) continue;
          if (isIngress && certManagerMakesTls(resource)) continue;
          if (isServiceAccount && generatedForServiceAccount(resource.name, name)) continue;
          if (madeHere(namespace, name)) continue;

          const elsewhere = definedElsewhere(name);
          if (elsewhere.length > 0) {
            const namespaces = [...new Set(elsewhere.map((secret) => `"${index.namespaceOf(secret)}"`))].join(', ');
            context.report({
              messageId: 'otherNamespace',
              data: { name, via: reference.via, namespace, namespaces, kind: resource.kind },
              path: reference.path,
              related: elsewhere.map((secret) => ({ resource: secret, path: ['metadata', 'name'], message: `Secret "${secret.name}" in namespace "${index.namespaceOf(secret)}"` })),
            });
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
