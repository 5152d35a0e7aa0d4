import type { ObjectPath } from '../core/types.js';
import { apiGroupOf, groupKind, isClusterScoped, type GroupKind } from './kinds.js';
import { isObject, type KubeObject, type Resource } from './resource.js';
import { containers, podSpec } from './workload.js';

/** A key of a Secret or ConfigMap named by a reference, and where the key is written. */
export interface KeyReference {
  key: string;
  path: ObjectPath;
}

/**
 * One object naming another by name: a container's `secretKeyRef`, a pod's
 * `serviceAccountName`, an Ingress backend. Paths are relative to the referencing resource.
 */
export interface Reference {
  from: Resource;
  /** The group/kind referred to: `Secret`, `ConfigMap`, `ServiceAccount`, `Service`… */
  target: GroupKind;
  name: string;
  /** Where the target is looked up: the referencing object's namespace (cluster-scoped targets: undefined). */
  namespace: string | undefined;
  /** The path of the name itself, where a finding about the reference goes. */
  path: ObjectPath;
  /** Keys of the target the reference needs (`secretKeyRef.key`, volume `items[].key`). */
  keys: readonly KeyReference[];
  /** `optional: true`: the pod starts without it, so its absence is not a problem. */
  optional: boolean;
  /** How the reference is written, for messages: `env DB_PASSWORD`, `volume certs`, `imagePullSecrets`. */
  via: string;
}

/**
 * How a pod fails when a Secret or ConfigMap it reads is missing: a volume cannot be mounted, an
 * env or envFrom source stops the container. Both "not found" rules tell the user the symptom
 * they will see, which depends on the reference, not on the kind.
 */
export function podFailure(reference: Reference): string {
  return reference.via.startsWith('volume') ? 'FailedMount, stuck in ContainerCreating' : 'CreateContainerConfigError';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Volume `items` name the keys they project. */
function itemKeys(items: unknown, at: ObjectPath): KeyReference[] {
  const keys: KeyReference[] = [];
  list(items).forEach((item, index) => {
    if (isObject(item) && text(item.key)) keys.push({ key: item.key as string, path: [...at, 'items', index, 'key'] });
  });
  return keys;
}

/** Volume plugins that name a credentials Secret, and the field that holds its name (`secretName`, or a `{name}` reference). */
const VOLUME_SECRET_FIELDS: readonly [string, string][] = [
  ['azureFile', 'secretName'],
  ['csi', 'nodePublishSecretRef'],
  ['cephfs', 'secretRef'],
  ['rbd', 'secretRef'],
  ['iscsi', 'secretRef'],
  ['flexVolume', 'secretRef'],
  ['scaleIO', 'secretRef'],
  ['storageos', 'secretRef'],
];

type Emit = (target: GroupKind, name: unknown, path: ObjectPath, via: string, extra?: { keys?: KeyReference[]; optional?: unknown }) => void;

function podReferences(resource: Resource, emit: Emit): void {
  const pod = podSpec(resource);
  if (!pod) return;
  const { spec, path } = pod;
  for (const ref of containers(resource)) {
    const container = ref.container;
    list(container.env).forEach((variable, index) => {
      if (!isObject(variable) || !isObject(variable.valueFrom)) return;
      const at = [...ref.path, 'env', index, 'valueFrom'];
      const via = `env ${text(variable.name) ?? `#${index}`} of container "${ref.name}"`;
      for (const [field, target] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
        const source = variable.valueFrom[field];
        if (!isObject(source)) continue;
        const keys = text(source.key) ? [{ key: source.key as string, path: [...at, field, 'key'] }] : [];
        emit(target, source.name, [...at, field, 'name'], via, { keys, optional: source.optional });
      }
    });
    list(container.envFrom).forEach((from, index) => {
      if (!isObject(from)) return;
      for (const [field, target] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
        const source = from[field];
        if (isObject(source)) emit(target, source.name, [...ref.path, 'envFrom', index, field, 'name'], `envFrom of container "${ref.name}"`, { optional: source.optional });
      }
    });
  }
  list(spec.volumes).forEach((volume, index) => {
    if (!isObject(volume)) return;
    const at = [...path, 'volumes', index];
    const via = `volume "${text(volume.name) ?? `#${index}`}"`;
    if (isObject(volume.secret)) {
      emit('Secret', volume.secret.secretName, [...at, 'secret', 'secretName'], via, { keys: itemKeys(volume.secret.items, [...at, 'secret']), optional: volume.secret.optional });
    }
    if (isObject(volume.configMap)) {
      emit('ConfigMap', volume.configMap.name, [...at, 'configMap', 'name'], via, { keys: itemKeys(volume.configMap.items, [...at, 'configMap']), optional: volume.configMap.optional });
    }
    // In-tree and CSI volume plugins read their credentials from a Secret named in the volume.
    for (const [plugin, field] of VOLUME_SECRET_FIELDS) {
      const source = volume[plugin];
      if (!isObject(source)) continue;
      const holder = field === 'secretName' ? source : source[field];
      const nameField = field === 'secretName' ? 'secretName' : 'name';
      const name = isObject(holder) ? holder[nameField] : undefined;
      if (name !== undefined) emit('Secret', name, field === 'secretName' ? [...at, plugin, 'secretName'] : [...at, plugin, field, 'name'], via);
    }
    if (isObject(volume.persistentVolumeClaim)) emit('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName, [...at, 'persistentVolumeClaim', 'claimName'], via);
    if (isObject(volume.projected)) {
      list(volume.projected.sources).forEach((source, sourceIndex) => {
        if (!isObject(source)) return;
        const sourceAt = [...at, 'projected', 'sources', sourceIndex];
        if (isObject(source.secret)) emit('Secret', source.secret.name, [...sourceAt, 'secret', 'name'], via, { keys: itemKeys(source.secret.items, [...sourceAt, 'secret']), optional: source.secret.optional });
        if (isObject(source.configMap)) emit('ConfigMap', source.configMap.name, [...sourceAt, 'configMap', 'name'], via, { keys: itemKeys(source.configMap.items, [...sourceAt, 'configMap']), optional: source.configMap.optional });
      });
    }
  });
  list(spec.imagePullSecrets).forEach((secret, index) => {
    if (isObject(secret)) emit('Secret', secret.name, [...path, 'imagePullSecrets', index, 'name'], 'imagePullSecrets');
  });
  // `serviceAccount` is the deprecated spelling; the API server copies it when the new one is absent.
  if (spec.serviceAccountName !== undefined) emit('ServiceAccount', spec.serviceAccountName, [...path, 'serviceAccountName'], 'serviceAccountName');
  else if (spec.serviceAccount !== undefined) emit('ServiceAccount', spec.serviceAccount, [...path, 'serviceAccount'], 'serviceAccount');
  if (spec.priorityClassName !== undefined) emit('scheduling.k8s.io/PriorityClass', spec.priorityClassName, [...path, 'priorityClassName'], 'priorityClassName');
}

/** An Ingress backend in either API shape: `service: {name, port}` (v1) or `serviceName`/`servicePort` (v1beta1). */
export interface IngressBackend {
  service: string;
  /** The port as written: a number or a port name; undefined when not given. */
  port: string | number | undefined;
  path: ObjectPath;
  portPath: ObjectPath;
}

export function ingressBackends(object: KubeObject): IngressBackend[] {
  const found: IngressBackend[] = [];
  const read = (backend: unknown, at: ObjectPath): void => {
    if (!isObject(backend)) return;
    if (isObject(backend.service)) {
      const port = isObject(backend.service.port) ? backend.service.port : {};
      const value = typeof port.number === 'number' ? port.number : text(port.name);
      const portPath = [...at, 'service', 'port', typeof port.number === 'number' ? 'number' : 'name'];
      if (text(backend.service.name)) found.push({ service: backend.service.name as string, port: value, path: [...at, 'service', 'name'], portPath });
    } else if (text(backend.serviceName)) {
      const value = typeof backend.servicePort === 'number' || typeof backend.servicePort === 'string' ? backend.servicePort : undefined;
      found.push({ service: backend.serviceName as string, port: value, path: [...at, 'serviceName'], portPath: [...at, 'servicePort'] });
    }
  };
  const spec = isObject(object.spec) ? object.spec : {};
  read(spec.defaultBackend, ['spec', 'defaultBackend']);
  read(spec.backend, ['spec', 'backend']);
  list(spec.rules).forEach((rule, ruleIndex) => {
    if (!isObject(rule) || !isObject(rule.http)) return;
    list(rule.http.paths).forEach((entry, pathIndex) => {
      if (isObject(entry)) read(entry.backend, ['spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'backend']);
    });
  });
  return found;
}

/**
 * Every reference a resource makes to another object by name, in the forms the API defines:
 * pod specs (env, envFrom, volumes, projected sources, image pull secrets, service account,
 * priority class, claims), StatefulSet `serviceName`, Ingress TLS secrets and backends,
 * ServiceAccount pull secrets, and HPA targets.
 */
export function referencesOf(resource: Resource): Reference[] {
  const found: Reference[] = [];
  const emit: Emit = (target, name, path, via, extra = {}) => {
    if (typeof name !== 'string' || name === '') return;
    found.push({
      from: resource,
      target,
      name,
      namespace: isClusterScoped(target) ? undefined : resource.namespace,
      path,
      keys: extra.keys ?? [],
      optional: extra.optional === true,
      via,
    });
  };
  podReferences(resource, emit);
  const { object } = resource;
  const spec = isObject(object.spec) ? object.spec : undefined;
  switch (resource.groupKind) {
    case 'apps/StatefulSet':
      if (spec) emit('Service', spec.serviceName, ['spec', 'serviceName'], 'serviceName');
      break;
    case 'networking.k8s.io/Ingress':
    case 'extensions/Ingress':
      list(spec?.tls).forEach((tls, index) => {
        if (isObject(tls)) emit('Secret', tls.secretName, ['spec', 'tls', index, 'secretName'], 'tls');
      });
      for (const backend of ingressBackends(object)) emit('Service', backend.service, backend.path, 'backend');
      break;
    case 'autoscaling/HorizontalPodAutoscaler': {
      const target = isObject(spec?.scaleTargetRef) ? spec.scaleTargetRef : undefined;
      if (target && typeof target.kind === 'string' && typeof target.apiVersion === 'string') {
        emit(groupKind(apiGroupOf(target.apiVersion), target.kind), target.name, ['spec', 'scaleTargetRef', 'name'], 'scaleTargetRef');
      }
      break;
    }
    case 'ServiceAccount':
      list(object.imagePullSecrets).forEach((secret, index) => {
        if (isObject(secret)) emit('Secret', secret.name, ['imagePullSecrets', index, 'name'], 'imagePullSecrets');
      });
      list(object.secrets).forEach((secret, index) => {
        if (isObject(secret)) emit('Secret', secret.name, ['secrets', index, 'name'], 'secrets');
      });
      break;
  }
  return found;
}

/** A Secret that another object makes at run time, so a reference to it is not dangling. */
export interface ProducedSecret {
  name: string;
  namespace: string | undefined;
  by: Resource;
}

function secretNameAt(object: KubeObject, path: readonly string[]): string | undefined {
  let current: unknown = object;
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return text(current);
}

/**
 * Objects whose controllers create a Secret: External Secrets (`spec.target.name`, else its own
 * name), Sealed Secrets (its name), cert-manager Certificates (`spec.secretName`), Vault Secrets
 * Operator secrets (`spec.destination.name`), 1Password items (its name).
 */
export function producedSecrets(resource: Resource): ProducedSecret[] {
  const { object, name, namespace } = resource;
  const made = (secret: string | undefined): ProducedSecret[] => (secret ? [{ name: secret, namespace, by: resource }] : []);
  switch (resource.groupKind) {
    case 'external-secrets.io/ExternalSecret':
      return made(secretNameAt(object, ['spec', 'target', 'name']) ?? name);
    case 'bitnami.com/SealedSecret':
      return made(secretNameAt(object, ['spec', 'template', 'metadata', 'name']) ?? name);
    case 'cert-manager.io/Certificate':
      return made(secretNameAt(object, ['spec', 'secretName']));
    case 'secrets.hashicorp.com/VaultStaticSecret':
    case 'secrets.hashicorp.com/VaultDynamicSecret':
    case 'secrets.hashicorp.com/VaultPKISecret':
      return made(secretNameAt(object, ['spec', 'destination', 'name']));
    case 'onepassword.com/OnePasswordItem':
      return made(name);
    default:
      return [];
  }
}
