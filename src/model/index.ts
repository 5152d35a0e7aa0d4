import type { GroupKind } from './kinds.js';
import type { Resource } from './resource.js';

function key(groupKind: GroupKind, namespace: string | undefined, name: string): string {
  return `${groupKind}\u0000${namespace ?? ''}\u0000${name}`;
}

function append<K, V>(map: Map<K, V[]>, k: K, value: V): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

/**
 * Every resource of a run, looked up by group/kind, namespace and name in constant time, so rules
 * that relate resources to each other keep a run linear in the size of its input.
 */
export class ResourceIndex {
  private readonly byKey = new Map<string, Resource[]>();
  private readonly byGroupKind = new Map<GroupKind, Resource[]>();

  constructor(readonly resources: readonly Resource[]) {
    for (const resource of resources) {
      append(this.byKey, key(resource.groupKind, resource.namespace, resource.name), resource);
      append(this.byGroupKind, resource.groupKind, resource);
    }
  }

  /** Resources of a group/kind named `name` in `namespace` (undefined: written without one). Several when defined twice. */
  get(groupKind: GroupKind, namespace: string | undefined, name: string): readonly Resource[] {
    return this.byKey.get(key(groupKind, namespace, name)) ?? [];
  }

  /** Every resource of a group/kind (`apps/Deployment`, `Secret`). */
  ofKind(groupKind: GroupKind): readonly Resource[] {
    return this.byGroupKind.get(groupKind) ?? [];
  }
}
