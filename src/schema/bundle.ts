import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaNode, type Properties, type SchemaNode } from './node.js';

/**
 * The bundled Kubernetes schemas, as scripts/gen-schemas.ts writes them under schemas/kubernetes/:
 *
 * - `index.json`: the bundled versions (oldest first; bit i of a version mask is versions[i]),
 *   the API groups Kubernetes itself serves, and per `apiVersion kind` the pool entry of its
 *   top-level definition with the versions it holds for; the table of removed and deprecated
 *   APIs; and where each pool entry's line starts in definitions.json, in bytes.
 * - `definitions.json`: the pool, one entry per line: `[name, versionMask, properties, required?,
 *   enums?]`. A property's type is an expression: `s` string, `i` int32, `l` int64, `n` number,
 *   `b` boolean, `B` base64 bytes, `t` date-time, `I` int-or-string, `q` quantity, `o` any object,
 *   `*` any value, `[X` a list of X, `{X` a map of X, `#n` pool entry n.
 *
 * Nothing is read until a rule asks, and a definition becomes a validator node only when an object
 * being checked has a field of that type: a run over one Deployment compiles the few dozen
 * definitions it touches, not the fourteen hundred in the pool.
 */

interface IndexFile {
  format: number;
  versions: string[];
  groups: string[];
  objectMeta: [number, number][];
  kinds: Record<string, [number, number][]>;
  apis: ApiLifecycle[];
  /** Byte offset in definitions.json of each pool entry's line, then of the line after the last. */
  offsets: number[];
}

type PoolEntry = [name: string, mask: number, properties: Record<string, string>, required?: string[] | 0, enums?: Record<string, string[]>];

/** An API version of a kind that is deprecated or removed, as the generator recorded it. */
export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  deprecated?: string;
  removed?: string;
  replacement?: string;
}

const FORMAT = 2;

function schemaDirectory(): string {
  // schemas/ is two folders above this module in the sources and in the bundled CLI (dist/cli/), three in dist/src/.
  for (const relative of ['../../schemas/kubernetes/', '../../../schemas/kubernetes/']) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${candidate}index.json`)) return candidate;
  }
  throw new Error('kubegate could not find its bundled Kubernetes schemas (schemas/kubernetes/index.json); reinstall it');
}

let index: IndexFile | undefined;
const poolEntries = new Map<number, PoolEntry>();

function readJson<T extends { format: number }>(file: string): T {
  const parsed = JSON.parse(readFileSync(`${schemaDirectory()}${file}`, 'utf8')) as T;
  if (parsed.format !== FORMAT) throw new Error(`schemas/kubernetes/${file} has format ${parsed.format}, kubegate reads ${FORMAT}; reinstall it`);
  return parsed;
}

export function bundleIndex(): IndexFile {
  return (index ??= readJson<IndexFile>('index.json'));
}

let definitionBytes: Buffer | undefined;

/**
 * The pool, as bytes: the generator writes one entry per line and the index says where each line
 * starts, so an entry is decoded and parsed when a lookup first needs it. A run over one
 * Deployment reads the few dozen entries it reaches, not the fourteen hundred in the file.
 */
function definitions(): Buffer {
  if (!definitionBytes) {
    const bytes = readFileSync(`${schemaDirectory()}definitions.json`);
    if (!bytes.toString('utf8', 0, 64).includes(`"format": ${FORMAT},`)) throw new Error(`schemas/kubernetes/definitions.json is not in format ${FORMAT}; reinstall kubegate`);
    definitionBytes = bytes;
  }
  return definitionBytes;
}

function poolCount(): number {
  return bundleIndex().offsets.length - 1;
}

function poolLine(id: number, length?: number): string {
  const { offsets } = bundleIndex();
  const start = offsets[id];
  const next = offsets[id + 1];
  if (start === undefined || next === undefined) throw new Error(`schemas/kubernetes/definitions.json has no entry ${id}`);
  return definitions().toString('utf8', start, length === undefined ? next - 1 : Math.min(start + length, next - 1));
}

function poolEntry(id: number): PoolEntry {
  let entry = poolEntries.get(id);
  if (!entry) {
    const line = poolLine(id);
    if (!line.startsWith('[')) throw new Error(`schemas/kubernetes/definitions.json does not match its index at entry ${id}; reinstall kubegate`);
    entry = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as PoolEntry;
    poolEntries.set(id, entry);
  }
  return entry;
}

/** The Kubernetes minor versions bundled, oldest first. */
export function bundledVersions(): readonly string[] {
  return bundleIndex().versions;
}

const SCALARS: Readonly<Record<string, SchemaNode>> = {
  s: schemaNode({ kind: 'string' }),
  i: schemaNode({ kind: 'integer', format: 'int32' }),
  l: schemaNode({ kind: 'integer', format: 'int64' }),
  n: schemaNode({ kind: 'number' }),
  b: schemaNode({ kind: 'boolean' }),
  B: schemaNode({ kind: 'string', format: 'byte' }),
  t: schemaNode({ kind: 'string', format: 'date-time' }),
  I: schemaNode({ kind: 'int-or-string' }),
  q: schemaNode({ kind: 'quantity' }),
  o: schemaNode({ kind: 'free-object' }),
  '*': schemaNode({ kind: 'any' }),
};

const nodes = new Map<number, SchemaNode>();
const expressions = new Map<string, SchemaNode>();

function compile(expression: string): SchemaNode {
  let node = expressions.get(expression);
  if (node) return node;
  const head = expression[0]!;
  if (head === '[') node = schemaNode({ kind: 'array', items: compile(expression.slice(1)) });
  else if (head === '{') node = schemaNode({ kind: 'object', properties: NO_PROPERTIES, additional: compile(expression.slice(1)) });
  else if (head === '#') node = poolNode(Number(expression.slice(1)));
  else node = SCALARS[expression];
  if (!node) throw new Error(`schemas/kubernetes/definitions.json: unknown type expression ${expression}`);
  expressions.set(expression, node);
  return node;
}

const NO_PROPERTIES: Properties = { get: () => undefined, names: () => [] };

/** A definition's fields, each compiled on first lookup. */
class LazyProperties implements Properties {
  private readonly resolved = new Map<string, SchemaNode | null>();
  private list: string[] | undefined;

  constructor(
    private readonly raw: Record<string, string>,
    private readonly enums: Record<string, string[]> | undefined,
  ) {}

  get(name: string): SchemaNode | undefined {
    let node = this.resolved.get(name);
    if (node === undefined) {
      const expression = Object.hasOwn(this.raw, name) ? this.raw[name]! : undefined;
      node = expression === undefined ? null : withEnum(compile(expression), this.enums?.[name]);
      this.resolved.set(name, node);
    }
    return node ?? undefined;
  }

  names(): readonly string[] {
    return (this.list ??= Object.keys(this.raw));
  }
}

/** A field with listed values: the values apply to the string, or to each string of a list. */
function withEnum(node: SchemaNode, values: readonly string[] | undefined): SchemaNode {
  if (!values) return node;
  // The empty string is how a manifest leaves such a field unset; the API server defaults it.
  const allowed = ['', ...values];
  if (node.kind === 'array' && node.items) return schemaNode({ ...node, items: schemaNode({ ...node.items, enum: allowed }) });
  return schemaNode({ ...node, enum: allowed });
}

function poolNode(id: number): SchemaNode {
  let node = nodes.get(id);
  if (node) return node;
  const [definition, , properties, required, enums] = poolEntry(id);
  node = schemaNode({ kind: 'object', definition, properties: new LazyProperties(properties, enums), required: required || undefined });
  nodes.set(id, node);
  return node;
}

function pickForVersion(entries: readonly [number, number][] | undefined, versionIndex: number): number | undefined {
  if (!entries) return undefined;
  const bit = 1 << versionIndex;
  return entries.find(([, mask]) => (mask & bit) !== 0)?.[0];
}

/** The schema of a built-in kind at a bundled version (its index in `bundledVersions()`), or undefined when that version does not serve it. */
export function kindSchema(apiVersion: string, kind: string, versionIndex: number): SchemaNode | undefined {
  const id = pickForVersion(bundleIndex().kinds[`${apiVersion} ${kind}`], versionIndex);
  return id === undefined ? undefined : poolNode(id);
}

/** ObjectMeta at a bundled version, for the metadata of custom resources. */
export function objectMetaSchema(versionIndex: number): SchemaNode {
  const id = pickForVersion(bundleIndex().objectMeta, versionIndex);
  if (id === undefined) throw new Error(`schemas/kubernetes/index.json has no ObjectMeta for ${bundledVersions()[versionIndex]}`);
  return poolNode(id);
}

/** The bundled versions an `apiVersion kind` is served in (empty when none). */
export function servedVersions(apiVersion: string, kind: string): readonly string[] {
  const key = `${apiVersion} ${kind}`;
  let served = servedCache.get(key);
  if (!served) {
    const mask = (bundleIndex().kinds[key] ?? []).reduce((all, [, bits]) => all | bits, 0);
    served = bundledVersions().filter((_, i) => (mask & (1 << i)) !== 0);
    servedCache.set(key, served);
  }
  return served;
}

const servedCache = new Map<string, readonly string[]>();

/** Every `apiVersion kind` the bundled specs serve in some version. */
export function knownKinds(): readonly string[] {
  return Object.keys(bundleIndex().kinds);
}

/** Whether an API group is Kubernetes' own (served by the API server, never by a CRD). */
export function isBuiltinGroup(group: string): boolean {
  return builtinGroups().has(group);
}

let groups: Set<string> | undefined;
function builtinGroups(): Set<string> {
  return (groups ??= new Set(bundleIndex().groups));
}

/**
 * The bundled versions whose variant of a definition has a field: for "not a field in 1.30, it is
 * in 1.33 and later". Empty when no version has it.
 */
export function versionsWithField(definition: string, field: string): string[] {
  let mask = 0;
  const prefix = `[${JSON.stringify(definition)},`;
  for (let id = 0; id < poolCount(); id++) {
    if (poolLine(id, Buffer.byteLength(prefix)) !== prefix) continue;
    const [, bits, properties] = poolEntry(id);
    if (Object.hasOwn(properties, field)) mask |= bits;
  }
  return bundledVersions().filter((_, i) => (mask & (1 << i)) !== 0);
}
