import { isObject } from '../../model/resource.js';
import { placeIn, reportPerContainer, type Item } from '../compare.js';
import { defineDriftRule } from '../rule.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

export default defineDriftRule({
  meta: {
    id: 'drift-probe-missing',
    category: 'drift',
    severity: 'warning',
    precision: 'high',
    description: 'A container has a readiness, liveness or startup probe in one environment and not in another.',
    rationale: 'Probes decide when a pod gets traffic and when it is restarted: an environment without the readiness probe sends requests to pods that are still starting, one without the liveness probe leaves a hung process running. The environment that was tested is not the one that runs.',
    remediation: 'Define the same probes in every environment; tune their timings per environment if needed (timings are not compared).',
    messages: {
      missing: '{{resource}}: container "{{container}}" has no {{key}} in {{lacking}}, while {{having}} has one ({{value}}).',
    },
  },
  compare(context) {
    reportPerContainer(context, {
      messageId: 'missing',
      holdingsOf: (ref, i, member) => {
        const items = new Map<string, Item>();
        for (const probe of PROBES) {
          const value = ref.container[probe];
          if (!isObject(value)) continue;
          const handler = ['httpGet', 'tcpSocket', 'grpc', 'exec'].find((field) => value[field] !== undefined) ?? 'probe';
          items.set(probe, { place: placeIn(i, member, [...ref.path, probe], 'key'), value: handler });
        }
        return { anchor: placeIn(i, member, [...ref.path, 'name']), items };
      },
      subject: (key) => `probe/${key}`,
      what: (key) => key,
    });
  },
});
