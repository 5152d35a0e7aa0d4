import path from 'node:path';
import type { DocumentLocator, HighlightTarget, ObjectPath, PathSegment, Range } from '../core/types.js';
import { readDocuments, type FileCache, type YamlDocument } from './files.js';
import { existingPrefixLength } from '../parse/positions.js';

/**
 * Finds where a field of an object `kustomize build` printed is written: in the resource file
 * its origin annotation names, or in the patch (strategic merge or JSON 6902), image or replica
 * entry of a kustomization that changed it on the way. Positions come from the same locator as
 * plain files, so a line here is exactly what the same file linted on its own would show.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface Kustomization {
  dir: string;
  file: string;
  document: YamlDocument;
}

/** What `config.kubernetes.io/origin` says: a resource file, or the kustomization whose generator made the object. */
export interface KustomizeOrigin {
  path?: string;
  configuredIn?: string;
  /** Set for resources fetched from a remote repository: nothing on disk to point at. */
  repo?: string;
}

export function readOriginAnnotation(object: Json): KustomizeOrigin | undefined {
  const metadata = isObject(object.metadata) ? object.metadata : undefined;
  const annotations = metadata && isObject(metadata.annotations) ? metadata.annotations : undefined;
  const text = annotations?.['config.kubernetes.io/origin'];
  if (typeof text !== 'string') return undefined;
  const origin: KustomizeOrigin = {};
  for (const line of text.split('\n')) {
    const match = /^(path|configuredIn|repo):\s*(.+?)\s*$/.exec(line);
    if (match) origin[match[1] as keyof KustomizeOrigin] = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return origin;
}

/**
 * The file an origin path names. kustomize writes it relative to the kustomization the build
 * started from, which for kubegate is a temporary wrapper around the overlay (see
 * `src/render/kustomize.ts`): resolved against the overlay first, then, with the wrapper's
 * `../` steps taken off, against the overlay and each folder above it. The first candidate that
 * is a file holding an object of `kind` wins.
 */
export function resolveOriginFile(files: FileCache, input: string, origin: string, accept: (file: string) => boolean): string | undefined {
  if (path.isAbsolute(origin)) return accept(origin) ? origin : undefined;
  const candidates = [path.resolve(input, origin)];
  const rest = origin.split(/[\\/]/);
  while (rest[0] === '..') rest.shift();
  const tail = rest.join(path.sep);
  for (let dir = input; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, tail));
    if (path.dirname(dir) === dir) break;
  }
  for (const candidate of new Set(candidates)) if (files.isFile(candidate) && accept(candidate)) return candidate;
  return undefined;
}

function kustomizationIn(files: FileCache, dir: string): Kustomization | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = path.join(dir, name);
    if (!files.isFile(file)) continue;
    const document = files.yaml(file)?.find((doc) => isObject(doc.value));
    return document ? { dir, file, document } : undefined;
  }
  return undefined;
}

function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.includes('?ref=') || entry.startsWith('git@');
}

/**
 * The kustomizations a build of `dir` reads, in the order their changes apply: each one after
 * the resources and components it includes, so the last that changes a field is the one that
 * decided it.
 */
export function kustomizationChain(files: FileCache, dir: string, seen = new Set<string>()): Kustomization[] {
  if (seen.has(dir)) return [];
  seen.add(dir);
  const own = kustomizationIn(files, dir);
  if (!own) return [];
  const chain: Kustomization[] = [];
  const value = own.document.value as Json;
  for (const field of ['resources', 'bases', 'components']) {
    const entries = value[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (typeof entry !== 'string' || isRemote(entry)) continue;
      const target = path.resolve(dir, entry);
      if (files.isDirectory(target)) chain.push(...kustomizationChain(files, target, seen));
    }
  }
  chain.push(own);
  return chain;
}

/** An object as the build printed it, with the names it went by on the way. */
export interface BuiltObject {
  kind: string;
  /** The rendered name, and the name written in its resource file (before prefixes and suffixes). */
  names: string[];
  labels: Json;
  annotations: Json;
}

function nameOf(object: unknown): string | undefined {
  const metadata = isObject(object) && isObject(object.metadata) ? object.metadata : undefined;
  return typeof metadata?.name === 'string' ? metadata.name : undefined;
}

/**
 * Whether a name written in a patch or a kustomization entry names this object: exactly one of
 * its names, or a name between them (an intermediate overlay's prefix applied, the final one
 * not yet).
 */
function namesObject(written: string, object: BuiltObject): boolean {
  if (object.names.includes(written)) return true;
  const [rendered, original] = object.names;
  return rendered !== undefined && original !== undefined && rendered.includes(written) && written.includes(original);
}

function anchored(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** `a=b,c!=d` selectors; anything fancier (`in`, `notin`, bare keys) counts as matching. */
function selects(selector: unknown, labels: Json): boolean {
  if (typeof selector !== 'string' || selector.trim() === '') return true;
  return selector.split(',').every((term) => {
    const match = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(\S*)\s*$/.exec(term);
    if (!match) return true;
    const actual = labels[match[1]!];
    return match[2] === '!=' ? actual !== match[3] : actual === match[3];
  });
}

function targets(target: unknown, object: BuiltObject): boolean {
  if (!isObject(target)) return false;
  if (typeof target.kind === 'string' && !anchored(target.kind, object.kind)) return false;
  if (typeof target.name === 'string' && !object.names.some((name) => anchored(target.name as string, name))) return false;
  return selects(target.labelSelector, object.labels) && selects(target.annotationSelector, object.annotations);
}

/** Where a patch's text is: its own file, or a block scalar inside a kustomization. */
interface PatchText {
  file: string;
  documents: YamlDocument[];
  /** For an inline patch: where its lines sit in the kustomization (line of its first line, and indentation). */
  inline?: { firstLine: number; indent: number };
}

interface Patch {
  text: PatchText;
  target?: unknown;
}

/** An inline patch's text, and where its first line sits when it is a literal block (`patch: |`). */
function inlinePatch(files: FileCache, kustomization: Kustomization, at: ObjectPath, text: string): PatchText {
  const documents = readDocuments(kustomization.file, text);
  const range = kustomization.document.locator.rangeOf(at, 'value');
  const lines = files.lines(kustomization.file);
  const indicator = lines[range.line - 1]?.slice(range.column - 1) ?? '';
  if (!indicator.startsWith('|')) return { file: kustomization.file, documents };
  const firstContent = lines.slice(range.line).find((line) => line.trim() !== '');
  const indent = firstContent === undefined ? 0 : firstContent.length - firstContent.trimStart().length;
  return { file: kustomization.file, documents, inline: { firstLine: range.line + 1, indent } };
}

function patchesOf(files: FileCache, kustomization: Kustomization): Patch[] {
  return files.memo(`patches:${kustomization.file}`, () => readPatches(files, kustomization));
}

function readPatches(files: FileCache, kustomization: Kustomization): Patch[] {
  const value = kustomization.document.value as Json;
  const patches: Patch[] = [];
  const fromFile = (entry: string): PatchText | undefined => {
    const file = path.resolve(kustomization.dir, entry);
    const documents = files.isFile(file) ? files.yaml(file) : undefined;
    return documents ? { file, documents } : undefined;
  };
  const merge = value.patchesStrategicMerge;
  if (Array.isArray(merge)) {
    merge.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const text = entry.includes('\n') ? inlinePatch(files, kustomization, ['patchesStrategicMerge', i], entry) : fromFile(entry);
      if (text) patches.push({ text });
    });
  }
  for (const field of ['patchesJson6902', 'patches']) {
    const list = value[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (!isObject(entry)) return;
      const text = typeof entry.path === 'string' ? fromFile(entry.path) : typeof entry.patch === 'string' ? inlinePatch(files, kustomization, [field, i, 'patch'], entry.patch) : undefined;
      if (text) patches.push(entry.target === undefined ? { text } : { text, target: entry.target });
    });
  }
  return patches;
}

/** Keys lists of Kubernetes objects are merged by (strategic merge), in the order to try them. */
const MERGE_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'ip', 'topologyKey'];

/** The index in `written` of the item that `rendered` (item `index` of the rendered list) came from, or -1. */
function matchItem(written: unknown[], rendered: unknown, index: number): number {
  if (isObject(rendered)) {
    const key = MERGE_KEYS.find((candidate) => rendered[candidate] !== undefined);
    if (key !== undefined) return written.findIndex((item) => isObject(item) && item[key] === rendered[key]);
    return index < written.length ? index : -1;
  }
  if (written[index] === rendered) return index;
  return written.indexOf(rendered);
}

/** How far `path` (of the rendered object) goes in a written object, with its list indexes as written there. */
export function mapPath(rendered: unknown, written: unknown, objectPath: ObjectPath): PathSegment[] {
  const mapped: PathSegment[] = [];
  let r = rendered;
  let w = written;
  for (const segment of objectPath) {
    if (typeof segment === 'string') {
      if (!isObject(w) || !Object.hasOwn(w, segment)) break;
      mapped.push(segment);
      r = isObject(r) ? r[segment] : undefined;
      w = w[segment];
    } else {
      if (!Array.isArray(w)) break;
      const item = Array.isArray(r) ? r[segment] : undefined;
      const at = matchItem(w, item, segment);
      if (at === -1) break;
      mapped.push(at);
      r = item;
      w = w[at];
    }
  }
  return mapped;
}

function valueAt(value: unknown, objectPath: ObjectPath): unknown {
  let current = value;
  for (const segment of objectPath) current = (current as Record<PathSegment, unknown> | undefined)?.[segment];
  return current;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** `/spec/template/spec/containers/0/args` for a path, as JSON 6902 patches write it. */
function pointer(objectPath: ObjectPath): string {
  return objectPath.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export interface Placement {
  /** Absolute path of the file. */
  file: string;
  range: Range;
}

function place(text: PatchText, locator: DocumentLocator, at: ObjectPath, on: HighlightTarget): Placement {
  const range = locator.rangeOf(at, on);
  if (!text.inline) return { file: text.file, range };
  const { firstLine, indent } = text.inline;
  return {
    file: text.file,
    range: { line: firstLine + range.line - 1, column: range.column + indent, endLine: firstLine + range.endLine - 1, endColumn: range.endColumn + indent },
  };
}

/**
 * The patch that last set the field at `objectPath`, if one did: a strategic-merge patch whose
 * object holds the field (as a value it sets, or a field the resource file lacks), or a JSON
 * 6902 operation on that path.
 */
function patchFor(files: FileCache, chain: readonly Kustomization[], object: BuiltObject, rendered: unknown, written: unknown, objectPath: ObjectPath, on: HighlightTarget): Placement | undefined {
  if (objectPath.length === 0) return undefined;
  const inResource = mapPath(rendered, written, objectPath).length === objectPath.length;
  const wanted = pointer(objectPath);
  let found: Placement | undefined;
  for (const kustomization of chain) {
    for (const patch of patchesOf(files, kustomization)) {
      if (patch.target !== undefined && !targets(patch.target, object)) continue;
      for (const document of patch.text.documents) {
        if (Array.isArray(document.value)) {
          if (patch.target === undefined) continue;
          document.value.forEach((operation, i) => {
            if (!isObject(operation) || typeof operation.path !== 'string' || operation.op === 'remove' || operation.op === 'test') return;
            if (operation.path === wanted) {
              const at = Object.hasOwn(operation, 'value') ? [i, 'value'] : [i];
              found = place(patch.text, document.locator, at, on);
            } else if (wanted.startsWith(`${operation.path}/`) && Object.hasOwn(operation, 'value')) {
              const rest = objectPath.slice(operation.path.split('/').length - 1);
              const inside = mapPath(valueAt(rendered, objectPath.slice(0, objectPath.length - rest.length)), operation.value, rest);
              if (inside.length === rest.length) found = place(patch.text, document.locator, [i, 'value', ...inside], on);
            }
          });
          continue;
        }
        if (!isObject(document.value)) continue;
        if (patch.target === undefined) {
          const name = nameOf(document.value);
          if (document.value.kind !== object.kind || name === undefined || !namesObject(name, object)) continue;
        }
        const mapped = mapPath(rendered, document.value, objectPath);
        if (mapped.length !== objectPath.length) continue;
        if (!inResource || isScalar(valueAt(document.value, mapped))) found = place(patch.text, document.locator, mapped, on);
      }
    }
  }
  return found;
}

/** Image and replica entries of kustomizations (`images:`, `replicas:`), which change a field without a patch. */
function transformerFor(chain: readonly Kustomization[], object: BuiltObject, rendered: unknown, written: unknown, objectPath: ObjectPath): Placement | undefined {
  const last = objectPath[objectPath.length - 1];
  const renderedValue = valueAt(rendered, objectPath);
  const writtenPath = mapPath(rendered, written, objectPath);
  const writtenValue = writtenPath.length === objectPath.length ? valueAt(written, writtenPath) : undefined;
  if (renderedValue === writtenValue) return undefined;
  let found: Placement | undefined;
  for (const kustomization of chain) {
    const value = kustomization.document.value as Json;
    if (last === 'image' && typeof writtenValue === 'string' && Array.isArray(value.images)) {
      const imageName = writtenValue.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
      value.images.forEach((entry, i) => {
        if (!isObject(entry) || entry.name !== imageName) return;
        const key = ['newTag', 'digest', 'newName'].find((candidate) => Object.hasOwn(entry, candidate));
        found = { file: kustomization.file, range: kustomization.document.locator.rangeOf(key ? ['images', i, key] : ['images', i], 'key') };
      });
    }
    if (objectPath.length === 2 && objectPath[0] === 'spec' && last === 'replicas' && Array.isArray(value.replicas)) {
      value.replicas.forEach((entry, i) => {
        if (!isObject(entry) || typeof entry.name !== 'string' || !namesObject(entry.name, object)) return;
        found = { file: kustomization.file, range: kustomization.document.locator.rangeOf(['replicas', i, 'count'], 'key') };
      });
    }
  }
  return found;
}

/** The generator entry (`configMapGenerator`, `secretGenerator`) of a kustomization that made the object. */
function generatorFor(kustomization: Kustomization, object: BuiltObject): Placement | undefined {
  const value = kustomization.document.value as Json;
  const field = object.kind === 'Secret' ? 'secretGenerator' : object.kind === 'ConfigMap' ? 'configMapGenerator' : undefined;
  const entries = field ? value[field] : undefined;
  if (!field || !Array.isArray(entries)) return undefined;
  let best: { index: number; length: number } | undefined;
  entries.forEach((entry, index) => {
    const name = isObject(entry) && typeof entry.name === 'string' ? entry.name : undefined;
    if (name !== undefined && object.names[0]!.includes(name) && (!best || name.length > best.length)) best = { index, length: name.length };
  });
  return best ? { file: kustomization.file, range: kustomization.document.locator.rangeOf([field, best.index], 'value') } : undefined;
}

function firstLine(files: FileCache, file: string): Placement {
  const text = files.lines(file)[0] ?? '';
  return { file, range: { line: 1, column: 1, endLine: 1, endColumn: Math.max(1, text.trimEnd().length) + 1 } };
}

/** The document of a resource file that holds the object: by kind and name (prefixes and suffixes allowed), else by position among its kind. */
function resourceDocument(documents: readonly YamlDocument[], kind: string, renderedName: string, ordinal: () => number): YamlDocument | undefined {
  const sameKind = documents.filter((document) => isObject(document.value) && document.value.kind === kind);
  const exact = sameKind.find((document) => nameOf(document.value) === renderedName);
  if (exact) return exact;
  let best: { document: YamlDocument; length: number } | undefined;
  for (const document of sameKind) {
    const name = nameOf(document.value);
    if (name !== undefined && renderedName.includes(name) && (!best || name.length > best.length)) best = { document, length: name.length };
  }
  if (best) return best.document;
  return sameKind.length <= 1 ? sameKind[0] : sameKind[Math.min(ordinal(), sameKind.length - 1)];
}

export interface KustomizePlacement extends Placement {
  /** The resource file the object came from, even when the place shown is a patch. */
  resourceFile?: string;
}

/**
 * Where the field at `objectPath` of an object printed by `kustomize build <input>` is written.
 * `ordinal` gives the object's position among the objects of its kind from the same file, asked
 * for only when names cannot tell the file's objects apart.
 */
export function locateKustomized(files: FileCache, input: string, rendered: Json, objectPath: ObjectPath, on: HighlightTarget, ordinal: () => number): KustomizePlacement | undefined {
  const origin = readOriginAnnotation(rendered);
  const kind = typeof rendered.kind === 'string' ? rendered.kind : undefined;
  const renderedName = nameOf(rendered);
  if (!origin || origin.repo !== undefined || kind === undefined || renderedName === undefined) return undefined;
  const metadata = isObject(rendered.metadata) ? rendered.metadata : {};
  const object: BuiltObject = {
    kind,
    names: [renderedName],
    labels: isObject(metadata.labels) ? metadata.labels : {},
    annotations: isObject(metadata.annotations) ? metadata.annotations : {},
  };
  const chain = files.memo(`kustomize-chain:${input}`, () => kustomizationChain(files, input));

  if (origin.path === undefined) {
    if (origin.configuredIn === undefined) return undefined;
    const file = resolveOriginFile(files, input, origin.configuredIn, (candidate) => KUSTOMIZATION_NAMES.includes(path.basename(candidate)));
    const kustomization = file ? kustomizationIn(files, path.dirname(file)) : undefined;
    if (!file) return undefined;
    // Another generator (a Helm chart inflated by kustomize): the kustomization that configured it.
    return (kustomization && generatorFor(kustomization, object)) ?? firstLine(files, file);
  }

  const holder: { document?: YamlDocument } = {};
  const file = resolveOriginFile(files, input, origin.path, (candidate) => {
    holder.document = resourceDocument(files.yaml(candidate) ?? [], kind, renderedName, ordinal);
    return holder.document !== undefined;
  });
  const { document } = holder;
  if (!file || !document) {
    // The file is there but the object is not recognisable in it (a kind changed on the way): its first line, never another object's key.
    const existing = resolveOriginFile(files, input, origin.path, () => true);
    return existing === undefined ? undefined : { ...firstLine(files, existing), resourceFile: existing };
  }
  const writtenName = nameOf(document.value);
  if (writtenName !== undefined && writtenName !== renderedName) object.names.push(writtenName);

  const reachable = objectPath.slice(0, existingPrefixLength(rendered, objectPath));
  const complete = reachable.length === objectPath.length;
  const changed = complete ? patchFor(files, chain, object, rendered, document.value, objectPath, on) ?? transformerFor(chain, object, rendered, document.value, objectPath) : undefined;
  if (changed) return { ...changed, resourceFile: file };
  const mapped = mapPath(rendered, document.value, reachable);
  return { file, range: document.locator.rangeOf(mapped, mapped.length === objectPath.length ? on : 'value'), resourceFile: file };
}
