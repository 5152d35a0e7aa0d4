import { envHoldings } from '../containers.js';
import { matchedContainers, reportPresence, workloads } from '../compare.js';
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
    const { environments } = context;
    for (const resource of workloads(context.resources)) {
      for (const [container, refs] of matchedContainers(resource)) {
        reportPresence(context, {
          messageId: 'missing',
          resource,
          holdings: refs.map((ref, i) => ref && envHoldings(environments[i]!, i, ref, resource.members[i]!)),
          subject: (key) => `${container}/env/${key}`,
          what: (key) => `env ${key} (container ${container})`,
          data: () => ({ container }),
        });
      }
    }
  },
});
