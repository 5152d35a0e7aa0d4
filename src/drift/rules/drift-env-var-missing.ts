import { envHoldings } from '../containers.js';
import { reportPerContainer } from '../compare.js';
import { defineDriftRule } from '../rule.js';

export default defineDriftRule({
  meta: {
    id: 'drift-env-var-missing',
    category: 'drift',
    severity: 'error',
    precision: 'high',
    description: 'A container sets an environment variable in one environment and not in another.',
    rationale: 'A release is tested where the variable is set; where it is missing the application reads nothing, falls back to a default or crashes at start. The new version that needs DATABASE_URL passes staging and crash-loops in production.',
    remediation: 'Set the variable in every environment (from the same kind of source), or list the difference under `drift.allow` when it is meant, such as a debug flag only in development.',
    messages: {
      missing: '{{resource}}: container "{{container}}" has no env {{key}} in {{lacking}}, while {{having}} sets it ({{value}}). Add it to {{lacking}}, or allow the difference in drift.allow.',
    },
  },
  compare(context) {
    reportPerContainer(context, {
      messageId: 'missing',
      holdingsOf: (ref, i, member) => envHoldings(context.environments[i]!, i, ref, member),
      subject: (key) => `env/${key}`,
      what: (key) => `env ${key}`,
    });
  },
});
