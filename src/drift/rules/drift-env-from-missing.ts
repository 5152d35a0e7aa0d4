import { isObject } from '../../model/resource.js';
import { anchorIn } from '../containers.js';
import { namedEntries, placeIn, reportPerContainer, type Item } from '../compare.js';
import { defineDriftRule } from '../rule.js';

export default defineDriftRule({
  meta: {
    id: 'drift-env-from-missing',
    category: 'drift',
    severity: 'error',
    precision: 'high',
    description: 'A container loads all keys of a Secret or ConfigMap (`envFrom`) in one environment and not in another.',
    rationale: 'An `envFrom` source brings every key of the object as a variable: without it, the container misses all of them at once, and nothing in the manifest names the variables that went missing.',
    remediation: 'Add the same `envFrom` source in every environment (each with its own Secret or ConfigMap), or allow the difference in `drift.allow`.',
    messages: {
      missing: '{{resource}}: container "{{container}}" does not load {{key}} (envFrom) in {{lacking}}, while {{having}} does. Every variable it holds is missing there.',
    },
  },
  compare(context) {
    const { environments } = context;
    reportPerContainer(context, {
      messageId: 'missing',
      holdingsOf: (ref, i, member) => {
        const items = new Map<string, Item>();
        const entries = namedEntries(ref.container, 'envFrom', ref.path, (entry) => {
          for (const [field, kind] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
            const source = entry[field];
            if (isObject(source) && typeof source.name === 'string') return `${kind} ${environments[i]!.canonicalName(kind, source.name)}${typeof entry.prefix === 'string' ? ` (prefix ${entry.prefix})` : ''}`;
          }
          return undefined;
        });
        for (const { key, path } of entries) items.set(key, { place: placeIn(i, member, path), value: key });
        return { anchor: anchorIn(i, member, ref, 'envFrom'), items };
      },
      subject: (key) => `envFrom/${key.split(' ')[1]}`,
      what: (key) => `envFrom ${key}`,
    });
  },
});
