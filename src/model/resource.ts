import type { DocumentLocator, FindingOrigin, HighlightTarget, ObjectPath, ResourceRef } from '../core/types.js';
import { apiGroupOf, groupKind, type GroupKind } from './kinds.js';

/** Any JSON-like mapping from a manifest; rules narrow it with the helpers in `model/`. */
export type KubeObject = Record<string, unknown>;

export interface Resource {
  apiVersion: string;
  /** The API group of `apiVersion`: `apps`, `argoproj.io`, or the empty string for core. */
  group: string;
  kind: string;
  /** `group/kind` as the kind registry names it (`apps/Deployment`, `Pod`). */
  groupKind: GroupKind;
  /** As written; `undefined` when the manifest leaves it to the context (kubectl's current namespace). */
  namespace: string | undefined;
  /**
   * `metadata.name`, else `metadata.generateName`; `<unnamed Kind>` for an object with neither
   * (see `unnamed`), so that every message, report and fingerprint names it the same way.
   */
  name: string;
  /**
   * Set when the object has neither `metadata.name` nor `metadata.generateName`. It is still
   * linted by every rule (a Deployment missing only its name has its other problems too), but it
   * has no name to be found by: the index leaves it out of every lookup by name, so it neither
   * satisfies a reference nor collides with another unnamed object.
   */
  unnamed?: true;
  object: KubeObject;
  /** The document the resource was read from: its file, and how paths in it become ranges. */
  document: DocumentLocator;
  /** Where the object sits inside the document: `[]`, or `['items', n]` for members of a `List`. */
  basePath: ObjectPath;
  /**
   * The file an author edits to change this object, when the input was rendered: Helm's
   * `# Source:` comment, or the path in Kustomize's `config.kubernetes.io/origin` annotation.
   */
  origin: FindingOrigin | undefined;
}

const refs = new WeakMap<Resource, ResourceRef>();

/** The resource's identity, one object per resource however many findings name it. */
export function resourceRef(resource: Resource): ResourceRef {
  let ref = refs.get(resource);
  if (!ref) {
    ref = { apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name };
    if (resource.namespace !== undefined) ref.namespace = resource.namespace;
    refs.set(resource, ref);
  }
  return ref;
}

export function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object's own `metadata.labels` or `metadata.annotations` as written, `{}` when absent or not
 * a map. Rules that look for a controller's marks (a fill-in annotation, an ignore label) read
 * them raw: unlike selectors, they have no string form to agree on.
 */
export function metadataMap(resource: Resource, field: 'labels' | 'annotations'): KubeObject {
  const metadata = resource.object.metadata;
  const map = isObject(metadata) ? metadata[field] : undefined;
  return isObject(map) ? map : {};
}

/**
 * A place in another object that a finding points to (the Secret defined in another namespace,
 * the template a selector misses). The model builds these for the rules that share it; it sits
 * below the engine, so it spells out the shape of the engine's related location itself.
 */
export interface RelatedLocation {
  resource: Resource;
  path: ObjectPath;
  on?: HighlightTarget;
  message: string;
}

/** Configuration files read by client tools, which look like objects but never reach a cluster. */
const CLIENT_CONFIG_GROUPS = /^(kustomize\.config\.k8s\.io|config\.kubernetes\.io|kpt\.dev|skaffold|kind\.x-k8s\.io|helm\.sh|ctlptl\.dev|install\.istio\.io)\b/;

const KUSTOMIZE_ORIGIN = 'config.kubernetes.io/origin';

/** The value of a `field: value` line in a small annotation, read line by line (a regex over the whole value can backtrack). */
function annotationField(annotation: string, field: string): string | undefined {
  for (const line of annotation.split('\n')) {
    if (!line.startsWith(`${field}:`)) continue;
    const value = line.slice(field.length + 1).trim();
    if (value !== '') return value;
  }
  return undefined;
}

/** `kustomize build` with `buildMetadata: [originAnnotations]` records each object's source file as `path: <file>`. */
function kustomizeOrigin(annotation: unknown): FindingOrigin | undefined {
  if (typeof annotation !== 'string') return undefined;
  const path = annotationField(annotation, 'path');
  if (!path) return undefined;
  const repo = annotationField(annotation, 'repo');
  return { file: repo ? `${repo} ${path}` : path };
}

/** How messages name an object that has no name. */
export function unnamedName(kind: string): string {
  return `<unnamed ${kind}>`;
}

/** What one object of a document turns into. */
export type ObjectReading =
  /**
   * A resource; `missingName` is set when it has no name (nor generateName), which the API server
   * rejects, with `path` (inside the object) where to show it.
   */
  | { kind: 'resource'; resource: Resource; missingName?: { path: ObjectPath } }
  | { kind: 'skip'; reason: string }
  /** Looks like a Kubernetes object but lacks its type; `path` is where to show it. */
  | { kind: 'incomplete'; fields: string[]; objectKind: string; path: ObjectPath };

/**
 * Reads one object of a parsed document as a resource, or says why it is not one. `origin` is
 * what the document itself says about its source (Helm's comment); an annotation on the object
 * is used otherwise.
 */
export function readObject(object: KubeObject, document: DocumentLocator, basePath: ObjectPath, origin: FindingOrigin | undefined): ObjectReading {
  const { apiVersion, kind } = object;
  const metadata = isObject(object.metadata) ? object.metadata : undefined;
  // Without a kind there is nothing to call it: a Chart.yaml or values file has an apiVersion too.
  if (typeof kind !== 'string') return { kind: 'skip', reason: 'not a Kubernetes object (no kind)' };
  if (typeof apiVersion === 'string' && CLIENT_CONFIG_GROUPS.test(apiVersion)) {
    return { kind: 'skip', reason: `client-side configuration (${kind}), not a cluster object` };
  }
  const name = nonEmpty(metadata?.name) ?? nonEmpty(metadata?.generateName);
  const nameAt: ObjectPath = [metadata ? 'metadata' : 'kind'];
  // Without its type an object is nothing a rule can select: the group decides what a kind is (a
  // core Service or a Knative one), so a kind is not guessed from its name. A missing name is
  // different: the object is fully typed, and is linted as `<unnamed Kind>`.
  const missing: string[] = [];
  if (typeof apiVersion !== 'string' || apiVersion === '') missing.push('apiVersion');
  if (kind === '') missing.push('kind');
  if (missing.length > 0) {
    if (name === undefined) missing.push('metadata.name');
    return { kind: 'incomplete', fields: missing, objectKind: kind || 'object', path: [...basePath, missing[0]!] };
  }
  const namespace = metadata?.namespace;
  const annotations = isObject(metadata?.annotations) ? metadata.annotations : undefined;
  const group = apiGroupOf(apiVersion as string);
  const resource: Resource = {
    apiVersion: apiVersion as string,
    group,
    kind,
    groupKind: groupKind(group, kind),
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : undefined,
    name: name ?? unnamedName(kind),
    object,
    document,
    basePath,
    origin: origin ?? kustomizeOrigin(annotations?.[KUSTOMIZE_ORIGIN]),
  };
  if (name !== undefined) return { kind: 'resource', resource };
  resource.unnamed = true;
  return { kind: 'resource', resource, missingName: { path: nameAt } };
}

/** A name field as the API server takes it: an empty string is no name, nor is anything but a string. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
