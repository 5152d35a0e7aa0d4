import type { Resource } from './resource.js';

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * Every resource of a run, looked up by kind, namespace and name in constant time, so rules that
 * relate resources to each other keep a run linear in the size of its input.
 */
export class ResourceIndex {
  private readonly byKey = new Map<string, Resource[]>();
  private readonly byKind = new Map<string, Resource[]>();

  constructor(readonly resources: readonly Resource[]) {
    for (const resource of resources) {
      const k = key(resource.kind, resource.namespace, resource.name);
      const same = this.byKey.get(k);
      if (same) same.push(resource);
      else this.byKey.set(k, [resource]);
      const ofKind = this.byKind.get(resource.kind);
      if (ofKind) ofKind.push(resource);
      else this.byKind.set(resource.kind, [resource]);
    }
  }

  /** Resources of `kind` named `name` in `namespace` (undefined: written without a namespace). Several when defined twice. */
  get(kind: string, namespace: string | undefined, name: string): readonly Resource[] {
    return this.byKey.get(key(kind, namespace, name)) ?? [];
  }

  ofKind(kind: string): readonly Resource[] {
    return this.byKind.get(kind) ?? [];
  }
}
