// The rule registry, sorted by id. A test checks it lists every file in this folder.
import type { AnyRule } from '../src/engine/rule.js';
import apiDeprecated from './api-deprecated.js';
import apiRemoved from './api-removed.js';
import apparmorUnconfined from './apparmor-unconfined.js';
import capabilitiesAdded from './capabilities-added.js';
import capabilitiesNotDropped from './capabilities-not-dropped.js';
import configmapKeyNotFound from './configmap-key-not-found.js';
import configmapNotFound from './configmap-not-found.js';
import containerRuntimeSocket from './container-runtime-socket.js';
import cpuLimitMissing from './cpu-limit-missing.js';
import cpuRequestMissing from './cpu-request-missing.js';
import crdNotFound from './crd-not-found.js';
import credentialsInUrl from './credentials-in-url.js';
import customResourceInvalid from './custom-resource-invalid.js';
import defaultNamespace from './default-namespace.js';
import defaultServiceAccount from './default-service-account.js';
import duplicateEnvVar from './duplicate-env-var.js';
import duplicateResource from './duplicate-resource.js';
import hostNamespaces from './host-namespaces.js';
import hostPathVolume from './host-path-volume.js';
import hostPort from './host-port.js';
import hostProcess from './host-process.js';
import hpaCpuRequestMissing from './hpa-cpu-request-missing.js';
import hpaMinAboveMax from './hpa-min-above-max.js';
import hpaTargetNotFound from './hpa-target-not-found.js';
import imageEmpty from './image-empty.js';
import ingressBackendNotFound from './ingress-backend-not-found.js';
import ingressWithoutTls from './ingress-without-tls.js';
import invalidImageReference from './invalid-image-reference.js';
import invalidQuantity from './invalid-quantity.js';
import livenessProbeMissing from './liveness-probe-missing.js';
import livenessProbeSameAsReadiness from './liveness-probe-same-as-readiness.js';
import memoryLimitMissing from './memory-limit-missing.js';
import memoryRequestMissing from './memory-request-missing.js';
import mutableImageTag from './mutable-image-tag.js';
import networkPolicySelectorNoMatch from './network-policy-selector-no-match.js';
import pdbAboveHpaMin from './pdb-above-hpa-min.js';
import pdbBlocksEviction from './pdb-blocks-eviction.js';
import pdbSelectorNoMatch from './pdb-selector-no-match.js';
import priorityClassNotFound from './priority-class-not-found.js';
import privilegeEscalationAllowed from './privilege-escalation-allowed.js';
import privilegedContainer from './privileged-container.js';
import probeHandlerMissing from './probe-handler-missing.js';
import probePortNotExposed from './probe-port-not-exposed.js';
import probePortUndeclared from './probe-port-undeclared.js';
import procMountUnmasked from './proc-mount-unmasked.js';
import pullPolicyNotAlways from './pull-policy-not-always.js';
import pvcNotFound from './pvc-not-found.js';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding.js';
import rbacPodCreate from './rbac-pod-create.js';
import rbacPodExec from './rbac-pod-exec.js';
import rbacPrivilegeEscalation from './rbac-privilege-escalation.js';
import rbacSecretsAccess from './rbac-secrets-access.js';
import rbacWildcard from './rbac-wildcard.js';
import readinessProbeMissing from './readiness-probe-missing.js';
import recommendedLabelsMissing from './recommended-labels-missing.js';
import recreateStrategy from './recreate-strategy.js';
import replicasWithHpa from './replicas-with-hpa.js';
import replicasWithoutSpread from './replicas-without-spread.js';
import requestExceedsLimit from './request-exceeds-limit.js';
import restrictedVolumeType from './restricted-volume-type.js';
import revisionHistoryLimitZero from './revision-history-limit-zero.js';
import rollingUpdateAllUnavailable from './rolling-update-all-unavailable.js';
import rollingUpdateNoProgress from './rolling-update-no-progress.js';
import runAsRoot from './run-as-root.js';
import runAsRootGroup from './run-as-root-group.js';
import schemaInvalidEnum from './schema-invalid-enum.js';
import schemaInvalidType from './schema-invalid-type.js';
import schemaMissingRequired from './schema-missing-required.js';
import schemaUnknownField from './schema-unknown-field.js';
import seccompProfileMissing from './seccomp-profile-missing.js';
import seccompUnconfined from './seccomp-unconfined.js';
import secretInEnvValue from './secret-in-env-value.js';
import secretKeyNotFound from './secret-key-not-found.js';
import secretNotFound from './secret-not-found.js';
import selinuxOptions from './selinux-options.js';
import serviceAccountNotFound from './service-account-not-found.js';
import serviceAccountTokenAutomount from './service-account-token-automount.js';
import serviceExternallyExposed from './service-externally-exposed.js';
import serviceSelectorNoMatch from './service-selector-no-match.js';
import serviceTargetPortNotExposed from './service-target-port-not-exposed.js';
import singleReplica from './single-replica.js';
import statefulsetServiceNotFound from './statefulset-service-not-found.js';
import templateValueError from './template-value-error.js';
import unsafeSysctls from './unsafe-sysctls.js';
import unusedConfigmap from './unused-configmap.js';
import unusedSecret from './unused-secret.js';
import workloadSelectorMismatch from './workload-selector-mismatch.js';
import writableRootFilesystem from './writable-root-filesystem.js';

export const rules: readonly AnyRule[] = [
  apiDeprecated,
  apiRemoved,
  apparmorUnconfined,
  capabilitiesAdded,
  capabilitiesNotDropped,
  configmapKeyNotFound,
  configmapNotFound,
  containerRuntimeSocket,
  cpuLimitMissing,
  cpuRequestMissing,
  crdNotFound,
  credentialsInUrl,
  customResourceInvalid,
  defaultNamespace,
  defaultServiceAccount,
  duplicateEnvVar,
  duplicateResource,
  hostNamespaces,
  hostPathVolume,
  hostPort,
  hostProcess,
  hpaCpuRequestMissing,
  hpaMinAboveMax,
  hpaTargetNotFound,
  imageEmpty,
  ingressBackendNotFound,
  ingressWithoutTls,
  invalidImageReference,
  invalidQuantity,
  livenessProbeMissing,
  livenessProbeSameAsReadiness,
  memoryLimitMissing,
  memoryRequestMissing,
  mutableImageTag,
  networkPolicySelectorNoMatch,
  pdbAboveHpaMin,
  pdbBlocksEviction,
  pdbSelectorNoMatch,
  priorityClassNotFound,
  privilegeEscalationAllowed,
  privilegedContainer,
  probeHandlerMissing,
  probePortNotExposed,
  probePortUndeclared,
  procMountUnmasked,
  pullPolicyNotAlways,
  pvcNotFound,
  rbacClusterAdminBinding,
  rbacPodCreate,
  rbacPodExec,
  rbacPrivilegeEscalation,
  rbacSecretsAccess,
  rbacWildcard,
  readinessProbeMissing,
  recommendedLabelsMissing,
  recreateStrategy,
  replicasWithHpa,
  replicasWithoutSpread,
  requestExceedsLimit,
  restrictedVolumeType,
  revisionHistoryLimitZero,
  rollingUpdateAllUnavailable,
  rollingUpdateNoProgress,
  runAsRoot,
  runAsRootGroup,
  schemaInvalidEnum,
  schemaInvalidType,
  schemaMissingRequired,
  schemaUnknownField,
  seccompProfileMissing,
  seccompUnconfined,
  secretInEnvValue,
  secretKeyNotFound,
  secretNotFound,
  selinuxOptions,
  serviceAccountNotFound,
  serviceAccountTokenAutomount,
  serviceExternallyExposed,
  serviceSelectorNoMatch,
  serviceTargetPortNotExposed,
  singleReplica,
  statefulsetServiceNotFound,
  templateValueError,
  unsafeSysctls,
  unusedConfigmap,
  unusedSecret,
  workloadSelectorMismatch,
  writableRootFilesystem,
];
