import type { ObjectPath, PathSegment } from '../core/types.js';
import type { ResourceIndex } from '../model/index.js';
import type { Resource } from '../model/resource.js';
import { ANY, schemaNode, type Properties, type SchemaNode, type ValueChecks } from './node.js';
import { isPlainObject } from './validate.js';

export const CRD_KIND = 'apiextensions.k8s.io/CustomResourceDefinition';

/** One version a CustomResourceDefinition declares, with where its schema sits in the CRD. */
export interface CrdVersion {
  name: string;
  served: boolean;
  /** The `openAPIV3Schema`, undefined when the version has none. */
  schema: unknown;
  schemaPath: ObjectPath;
}

export interface CrdInfo {
  resource: Resource;
  group: string;
  kind: string;
  /** `apiextensions.k8s.io/v1`: schemas must be structural and unknown fields are pruned. */
  v1: boolean;
  /** v1beta1's `preserveUnknownFields` (true unless set false): fields outside the schema are kept, not errors. */
  preserveUnknownFields: boolean;
  versions: CrdVersion[];
}

const infos = new WeakMap<Resource, CrdInfo | null>();

/** What a CRD resource declares, or undefined when it is too incomplete to define anything. */
export function readCrd(resource: Resource): CrdInfo | undefined {
  let info = infos.get(resource);
  if (info === undefined) {
    info = parseCrd(resource) ?? null;
    infos.set(resource, info);
  }
  return info ?? undefined;
}

function parseCrd(resource: Resource): CrdInfo | undefined {
  const spec = resource.object.spec;
  if (!isPlainObject(spec) || typeof spec.group !== 'string') return undefined;
  const names = spec.names;
  if (!isPlainObject(names) || typeof names.kind !== 'string') return undefined;
  const v1 = resource.apiVersion === 'apiextensions.k8s.io/v1';
  const versions: CrdVersion[] = [];
  const shared = isPlainObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  if (Array.isArray(spec.versions)) {
    spec.versions.forEach((version: unknown, i) => {
      if (!isPlainObject(version) || typeof version.name !== 'string') return;
      const own = isPlainObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
      versions.push({
        name: version.name,
        served: version.served !== false,
        schema: own ?? (v1 ? undefined : shared),
        schemaPath: own !== undefined ? ['spec', 'versions', i, 'schema', 'openAPIV3Schema'] : ['spec', 'validation', 'openAPIV3Schema'],
      });
    });
  } else if (!v1 && typeof spec.version === 'string') {
    versions.push({ name: spec.version, served: true, schema: shared, schemaPath: ['spec', 'validation', 'openAPIV3Schema'] });
  }
  return { resource, group: spec.group, kind: names.kind, v1, preserveUnknownFields: !v1 && spec.preserveUnknownFields !== false, versions };
}

/** A reason the API server rejects a CRD's schema, at a path inside the CRD. */
export interface SchemaDefect {
  path: ObjectPath;
  message: string;
}

const TYPES = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);
const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['$ref', '$ref is not supported'],
  ['id', 'id is not supported'],
  ['additionalItems', 'additionalItems is not supported'],
  ['patternProperties', 'patternProperties is not supported'],
  ['definitions', 'definitions is not supported'],
  ['dependencies', 'dependencies is not supported'],
]);
/** What a schema under allOf, anyOf, oneOf or not may not say: it may only restrict values. */
const NOT_IN_JUNCTORS: readonly [string, string][] = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
];

type Level = 'root' | 'field' | 'item';

/**
 * Why the API server would reject an `apiextensions.k8s.io/v1` schema: the rules of a structural
 * schema (a type everywhere but where int-or-string or preserve-unknown-fields stands for one,
 * items for every array, junctors that only restrict values, metadata limited to name and
 * generateName) and the OpenAPI features CRDs do not support. Custom resources of a CRD with such
 * a schema are never validated: the CRD itself would not be created.
 */
export function schemaDefects(schema: unknown, at: ObjectPath): SchemaDefect[] {
  if (schema === undefined) return [{ path: at, message: 'the version has no schema (versions[].schema.openAPIV3Schema is required)' }];
  const walk = new SchemaWalk(at);
  walk.schema(schema, 'root', false, 0);
  return walk.defects;
}

const INT_OR_STRING_PATTERN = (list: unknown): boolean =>
  Array.isArray(list) && list.length === 2 && isPlainObject(list[0]) && isPlainObject(list[1]) && list[0].type === 'integer' && list[1].type === 'string' && Object.keys(list[0]).length === 1 && Object.keys(list[1]).length === 1;

/**
 * One walk over a schema, with the path kept as a stack: the largest CRDs hold a hundred
 * thousand schema nodes, and a path copied at every node would cost more than the checks.
 */
class SchemaWalk {
  readonly defects: SchemaDefect[] = [];
  private readonly path: PathSegment[];

  constructor(at: ObjectPath) {
    this.path = [...at];
  }

  private add(message: string, ...suffix: PathSegment[]): void {
    this.defects.push({ path: [...this.path, ...suffix], message });
  }

  private enter(a: PathSegment, b?: PathSegment): void {
    this.path.push(a);
    if (b !== undefined) this.path.push(b);
  }

  private leave(count: number): void {
    this.path.length -= count;
  }

  schema(raw: unknown, level: Level, embeddedContext: boolean, depth: number): void {
    if (depth > 100) return;
    if (!isPlainObject(raw)) return this.add('a schema must be a mapping');
    // One pass over the keys a schema has (a handful), instead of asking it for the two dozen a
    // schema may have: on the largest CRDs the absent ones were most of the cost.
    let type: unknown;
    let intOrString = false;
    let preserve: unknown;
    let embedded = false;
    let properties: Record<string, unknown> | undefined;
    let additional: unknown;
    let items: unknown;
    let listType: unknown;
    let listMapKeys: unknown;
    let mapType: unknown;
    let junctors = false;
    for (const key in raw) {
      const value = raw[key];
      switch (key) {
        case 'type':
          type = value;
          break;
        case 'x-kubernetes-int-or-string':
          intOrString = value === true;
          break;
        case 'x-kubernetes-preserve-unknown-fields':
          preserve = value;
          break;
        case 'x-kubernetes-embedded-resource':
          embedded = value === true;
          break;
        case 'properties':
          if (isPlainObject(value)) properties = value;
          break;
        case 'additionalProperties':
          additional = value;
          break;
        case 'items':
          items = value;
          break;
        case 'x-kubernetes-list-type':
          listType = value;
          break;
        case 'x-kubernetes-list-map-keys':
          listMapKeys = value;
          break;
        case 'x-kubernetes-map-type':
          mapType = value;
          break;
        case 'uniqueItems':
          if (value === true) this.add('uniqueItems cannot be true (its cost is quadratic)', 'uniqueItems');
          break;
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
        case 'not':
          junctors = true;
          break;
        default: {
          const unsupported = UNSUPPORTED.get(key);
          if (unsupported !== undefined && value !== undefined) this.add(unsupported, key);
        }
      }
    }
    if (type !== undefined && (typeof type !== 'string' || !TYPES.has(type))) this.add(type === 'null' ? 'type cannot be null; use nullable: true' : `type ${JSON.stringify(type)} is not one of array, boolean, integer, number, object, string`, 'type');
    if (preserve === false) this.add('x-kubernetes-preserve-unknown-fields must be true or left out', 'x-kubernetes-preserve-unknown-fields');
    if (intOrString && preserve === true) this.add('must be false when x-kubernetes-int-or-string is true', 'x-kubernetes-preserve-unknown-fields');
    if (intOrString && embedded) this.add('must be false when x-kubernetes-int-or-string is true', 'x-kubernetes-embedded-resource');
    if (embeddedContext && embedded) this.add('must not be used inside resource metadata', 'x-kubernetes-embedded-resource');
    if (embedded && type !== 'object') this.add('type must be object when x-kubernetes-embedded-resource is true', 'type');
    else if ((type === undefined || type === '') && !intOrString && preserve !== true) {
      this.add(level === 'root' ? 'type is missing (the root must be type: object)' : level === 'item' ? 'type is missing for the array items' : 'type is missing (every field needs one, unless it is int-or-string or preserves unknown fields)');
    }
    if (level === 'root' && typeof type === 'string' && type !== '' && type !== 'object') this.add('type must be object at the root', 'type');

    if (additional !== undefined) {
      if (level === 'root') this.add('additionalProperties must not be used at the root', 'additionalProperties');
      if (embedded) this.add('additionalProperties must not be used with x-kubernetes-embedded-resource', 'additionalProperties');
      if (properties && Object.keys(properties).length > 0 && (additional === false || isPlainObject(additional))) this.add('additionalProperties and properties are mutually exclusive', 'additionalProperties');
      if (isPlainObject(additional)) {
        this.enter('additionalProperties');
        this.schema(additional, 'field', false, depth + 1);
        this.leave(1);
      }
    }
    if (embedded && preserve !== true && (!properties || Object.keys(properties).length === 0)) this.add('an embedded resource without x-kubernetes-preserve-unknown-fields needs properties');

    if (type === 'array') {
      if (items === undefined) this.add('items is missing (an array needs it)');
      else if (Array.isArray(items)) this.add('items must be one schema, not a list', 'items');
      else {
        this.enter('items');
        this.schema(items, 'item', false, depth + 1);
        this.leave(1);
      }
    } else if (isPlainObject(items)) {
      this.enter('items');
      this.schema(items, 'item', false, depth + 1);
      this.leave(1);
    }
    if (listType !== undefined) {
      if (type !== 'array') this.add('type must be array when x-kubernetes-list-type is set', 'type');
      if (listType !== 'atomic' && listType !== 'set' && listType !== 'map') this.add(`x-kubernetes-list-type ${JSON.stringify(listType)} is not one of atomic, set, map`, 'x-kubernetes-list-type');
      if (listType === 'map' && !(Array.isArray(listMapKeys) && listMapKeys.length > 0)) this.add('a list of type map needs x-kubernetes-list-map-keys');
    }
    if (mapType !== undefined) {
      if (type !== 'object') this.add('type must be object when x-kubernetes-map-type is set', 'type');
      if (mapType !== 'atomic' && mapType !== 'granular') this.add(`x-kubernetes-map-type ${JSON.stringify(mapType)} is not one of atomic, granular`, 'x-kubernetes-map-type');
    }

    const resourceMeta = level === 'root' || embedded;
    if (properties) {
      for (const name in properties) {
        const child = properties[name];
        this.enter('properties', name);
        if (resourceMeta && isPlainObject(child)) {
          if ((name === 'kind' || name === 'apiVersion') && child.type !== 'string') this.add(`${name} must be type: string`, 'type');
          if (name === 'metadata' && child.type !== 'object') this.add('metadata must be type: object', 'type');
          if (name === 'metadata' && level === 'root') {
            const restricted = isPlainObject(child.properties) ? Object.keys(child.properties) : [];
            const extra = restricted.filter((field) => field !== 'name' && field !== 'generateName');
            if (extra.length > 0) this.add(`metadata may only restrict name and generateName (not ${extra.join(', ')}); the API server supplies the rest`, 'properties');
          }
        }
        this.schema(child, 'field', embeddedContext || (resourceMeta && name === 'metadata'), depth + 1);
        this.leave(2);
      }
    }
    if (!junctors) return;
    for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = raw[junctor];
      if (!Array.isArray(list) || (junctor === 'anyOf' && INT_OR_STRING_PATTERN(list))) continue;
      list.forEach((part, i) => {
        const skipAnyOf = junctor === 'allOf' && i === 0 && isPlainObject(part) && INT_OR_STRING_PATTERN(part.anyOf);
        this.enter(junctor, i);
        this.nested(part, skipAnyOf, depth + 1);
        this.leave(2);
      });
    }
    if (raw.not !== undefined) {
      this.enter('not');
      this.nested(raw.not, false, depth + 1);
      this.leave(1);
    }
  }

  /** A schema under a junctor: value validations only, recursively. */
  private nested(raw: unknown, skipAnyOf: boolean, depth: number): void {
    if (depth > 100 || !isPlainObject(raw)) return;
    for (const [key, message] of NOT_IN_JUNCTORS) {
      const value = raw[key];
      if (value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      this.add(`${key} ${message} (under allOf, anyOf, oneOf and not a schema may only restrict values)`, key);
    }
    if (raw.nullable === true) this.add('nullable must be false to be structural (under allOf, anyOf, oneOf and not a schema may only restrict values)', 'nullable');
    const properties = raw.properties;
    if (isPlainObject(properties)) {
      if (properties.metadata !== undefined) this.add('metadata must not be restricted in a nested context', 'properties', 'metadata');
      for (const name in properties) {
        this.enter('properties', name);
        this.nested(properties[name], false, depth + 1);
        this.leave(2);
      }
    }
    if (raw.items !== undefined) {
      this.enter('items');
      this.nested(raw.items, false, depth + 1);
      this.leave(1);
    }
    for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = raw[junctor];
      if (!Array.isArray(list) || (junctor === 'anyOf' && skipAnyOf)) continue;
      list.forEach((part, i) => {
        this.enter(junctor, i);
        this.nested(part, false, depth + 1);
        this.leave(2);
      });
    }
    if (raw.not !== undefined) {
      this.enter('not');
      this.nested(raw.not, false, depth + 1);
      this.leave(1);
    }
  }
}

const nodeCache = new WeakMap<CrdInfo, Map<string, SchemaNode>>();

/**
 * The validator node for a custom resource of one version of a CRD. The root's apiVersion, kind
 * and metadata are the API server's own (metadata as ObjectMeta, whatever the CRD restricts).
 */
export function customResourceSchema(info: CrdInfo, version: CrdVersion, objectMeta: SchemaNode): SchemaNode {
  let byVersion = nodeCache.get(info);
  if (!byVersion) nodeCache.set(info, (byVersion = new Map()));
  let node = byVersion.get(version.name);
  if (!node) {
    const converted = convert(version.schema, info.preserveUnknownFields, objectMeta, 0);
    const root = isPlainObject(version.schema) && isPlainObject(version.schema.properties) ? version.schema.properties : {};
    const fixed = new Map([['apiVersion', STRING], ['kind', STRING], ['metadata', objectMeta]]);
    node = schemaNode({ ...converted, kind: 'object', properties: new CrdProperties(root, fixed, (child) => convert(child, info.preserveUnknownFields, objectMeta, 1)) });
    byVersion.set(version.name, node);
  }
  return node;
}

const STRING: SchemaNode = schemaNode({ kind: 'string' });

/**
 * A CRD schema's fields, each converted on first lookup: the largest CRDs describe thousands of
 * fields, and a custom resource sets a few of them. `fixed` are the fields the API server defines
 * itself (apiVersion, kind, metadata), whatever the schema says.
 */
class CrdProperties implements Properties {
  private readonly resolved = new Map<string, SchemaNode | null>();
  private list: string[] | undefined;

  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly fixed: ReadonlyMap<string, SchemaNode> | undefined,
    private readonly convertOne: (raw: unknown) => SchemaNode,
  ) {}

  get(name: string): SchemaNode | undefined {
    const fixed = this.fixed?.get(name);
    if (fixed) return fixed;
    let node = this.resolved.get(name);
    if (node === undefined) {
      node = Object.hasOwn(this.raw, name) ? this.convertOne(this.raw[name]) : null;
      this.resolved.set(name, node);
    }
    return node ?? undefined;
  }

  names(): readonly string[] {
    return (this.list ??= [...new Set([...Object.keys(this.raw), ...(this.fixed?.keys() ?? [])])]);
  }
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function compilePattern(source: unknown): ValueChecks['pattern'] {
  if (typeof source !== 'string') return undefined;
  // Go's RE2 and JavaScript agree on the patterns CRDs use; one JavaScript cannot read is not checked.
  for (const flags of ['u', '']) {
    try {
      return { source, regex: new RegExp(source, flags) };
    } catch {
      // Try without the unicode flag, which is stricter about escapes.
    }
  }
  return undefined;
}

function convert(raw: unknown, lenient: boolean, objectMeta: SchemaNode, depth: number): SchemaNode {
  if (!isPlainObject(raw) || depth > 100) return ANY;
  const type = raw.type;
  const preserve = lenient || raw['x-kubernetes-preserve-unknown-fields'] === true;
  let node: SchemaNode;
  if (raw['x-kubernetes-int-or-string'] === true) node = { kind: 'int-or-string' };
  else if (type === 'object' || (type === undefined && isPlainObject(raw.properties))) {
    node = { kind: 'object' };
    const raws = isPlainObject(raw.properties) ? raw.properties : {};
    let fixed: Map<string, SchemaNode> | undefined;
    if (raw['x-kubernetes-embedded-resource'] === true) {
      fixed = new Map([['metadata', objectMeta]]);
      if (raws.apiVersion === undefined) fixed.set('apiVersion', STRING);
      if (raws.kind === undefined) fixed.set('kind', STRING);
      node.embedded = true;
      node.required = ['apiVersion', 'kind'];
    }
    node.properties = new CrdProperties(raws, fixed, (child) => convert(child, lenient, objectMeta, depth + 1));
    const additional = raw.additionalProperties;
    if (isPlainObject(additional)) node.additional = convert(additional, lenient, objectMeta, depth + 1);
    else if (additional === true) node.additional = ANY;
    if (preserve) node.preserveUnknown = true;
    if (Array.isArray(raw.required)) {
      const required = raw.required.filter((field): field is string => typeof field === 'string');
      if (required.length > 0) node.required = [...(node.required ?? []), ...required];
    }
  } else if (type === 'array') {
    node = { kind: 'array', items: isPlainObject(raw.items) ? convert(raw.items, lenient, objectMeta, depth + 1) : ANY };
  } else if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') {
    node = { kind: type };
  } else {
    node = { kind: 'any' };
  }
  if (Array.isArray(raw.enum)) node.enum = raw.enum;
  if (raw.nullable === true) node.nullable = true;
  const checks: ValueChecks = {};
  const pattern = compilePattern(raw.pattern);
  if (pattern) checks.pattern = pattern;
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    const value = number(raw[key]);
    if (value !== undefined) checks[key] = value;
  }
  if (raw.exclusiveMinimum === true) checks.exclusiveMinimum = true;
  if (raw.exclusiveMaximum === true) checks.exclusiveMaximum = true;
  if (raw.uniqueItems === true) checks.uniqueItems = true;
  if (Object.keys(checks).length > 0) node.checks = checks;
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = raw[junctor];
    if (Array.isArray(list) && list.length > 0) node[junctor] = list.map((part) => junctorPart(part, type, lenient, objectMeta, depth + 1));
  }
  if (raw.not !== undefined) node.not = junctorPart(raw.not, type, lenient, objectMeta, depth + 1);
  return schemaNode(node);
}

/**
 * A junctor's branch restricts the value its schema describes, so it has that schema's type
 * (structural schemas leave it out there), and it never makes a field unknown, whatever
 * properties it names: `oneOf: [{required: [a]}, {required: [b]}]` on an object.
 */
function junctorPart(raw: unknown, outerType: unknown, lenient: boolean, objectMeta: SchemaNode, depth: number): SchemaNode {
  const typed = isPlainObject(raw) && raw.type === undefined && typeof outerType === 'string' ? { ...raw, type: outerType } : raw;
  const node = convert(typed, lenient, objectMeta, depth);
  return node.kind === 'object' ? schemaNode({ ...node, preserveUnknown: true }) : node;
}

interface Registry {
  byKind: Map<string, CrdInfo>;
  byGroup: Map<string, CrdInfo[]>;
}

const registries = new WeakMap<ResourceIndex, Registry>();

/**
 * The CRDs a run knows, by group and kind: those in the input first, then those given with
 * `--crds`. Built once per index.
 */
function registry(index: ResourceIndex): Registry {
  let found = registries.get(index);
  if (!found) {
    found = { byKind: new Map(), byGroup: new Map() };
    for (const resource of [...index.ofKind(CRD_KIND), ...index.customResourceDefinitions]) {
      const info = readCrd(resource);
      if (!info) continue;
      const key = `${info.group}/${info.kind}`;
      if (found.byKind.has(key)) continue;
      found.byKind.set(key, info);
      const group = found.byGroup.get(info.group);
      if (group) group.push(info);
      else found.byGroup.set(info.group, [info]);
    }
    registries.set(index, found);
  }
  return found;
}

export function crdFor(index: ResourceIndex, group: string, kind: string): CrdInfo | undefined {
  return registry(index).byKind.get(`${group}/${kind}`);
}

/** Every CRD the run knows in an API group. */
export function crdsOfGroup(index: ResourceIndex, group: string): readonly CrdInfo[] {
  return registry(index).byGroup.get(group) ?? [];
}
