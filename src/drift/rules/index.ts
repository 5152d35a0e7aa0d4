import type { AnyDriftRule } from '../rule.js';
import driftCapacityExceeded from './drift-capacity-exceeded.js';
import driftContainerMissing from './drift-container-missing.js';
import driftDataKeyMissing from './drift-data-key-missing.js';
import driftEnvFromMissing from './drift-env-from-missing.js';
import driftEnvVarMissing from './drift-env-var-missing.js';
import driftEnvVarSource from './drift-env-var-source.js';
import driftLocalEndpoint from './drift-local-endpoint.js';
import driftProbeMissing from './drift-probe-missing.js';
import driftReferenceUndefined from './drift-reference-undefined.js';
import driftResourceMissing from './drift-resource-missing.js';
import driftSecurityContextWeaker from './drift-security-context-weaker.js';
import driftVolumeMissing from './drift-volume-missing.js';

/** Every comparison `kubegate drift` makes, sorted by id. */
export const driftRules: readonly AnyDriftRule[] = [
  driftCapacityExceeded,
  driftContainerMissing,
  driftDataKeyMissing,
  driftEnvFromMissing,
  driftEnvVarMissing,
  driftEnvVarSource,
  driftLocalEndpoint,
  driftProbeMissing,
  driftReferenceUndefined,
  driftResourceMissing,
  driftSecurityContextWeaker,
  driftVolumeMissing,
];
