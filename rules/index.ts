// The rule registry, sorted by id. A test checks it lists every file in this folder.
import type { AnyRule } from '../src/engine/rule.js';
import cpuRequestMissing from './cpu-request-missing.js';
import invalidQuantity from './invalid-quantity.js';
import livenessProbeMissing from './liveness-probe-missing.js';
import livenessProbeSameAsReadiness from './liveness-probe-same-as-readiness.js';
import memoryLimitMissing from './memory-limit-missing.js';
import memoryRequestMissing from './memory-request-missing.js';
import mutableImageTag from './mutable-image-tag.js';
import probePortNotExposed from './probe-port-not-exposed.js';
import probePortUndeclared from './probe-port-undeclared.js';
import readinessProbeMissing from './readiness-probe-missing.js';
import recreateStrategy from './recreate-strategy.js';
import requestExceedsLimit from './request-exceeds-limit.js';
import revisionHistoryLimitZero from './revision-history-limit-zero.js';
import rollingUpdateAllUnavailable from './rolling-update-all-unavailable.js';
import rollingUpdateNoProgress from './rolling-update-no-progress.js';

export const rules: readonly AnyRule[] = [
  cpuRequestMissing,
  invalidQuantity,
  livenessProbeMissing,
  livenessProbeSameAsReadiness,
  memoryLimitMissing,
  memoryRequestMissing,
  mutableImageTag,
  probePortNotExposed,
  probePortUndeclared,
  readinessProbeMissing,
  recreateStrategy,
  requestExceedsLimit,
  revisionHistoryLimitZero,
  rollingUpdateAllUnavailable,
  rollingUpdateNoProgress,
];
