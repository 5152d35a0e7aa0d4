import { isObject } from '../../model/resource.js';
import { placeIn, reportPresence, type Item } from '../compare.js';
import { defineDriftRule } from '../rule.js';

const DATA_FIELDS = ['data', 'stringData', 'binaryData'] as const;

export default defineDriftRule({
  meta: {
    id: 'drift-data-key-missing',
    category: 'drift',
    severity: 'error',
    precision: 'high',
    description: 'A ConfigMap or Secret has a key in one environment and not in another.',
    rationale: 'A key read through `configMapKeyRef` or `secretKeyRef` that is missing stops the container with CreateContainerConfigError; one read as a file or through `envFrom` is silently absent, and the application runs with its default.',
    remediation: 'Add the key to the object in every environment (Secrets per environment), or allow the difference in `drift.allow`. Only key names are compared and shown, never values.',
    messages: {
      missing: '{{resource}} has no key "{{key}}" in {{lacking}}, while {{having}} has it.',
    },
  },
  compare(context) {
    for (const resource of context.resources) {
      if (resource.groupKind !== 'ConfigMap' && resource.groupKind !== 'Secret') continue;
      reportPresence(context, {
        messageId: 'missing',
        resource,
        holdings: resource.members.map((member, i) => {
          if (!member) return undefined;
          const items = new Map<string, Item>();
          for (const field of DATA_FIELDS) {
            const data = member.object[field];
            if (!isObject(data)) continue;
            for (const key of Object.keys(data)) if (!items.has(key)) items.set(key, { place: placeIn(i, member, [field, key], 'key'), value: `key ${key}` });
          }
          const field = DATA_FIELDS.find((candidate) => isObject(member.object[candidate]));
          return { anchor: field ? placeIn(i, member, [field], 'key') : placeIn(i, member, ['metadata', 'name']), items };
        }),
        subject: (key) => `data/${key}`,
        what: (key) => `key ${key}`,
      });
    }
  },
});
