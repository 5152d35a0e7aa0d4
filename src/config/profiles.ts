import type { Severity } from '../core/types.js';

/**
 * What each built-in profile changes from the rules' defaults. Development keeps the findings
 * that break a deployment and turns the rest into notes; production makes the settings that
 * decide whether a bad release can be rolled back (an image that moves, no revision to return to,
 * a Recreate that stops every pod) errors. A configuration's `profiles` section adds to these.
 */
export const BUILTIN_PROFILES: Readonly<Record<string, Readonly<Record<string, Severity | 'off'>>>> = {
  development: {
    'liveness-probe-missing': 'info',
    'liveness-probe-same-as-readiness': 'info',
    'cpu-request-missing': 'info',
    'memory-request-missing': 'info',
    'memory-limit-missing': 'info',
    'mutable-image-tag': 'info',
    'recreate-strategy': 'info',
    'revision-history-limit-zero': 'info',
  },
  staging: {},
  production: {
    'mutable-image-tag': 'error',
    'recreate-strategy': 'error',
    'revision-history-limit-zero': 'error',
  },
};
