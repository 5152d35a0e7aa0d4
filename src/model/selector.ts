import type { GroupKind } from './kinds.js';
import { isObject } from './resource.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

/**
 * A label selector in one form for every kind: a Service's plain map and a Deployment's
 * `matchLabels` become equality requirements, `matchExpressions` the rest.
 */
export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  expressions: readonly SelectorRequirement[];
}

const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    // Helm renders `version: 1.0` as a number; the API server would see the string.
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') map[key] = String(entry);
    else return undefined;
  }
  return map;
}

/** A Service's `spec.selector` (a plain map). Undefined when absent or not a map of scalars. */
export function readPlainSelector(value: unknown): LabelSelector | undefined {
  const matchLabels = stringMap(value);
  return matchLabels && { matchLabels, expressions: [] };
}

/**
 * A `metav1.LabelSelector` (`matchLabels` and `matchExpressions`). Undefined when it cannot be
 * read (a requirement with an unknown operator, values that are not strings): a rule then says
 * nothing rather than guess what it selects.
 */
export function readLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isObject(value)) return undefined;
  const matchLabels = value.matchLabels === undefined || value.matchLabels === null ? {} : stringMap(value.matchLabels);
  if (!matchLabels) return undefined;
  const expressions: SelectorRequirement[] = [];
  const raw = value.matchExpressions ?? [];
  if (!Array.isArray(raw)) return undefined;
  for (const requirement of raw) {
    if (!isObject(requirement) || typeof requirement.key !== 'string' || typeof requirement.operator !== 'string' || !OPERATORS.has(requirement.operator)) return undefined;
    const values = requirement.values ?? [];
    if (!Array.isArray(values)) return undefined;
    expressions.push({ key: requirement.key, operator: requirement.operator as SelectorOperator, values: values.map(String) });
  }
  return { matchLabels, expressions };
}

/** Workload kinds whose `spec.selector` is a plain label map, as a Service's is, rather than a `metav1.LabelSelector`. */
const PLAIN_SELECTOR_KINDS: ReadonlySet<GroupKind> = new Set(['ReplicationController', 'apps.openshift.io/DeploymentConfig']);

/** A workload's `spec.selector`, read in the form its kind defines. Undefined when it cannot be read. */
export function readWorkloadSelector(kind: GroupKind, value: unknown): LabelSelector | undefined {
  return PLAIN_SELECTOR_KINDS.has(kind) ? readPlainSelector(value) : readLabelSelector(value);
}

/** Whether a selector selects nothing in particular: an empty one selects every pod. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.expressions.length === 0;
}

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const { key, operator, values } of selector.expressions) {
    const has = Object.hasOwn(labels, key);
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
    if (operator === 'In' && (!has || !values.includes(labels[key]!))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key]!)) return false;
  }
  return true;
}

/** `app=web, tier in (a, b), !legacy`: how messages show a selector. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.expressions) {
    if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
    else parts.push(`${key} ${operator === 'In' ? 'in' : 'notin'} (${values.join(', ')})`);
  }
  return parts.join(', ');
}

/** The labels of an object's `metadata`, as strings; empty when it has none. */
export function labelsOf(metadata: unknown): Record<string, string> {
  if (!isObject(metadata)) return {};
  return stringMap(metadata.labels) ?? {};
}
