import type { ResourceIndex } from './index.js';
import type { GroupKind } from './kinds.js';
import type { RelatedLocation, Resource } from './resource.js';

/**
 * What the "not found" rules learn when they look a referenced object up. They differ in what
 * they excuse (objects a controller makes, names built in) and in how they word a finding, but
 * not in this: an object is there, or it is not, or it is only in other namespaces, which is the
 * likelier mistake and gets its own finding pointing at those definitions.
 */
export type Lookup =
  | { kind: 'present' }
  | { kind: 'missing' }
  | {
      kind: 'otherNamespace';
      /** The definitions of that group/kind and name in other namespaces, in input order. */
      where: readonly Resource[];
      /** `"billing", "staging"`: those namespaces, each once, for the message. */
      namespaces: string;
      /** Each definition, for the finding's related locations. */
      related: RelatedLocation[];
    };

/**
 * A referenced object looked up as the API server would, in the reference's namespace only. One
 * answer for every "not found" rule, so that they agree on what counts as there (defined, made by
 * another object, declared external) and on when a definition elsewhere is worth pointing at.
 */
export function lookUp(index: ResourceIndex, groupKind: GroupKind, namespace: string | undefined, name: string): Lookup {
  if (index.exists(groupKind, namespace, name)) return { kind: 'present' };
  const where = index.inOtherNamespaces(groupKind, namespace, name);
  if (where.length === 0) return { kind: 'missing' };
  return {
    kind: 'otherNamespace',
    where,
    namespaces: [...new Set(where.map((other) => `"${index.namespaceOf(other)}"`))].join(', '),
    related: where.map((other) => ({ resource: other, path: ['metadata', 'name'], message: `${other.kind} "${other.name}" in namespace "${index.namespaceOf(other)}"` })),
  };
}
