import { lookUp } from '../../model/lookup.js';
import { environmentList, placeIn } from '../compare.js';
import type { MatchedResource } from '../rule.js';
import { defineDriftRule } from '../rule.js';

const TARGETS = new Set(['Secret', 'ConfigMap']);

export default defineDriftRule({
  meta: {
    id: 'drift-reference-undefined',
    category: 'drift',
    severity: 'error',
    precision: 'high',
    description: 'A Secret or ConfigMap is referenced in an environment that does not define it, while another environment does.',
    rationale: 'The environment where the object is defined works; the one where it is referenced but not defined starts pods that fail with CreateContainerConfigError or stay in ContainerCreating. When the object is created outside the manifests (by a secrets operator or by hand), it must exist there before the release.',
    remediation: 'Define the object in the environment that lacks it (with that environment\'s values), or declare it under `externalResources` when something outside the manifests creates it.',
    messages: {
      undefined: '{{via}} of {{owner}} references {{kind}} "{{name}}", which {{lacking}} does not define while {{having}} does. Define it in {{lacking}}.',
    },
  },
  compare(context) {
    const { environments } = context;
    const defined = new Map<string, MatchedResource>();
    for (const resource of context.resources) if (TARGETS.has(resource.groupKind)) defined.set(`${resource.groupKind}\0${resource.name}`, resource);
    environments.forEach((environment, i) => {
      const { index } = environment.model;
      if (!index.complete) return;
      for (const reference of index.references()) {
        if (!TARGETS.has(reference.target) || reference.optional) continue;
        if (lookUp(index, reference.target, reference.namespace, reference.name).kind === 'present') continue;
        const canonical = environment.canonicalName(reference.target, reference.name);
        const elsewhere = defined.get(`${reference.target}\0${canonical}`);
        if (!elsewhere) continue;
        const having = elsewhere.members.flatMap((member, j) => (member && j !== i ? [j] : []));
        if (having.length === 0) continue;
        const owner = `${reference.from.kind} ${environment.canonicalName(reference.from.groupKind, reference.from.name)}`;
        context.report({
          messageId: 'undefined',
          data: { via: reference.via, owner, kind: reference.target, name: reference.name, lacking: environment.name, having: environmentList(environments, having), key: `${reference.target} ${canonical}`, value: 'defined' },
          at: placeIn(i, reference.from, reference.path),
          related: having.map((j) => ({ ...placeIn(j, elsewhere.members[j]!, ['metadata', 'name']), message: `${environments[j]!.name}: ${reference.target} ${elsewhere.members[j]!.name} is defined here` })),
          sides: environments.map((_, j) => ({ environment: j, value: j === i ? null : elsewhere.members[j] ? 'defined' : null })),
          subject: `${reference.target}/${canonical}`,
          resource: owner,
          what: `${reference.target} ${canonical} (${reference.via})`,
          downgrade: environment.strictness < Math.max(...having.map((j) => environments[j]!.strictness)),
        });
      }
    });
  },
});
