import type { ObjectPath, PathSegment } from '../core/types.js';
import { parseQuantityParts } from '../model/quantity.js';
import type { SchemaNode } from './node.js';

/**
 * What is wrong with a value against its schema, one problem per mistake: a value of the wrong
 * type is reported once and not looked into, an unknown field is not looked into, the missing
 * fields of one object are one problem. Paths are relative to what was validated.
 */
export type SchemaProblem =
  | { type: 'unknownField'; path: ObjectPath; field: string; parent: SchemaNode }
  | { type: 'invalidType'; path: ObjectPath; node: SchemaNode; value: unknown }
  | { type: 'invalidFormat'; path: ObjectPath; format: 'byte' | 'date-time' | 'quantity' | 'int32'; value: unknown }
  | { type: 'missingRequired'; path: ObjectPath; fields: string[]; parent: SchemaNode }
  | { type: 'invalidEnum'; path: ObjectPath; value: unknown; allowed: readonly unknown[] }
  | { type: 'invalidValue'; path: ObjectPath; value: unknown; reason: string };

/**
 * YAML aliases let a small file expand into billions of values, all of them a few objects seen
 * over and over. Past this many values in one object (a real one stays far below, the largest
 * CRDs included) each mapping and list is walked once however often it recurs; and past the
 * budget, or with this many problems found, the rest is left unchecked.
 */
const SHARED_AFTER = 200_000;
const BUDGET = 2_000_000;
const MAX_PROBLEMS = 500;
const MAX_DEPTH = 200;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// RFC 3339, as Go's time.Parse reads it for metav1.Time (seconds required, zone required).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const PLACEHOLDER = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-=?+][^}]*)?\}|\$[A-Z_][A-Z0-9_]*|<[^<>]+>)$/;

/** A whole value that is a substitution placeholder: `${NAME}`, `${NAME:-default}`, `$NAME`, `<fill me in>`. */
export function isPlaceholder(value: string): boolean {
  return value.length > 2 && (value.charCodeAt(0) === 36 || value.charCodeAt(0) === 60) && PLACEHOLDER.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Walk {
  readonly problems: SchemaProblem[] = [];
  private readonly path: PathSegment[] = [];
  private visits = 0;
  private seen: WeakSet<object> | undefined;

  constructor(basePath: ObjectPath) {
    this.path.push(...basePath);
  }

  private report(problem: SchemaProblem): void {
    // A placeholder for envsubst or an editor (`${REPLICAS:-1}`, `<your-port>`) is filled in
    // before the manifest is applied, and the field gets its real value then. Asked only of a
    // value that fails, so the values that pass pay nothing for it.
    if (problem.type !== 'unknownField' && problem.type !== 'missingRequired' && typeof problem.value === 'string' && isPlaceholder(problem.value)) return;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  private here(): ObjectPath {
    return [...this.path];
  }

  value(node: SchemaNode, value: unknown, depth: number): void {
    if (++this.visits > BUDGET || depth > MAX_DEPTH || this.problems.length >= MAX_PROBLEMS) return;
    if (this.visits > SHARED_AFTER && typeof value === 'object' && value !== null) {
      this.seen ??= new WeakSet();
      if (this.seen.has(value)) return;
      this.seen.add(value);
    }
    // A null is the absence of a value to the API server (it decodes to the zero value, and a CRD
    // prunes it), unless the schema says null is a value of its own.
    if (value === null || value === undefined) return;
    switch (node.kind) {
      case 'any':
        break;
      case 'free-object':
        if (!isPlainObject(value)) this.report({ type: 'invalidType', path: this.here(), node, value });
        return;
      case 'object':
        if (!isPlainObject(value)) return this.report({ type: 'invalidType', path: this.here(), node, value });
        this.object(node, value, depth);
        break;
      case 'array':
        if (!Array.isArray(value)) return this.report({ type: 'invalidType', path: this.here(), node, value });
        if (node.items) {
          const items = node.items;
          const plain = items.plain;
          for (let i = 0; i < value.length; i++) {
            const item = value[i];
            if (plain !== undefined && (plain === '*' || typeof item === plain)) {
              this.visits++;
              continue;
            }
            this.path.push(i);
            this.value(items, item, depth + 1);
            this.path.pop();
          }
        }
        break;
      case 'string':
        if (typeof value !== 'string') return this.report({ type: 'invalidType', path: this.here(), node, value });
        // Go's base64 decoding skips line breaks (a certificate wrapped at 76 columns), nothing else.
        if (node.format === 'byte' && !BASE64.test(value.replace(/[\r\n]/g, ''))) return this.report({ type: 'invalidFormat', path: this.here(), format: 'byte', value });
        if (node.format === 'date-time' && value !== '' && !DATE_TIME.test(value)) return this.report({ type: 'invalidFormat', path: this.here(), format: 'date-time', value });
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return this.report({ type: 'invalidType', path: this.here(), node, value });
        if (node.format === 'int32' && (value < INT32_MIN || value > INT32_MAX)) return this.report({ type: 'invalidFormat', path: this.here(), format: 'int32', value });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return this.report({ type: 'invalidType', path: this.here(), node, value });
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return this.report({ type: 'invalidType', path: this.here(), node, value });
        break;
      case 'int-or-string':
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) return this.report({ type: 'invalidType', path: this.here(), node, value });
        break;
      case 'quantity':
        if (typeof value !== 'string' && typeof value !== 'number') return this.report({ type: 'invalidType', path: this.here(), node, value });
        if (parseQuantityParts(value) === undefined) return this.report({ type: 'invalidFormat', path: this.here(), format: 'quantity', value });
        break;
    }
    if (node.enum && !node.enum.some((allowed) => sameValue(allowed, value))) return this.report({ type: 'invalidEnum', path: this.here(), value, allowed: node.enum });
    if (node.checks || node.allOf || node.anyOf || node.oneOf || node.not) this.valueChecks(node, value, depth);
  }

  private object(node: SchemaNode, value: Record<string, unknown>, depth: number): void {
    const properties = node.properties;
    for (const key in value) {
      const child = properties?.get(key) ?? node.additional;
      const item = value[key];
      const plain = child?.plain;
      if (plain !== undefined && (plain === '*' || typeof item === plain)) {
        this.visits++;
        continue;
      }
      this.path.push(key);
      if (child) this.value(child, item, depth + 1);
      else if (!node.preserveUnknown) this.report({ type: 'unknownField', path: this.here(), field: key, parent: node });
      this.path.pop();
    }
    if (node.required) {
      let missing: string[] | undefined;
      for (const field of node.required) {
        const present = Object.hasOwn(value, field) && (value[field] !== null || properties?.get(field)?.nullable === true);
        if (!present) (missing ??= []).push(field);
      }
      if (missing) this.report({ type: 'missingRequired', path: this.here(), fields: missing, parent: node });
    }
  }

  /** CRD value validations: bounds, lengths, patterns, and the junctors over them. */
  private valueChecks(node: SchemaNode, value: unknown, depth: number): void {
    const reason = checkValue(node, value);
    if (reason) return this.report({ type: 'invalidValue', path: this.here(), value, reason });
    for (const part of node.allOf ?? []) {
      const failed = firstFailure(part, value, depth);
      if (failed) return this.report({ type: 'invalidValue', path: this.here(), value, reason: failed });
    }
    if (node.anyOf && !node.anyOf.some((part) => !firstFailure(part, value, depth))) {
      return this.report({ type: 'invalidValue', path: this.here(), value, reason: `matches none of the ${node.anyOf.length} forms the schema allows (anyOf)` });
    }
    if (node.oneOf) {
      const matching = node.oneOf.filter((part) => !firstFailure(part, value, depth)).length;
      if (matching !== 1) return this.report({ type: 'invalidValue', path: this.here(), value, reason: matching === 0 ? `matches none of the ${node.oneOf.length} forms the schema allows (oneOf)` : `matches ${matching} of the forms the schema allows, and must match exactly one (oneOf)` });
    }
    if (node.not && !firstFailure(node.not, value, depth)) this.report({ type: 'invalidValue', path: this.here(), value, reason: 'matches a form the schema forbids (not)' });
  }
}

/** Why a value fails a junctor's branch, in words, or undefined when it passes. */
function firstFailure(node: SchemaNode, value: unknown, depth: number): string | undefined {
  const walk = new Walk([]);
  walk.value(node, value, depth + 1);
  const problem = walk.problems[0];
  if (!problem) return undefined;
  switch (problem.type) {
    case 'invalidValue':
      return problem.reason;
    case 'invalidEnum':
      return `must be one of ${problem.allowed.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    case 'missingRequired':
      return `needs ${problem.fields.join(', ')}`;
    case 'invalidType':
      return `must be ${expectedOf(problem.node)}`;
    default:
      return 'does not match';
  }
}

function checkValue(node: SchemaNode, value: unknown): string | undefined {
  const checks = node.checks;
  if (!checks) return undefined;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (checks.minLength !== undefined && length < checks.minLength) return `must be at least ${checks.minLength} character${checks.minLength === 1 ? '' : 's'} long`;
    if (checks.maxLength !== undefined && length > checks.maxLength) return `must be at most ${checks.maxLength} character${checks.maxLength === 1 ? '' : 's'} long`;
    if (checks.pattern && !checks.pattern.regex.test(value)) return `must match the pattern ${checks.pattern.source}`;
  }
  if (typeof value === 'number') {
    if (checks.minimum !== undefined && (checks.exclusiveMinimum ? value <= checks.minimum : value < checks.minimum)) return `must be ${checks.exclusiveMinimum ? 'greater than' : 'at least'} ${checks.minimum}`;
    if (checks.maximum !== undefined && (checks.exclusiveMaximum ? value >= checks.maximum : value > checks.maximum)) return `must be ${checks.exclusiveMaximum ? 'less than' : 'at most'} ${checks.maximum}`;
    if (checks.multipleOf !== undefined && checks.multipleOf > 0 && !Number.isInteger(Number((value / checks.multipleOf).toPrecision(12)))) return `must be a multiple of ${checks.multipleOf}`;
  }
  if (Array.isArray(value)) {
    if (checks.minItems !== undefined && value.length < checks.minItems) return `must have at least ${checks.minItems} item${checks.minItems === 1 ? '' : 's'}`;
    if (checks.maxItems !== undefined && value.length > checks.maxItems) return `must have at most ${checks.maxItems} item${checks.maxItems === 1 ? '' : 's'}`;
    if (checks.uniqueItems) {
      const seen = new Set<string>();
      for (const item of value) {
        const key = JSON.stringify(item);
        if (seen.has(key)) return `must not repeat an item (${key.length > 40 ? `${key.slice(0, 39)}…` : key} is there twice)`;
        seen.add(key);
      }
    }
  }
  if (isPlainObject(value)) {
    const count = Object.keys(value).length;
    if (checks.minProperties !== undefined && count < checks.minProperties) return `must have at least ${checks.minProperties} field${checks.minProperties === 1 ? '' : 's'}`;
    if (checks.maxProperties !== undefined && count > checks.maxProperties) return `must have at most ${checks.maxProperties} field${checks.maxProperties === 1 ? '' : 's'}`;
  }
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `value` against `node`; problem paths start with `basePath`. */
export function validate(node: SchemaNode, value: unknown, basePath: ObjectPath = []): SchemaProblem[] {
  const walk = new Walk(basePath);
  walk.value(node, value, 0);
  return walk.problems;
}

/** What a node wants, in words: "an integer", "a list", "an integer or a string". */
export function expectedOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'object':
    case 'free-object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'int-or-string':
      return 'an integer or a string';
    case 'quantity':
      return 'a quantity (a number, or a string such as "500m" or "1Gi")';
    case 'any':
      return 'any value';
  }
}

/** A value as a message names it: `the string "3"`, `the number 1.5`, `true`, `a list`, `a mapping`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  return String(value);
}
