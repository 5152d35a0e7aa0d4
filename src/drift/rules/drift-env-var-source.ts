import { envSource } from '../containers.js';
import { matchedContainers, namedEntries, placeIn, resourceLabel, workloads } from '../compare.js';
import { defineDriftRule } from '../rule.js';

export default defineDriftRule({
  meta: {
    id: 'drift-env-var-source',
    category: 'drift',
    severity: 'warning',
    precision: 'high',
    description: 'An environment variable comes from a Secret in one environment and is a plain value in another.',
    rationale: 'Where the value is written into the manifest, whoever can read the Deployment (or the repository) reads the credential, and rotating it means a release; the environments also stop testing the same wiring, so a missing Secret key only shows in the one that reads it.',
    remediation: 'Read the variable from a Secret (`valueFrom.secretKeyRef`) in every environment, with a Secret per environment.',
    messages: {
      plain: '{{resource}}: container "{{container}}" sets env {{key}} as a plain value in {{lacking}}, while {{having}} reads it from a Secret ({{value}}). Read it from a Secret in {{lacking}} too.',
    },
  },
  compare(context) {
    const { environments } = context;
    for (const resource of workloads(context.resources)) {
      for (const [container, refs] of matchedContainers(resource)) {
        const sources = refs.map((ref, i) => {
          const byName = new Map<string, { kind: string; text: string; path: readonly (string | number)[] }>();
          if (!ref) return byName;
          for (const { key, entry, path } of namedEntries(ref.container, 'env', ref.path, (entry) => (typeof entry.name === 'string' ? entry.name : undefined))) {
            byName.set(key, { ...envSource(environments[i]!, key, entry), path });
          }
          return byName;
        });
        const names = new Set(sources.flatMap((byName) => [...byName.keys()]));
        for (const key of names) {
          const secret = sources.flatMap((byName, i) => (byName.get(key)?.kind === 'secret' ? [i] : []));
          if (secret.length === 0) continue;
          for (const [i, byName] of sources.entries()) {
            const own = byName.get(key);
            if (!own || own.kind !== 'value' || own.text === 'empty value') continue;
            const member = resource.members[i]!;
            const first = sources[secret[0]!]!.get(key)!;
            context.report({
              messageId: 'plain',
              data: { resource: resourceLabel(resource), container, key, lacking: environments[i]!.name, having: secret.map((j) => environments[j]!.name).join(', '), value: first.text },
              at: placeIn(i, member, [...own.path, 'value']),
              related: secret.map((j) => ({ ...placeIn(j, resource.members[j]!, [...sources[j]!.get(key)!.path, 'valueFrom']), message: `${environments[j]!.name}: ${sources[j]!.get(key)!.text}` })),
              sides: sources.flatMap((other, j) => (resource.members[j] && refs[j] ? [{ environment: j, value: other.get(key)?.text ?? null }] : [])),
              subject: `${resource.kind}/${resource.name}/${container}/env/${key}`,
              resource: resourceLabel(resource),
              what: `env ${key} (container ${container})`,
            });
          }
        }
      }
    }
  },
});
