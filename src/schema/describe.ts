import { formatPath } from '../core/format.js';
import type { ObjectPath } from '../core/types.js';
import { bundledVersions, versionsWithField } from './bundle.js';
import { closest } from './suggest.js';
import { compareVersions } from './version.js';
import { describeValue, expectedOf, type SchemaProblem } from './validate.js';

/** Where a problem is, as a reviewer writes it: `spec.template.spec.containers[0]`, or the kind for the object itself. */
export function placeOf(path: ObjectPath, kind: string): string {
  return path.length === 0 ? `the ${kind}` : formatPath(path);
}

/** `"name"`, `"selector" and "template"`, `"a", "b" and "c"`. */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => JSON.stringify(name));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** `1.33 to 1.36`, `1.29`, `1.29, 1.31 and 1.33`: bundled versions, contiguous runs collapsed. */
export function describeVersions(versions: readonly string[]): string {
  const all = bundledVersions();
  const sorted = [...versions].sort(compareVersions);
  const runs: string[][] = [];
  for (const version of sorted) {
    const last = runs[runs.length - 1];
    if (last && all.indexOf(version) === all.indexOf(last[last.length - 1]!) + 1) last.push(version);
    else runs.push([version]);
  }
  const parts = runs.map((run) => (run.length === 1 ? run[0]! : run[run.length - 1] === all[all.length - 1] ? `${run[0]} and later` : `${run[0]} to ${run[run.length - 1]}`));
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export type UnknownFieldMessage =
  | { messageId: 'didYouMean'; data: { parent: string; field: string; suggestion: string } }
  | { messageId: 'otherVersion'; data: { parent: string; field: string; version: string; versions: string } }
  | { messageId: 'unknown'; data: { parent: string; field: string } };

/**
 * How to word an unknown field: the name it most likely meant, else the releases whose variant
 * of the type has it (the manifest is for another Kubernetes), else the field alone.
 */
export function unknownFieldMessage(problem: Extract<SchemaProblem, { type: 'unknownField' }>, kind: string, version: string): UnknownFieldMessage {
  const parent = placeOf(problem.path.slice(0, -1), kind);
  const names = problem.parent.properties?.names() ?? [];
  const suggestion = closest(problem.field, names);
  if (suggestion) return { messageId: 'didYouMean', data: { parent, field: problem.field, suggestion } };
  const elsewhere = problem.parent.definition ? versionsWithField(problem.parent.definition, problem.field) : [];
  if (elsewhere.length > 0) return { messageId: 'otherVersion', data: { parent, field: problem.field, version, versions: describeVersions(elsewhere) } };
  return { messageId: 'unknown', data: { parent, field: problem.field } };
}

const FORMATS: Readonly<Record<string, string>> = {
  byte: 'valid base64',
  'date-time': 'an RFC 3339 date and time such as "2024-01-31T12:00:00Z"',
  quantity: 'a Kubernetes quantity such as "500m", "256Mi" or "10Gi"',
  int32: 'a 32-bit integer (from -2147483648 to 2147483647)',
};

export type TypeMessage =
  | { messageId: 'quote'; data: { field: string; actual: string } }
  | { messageId: 'type'; data: { field: string; expected: string; actual: string } }
  | { messageId: 'format'; data: { field: string; actual: string; expected: string } };

/** How to word a value of the wrong type or form. */
export function typeMessage(problem: Extract<SchemaProblem, { type: 'invalidType' | 'invalidFormat' }>, kind: string): TypeMessage {
  const field = placeOf(problem.path, kind);
  const actual = describeValue(problem.value);
  if (problem.type === 'invalidFormat') return { messageId: 'format', data: { field, actual, expected: FORMATS[problem.format]! } };
  // YAML reads `8080`, `true` and `1.20` as a number or a boolean: quoting keeps them text.
  if (problem.node.kind === 'string' && (typeof problem.value === 'number' || typeof problem.value === 'boolean')) return { messageId: 'quote', data: { field, actual } };
  return { messageId: 'type', data: { field, expected: expectedOf(problem.node), actual } };
}

export type EnumMessage =
  | { messageId: 'didYouMean'; data: { field: string; value: string; suggestion: string; allowed: string } }
  | { messageId: 'invalid'; data: { field: string; value: string; allowed: string } };

export function enumMessage(problem: Extract<SchemaProblem, { type: 'invalidEnum' }>, kind: string): EnumMessage {
  const field = placeOf(problem.path, kind);
  const shown = problem.allowed.filter((value) => value !== '');
  const allowed = shown.map((value) => JSON.stringify(value)).join(', ');
  const value = JSON.stringify(problem.value);
  const suggestion = typeof problem.value === 'string' ? closest(problem.value, shown.filter((candidate): candidate is string => typeof candidate === 'string')) : undefined;
  if (suggestion) return { messageId: 'didYouMean', data: { field, value, suggestion, allowed } };
  return { messageId: 'invalid', data: { field, value, allowed } };
}
