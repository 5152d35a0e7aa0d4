import type { ObjectPath } from '../core/types.js';

/**
 * One registry of the kinds kubegate knows, keyed by API group and kind: a core `Service` and a
 * Knative `serving.knative.dev` `Service` are different things, and so are Argo's `Rollout` and
 * Flagger's. Rules select kinds through it, and pod templates are found through it.
 */

/** `apps/Deployment`; the core group has no prefix (`Pod`, `ConfigMap`). */
export type GroupKind = string;

/** The API group of an apiVersion: `apps` for `apps/v1`, the empty string for the core `v1`. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function groupKind(group: string, kind: string): GroupKind {
  return group === '' ? kind : `${group}/${kind}`;
}

interface WorkloadKind {
  groups: readonly string[];
  kind: string;
  podSpecPath: ObjectPath;
}

const TEMPLATE_SPEC: ObjectPath = ['spec', 'template', 'spec'];

/** Every kind that carries a pod template, with the groups that have served it. */
const WORKLOADS: readonly WorkloadKind[] = [
  { groups: [''], kind: 'Pod', podSpecPath: ['spec'] },
  { groups: ['apps', 'extensions'], kind: 'Deployment', podSpecPath: TEMPLATE_SPEC },
  { groups: ['apps'], kind: 'StatefulSet', podSpecPath: TEMPLATE_SPEC },
  { groups: ['apps', 'extensions'], kind: 'DaemonSet', podSpecPath: TEMPLATE_SPEC },
  { groups: ['apps', 'extensions'], kind: 'ReplicaSet', podSpecPath: TEMPLATE_SPEC },
  { groups: [''], kind: 'ReplicationController', podSpecPath: TEMPLATE_SPEC },
  { groups: ['batch'], kind: 'Job', podSpecPath: TEMPLATE_SPEC },
  { groups: ['batch'], kind: 'CronJob', podSpecPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
  { groups: ['argoproj.io'], kind: 'Rollout', podSpecPath: TEMPLATE_SPEC },
  // OpenShift's predecessor of Deployment: a pod template and replicas, but a ReplicationController's
  // plain-map selector and a strategy of its own (Rolling/Recreate/Custom with rollingParams), which
  // the Deployment rollout rules do not read (they name the kinds they apply to).
  { groups: ['apps.openshift.io'], kind: 'DeploymentConfig', podSpecPath: TEMPLATE_SPEC },
];

const POD_SPEC_PATHS = new Map<GroupKind, ObjectPath>();
for (const workload of WORKLOADS) {
  for (const group of workload.groups) POD_SPEC_PATHS.set(groupKind(group, workload.kind), workload.podSpecPath);
}

/** Every group/kind with a pod template, for rules that apply to `workloads`. */
export const WORKLOAD_KINDS: readonly GroupKind[] = [...POD_SPEC_PATHS.keys()];

/** Where a kind keeps its pod spec, or undefined for kinds without pods. */
export function podSpecPathOf(key: GroupKind): ObjectPath | undefined {
  return POD_SPEC_PATHS.get(key);
}

/** Kinds whose pods run to completion, where serving checks such as readiness do not apply. */
export const BATCH_KINDS: ReadonlySet<GroupKind> = new Set(['batch/Job', 'batch/CronJob']);

/**
 * What a rule applies to: `*` for every kind, `workloads` for every kind with a pod template, or
 * a list of group/kinds (`apps/Deployment`, `argoproj.io/Rollout`, `Service` for core).
 */
export type KindSelector = '*' | 'workloads' | readonly GroupKind[];

/** The group/kinds a selector names; `undefined` means every kind. */
export function expandSelector(selector: KindSelector): readonly GroupKind[] | undefined {
  if (selector === '*') return undefined;
  if (selector === 'workloads') return WORKLOAD_KINDS;
  return selector;
}

/** How docs name a selector's kinds. */
export function describeSelector(selector: KindSelector): string {
  if (selector === '*') return 'every kind';
  if (selector === 'workloads') return `workloads (${WORKLOAD_KINDS.join(', ')})`;
  return selector.join(', ');
}

/**
 * Kinds that live outside namespaces: a namespace written on them means nothing, and a reference
 * to one (a PriorityClass, a ClusterIssuer) is looked up by name alone.
 */
const CLUSTER_SCOPED: ReadonlySet<GroupKind> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'policy/PodSecurityPolicy',
  'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
]);

export function isClusterScoped(key: GroupKind): boolean {
  return CLUSTER_SCOPED.has(key);
}

/** Where a kind keeps its pod template's metadata (labels the selectors match), or undefined for kinds without pods. */
export function podMetadataPathOf(key: GroupKind): ObjectPath | undefined {
  const specPath = POD_SPEC_PATHS.get(key);
  return specPath && [...specPath.slice(0, -1), 'metadata'];
}
