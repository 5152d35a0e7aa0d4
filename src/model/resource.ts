import type { ObjectPath, ResourceRef } from '../engine/types.js';
import type { ParsedDocument } from '../parse/parse.js';

/** Any JSON-like mapping from a manifest; rules narrow it with the helpers in `model/`. */
export type KubeObject = Record<string, unknown>;

export interface Resource {
  apiVersion: string;
  kind: string;
  /** As written; `undefined` when the manifest leaves it to the context (kubectl's current namespace). */
  namespace: string | undefined;
  name: string;
  object: KubeObject;
  /** The document the resource was read from. */
  document: ParsedDocument;
  /** Where the object sits inside the document: `[]`, or `['items', n]` for members of a `List`. */
  basePath: ObjectPath;
  /**
   * The file an author edits to change this object, when the input was rendered: Helm's
   * `# Source:` comment, or the path in Kustomize's `config.kubernetes.io/origin` annotation.
   */
  templateSource: string | undefined;
}

export function resourceRef(resource: Resource): ResourceRef {
  const ref: ResourceRef = { apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name };
  if (resource.namespace !== undefined) ref.namespace = resource.namespace;
  return ref;
}

/** `Kind/namespace/name`, or `Kind/name` without a namespace: how findings name a resource. */
export function describeResource(ref: ResourceRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside `value`, or undefined where the path leaves the object. */
export function valueAt(value: unknown, path: ObjectPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isObject(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** How many leading segments of `path` exist in `value`. */
export function existingPrefixLength(value: unknown, path: ObjectPath): number {
  let current = value;
  let length = 0;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) break;
      current = current[segment];
    } else {
      if (!isObject(current) || !Object.hasOwn(current, segment)) break;
      current = current[segment];
    }
    length++;
  }
  return length;
}
