// The rule registry, sorted by id. A test checks it lists every file in this folder.
import type { AnyRule } from '../src/engine/rule.js';
import configmapKeyNotFound from './configmap-key-not-found.js';
import configmapNotFound from './configmap-not-found.js';
import cpuRequestMissing from './cpu-request-missing.js';
import duplicateEnvVar from './duplicate-env-var.js';
import duplicateResource from './duplicate-resource.js';
import hpaCpuRequestMissing from './hpa-cpu-request-missing.js';
import hpaMinAboveMax from './hpa-min-above-max.js';
import hpaTargetNotFound from './hpa-target-not-found.js';
import imageEmpty from './image-empty.js';
import ingressBackendNotFound from './ingress-backend-not-found.js';
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
import probeHandlerMissing from './probe-handler-missing.js';
import probePortNotExposed from './probe-port-not-exposed.js';
import probePortUndeclared from './probe-port-undeclared.js';
import pvcNotFound from './pvc-not-found.js';
import readinessProbeMissing from './readiness-probe-missing.js';
import recreateStrategy from './recreate-strategy.js';
import replicasWithHpa from './replicas-with-hpa.js';
import replicasWithoutSpread from './replicas-without-spread.js';
import requestExceedsLimit from './request-exceeds-limit.js';
import revisionHistoryLimitZero from './revision-history-limit-zero.js';
import rollingUpdateAllUnavailable from './rolling-update-all-unavailable.js';
import rollingUpdateNoProgress from './rolling-update-no-progress.js';
import secretKeyNotFound from './secret-key-not-found.js';
import secretNotFound from './secret-not-found.js';
import serviceAccountNotFound from './service-account-not-found.js';
import serviceSelectorNoMatch from './service-selector-no-match.js';
import serviceTargetPortNotExposed from './service-target-port-not-exposed.js';
import statefulsetServiceNotFound from './statefulset-service-not-found.js';
import templateValueError from './template-value-error.js';
import unusedConfigmap from './unused-configmap.js';
import unusedSecret from './unused-secret.js';
import workloadSelectorMismatch from './workload-selector-mismatch.js';

export const rules: readonly AnyRule[] = [
  configmapKeyNotFound,
  configmapNotFound,
  cpuRequestMissing,
  duplicateEnvVar,
  duplicateResource,
  hpaCpuRequestMissing,
  hpaMinAboveMax,
  hpaTargetNotFound,
  imageEmpty,
  ingressBackendNotFound,
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
  probeHandlerMissing,
  probePortNotExposed,
  probePortUndeclared,
  pvcNotFound,
  readinessProbeMissing,
  recreateStrategy,
  replicasWithHpa,
  replicasWithoutSpread,
  requestExceedsLimit,
  revisionHistoryLimitZero,
  rollingUpdateAllUnavailable,
  rollingUpdateNoProgress,
  secretKeyNotFound,
  secretNotFound,
  serviceAccountNotFound,
  serviceSelectorNoMatch,
  serviceTargetPortNotExposed,
  statefulsetServiceNotFound,
  templateValueError,
  unusedConfigmap,
  unusedSecret,
  workloadSelectorMismatch,
];
