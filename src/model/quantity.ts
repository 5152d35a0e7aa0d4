import { memoizeText } from '../core/memo.js';
import { isObject, type KubeObject, type Resource } from './resource.js';
import { containers, podSpec, type ContainerRef } from './workload.js';

/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`), read the way the API server reads them,
 * so rules can compare requests with limits and catch values the API rejects or misreads.
 */

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENTS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * `<sign>? <number> <suffix>?`. The exponent of `e3` / `E-2` is an integer because the API server
 * reads it with ParseInt; `E` alone is the exa suffix, so `1E` and `1E3` mean different things.
 */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export interface QuantityParts {
  /** The value in base units: bytes for memory and storage, cores for CPU, a count otherwise. */
  value: number;
  /** The number as written, without sign, normalized so it can take a new suffix (`1.` → `1`, `.5` → `0.5`). */
  number: string;
  /** `Mi`, `m`, `e3`, ... or `''` for a plain number; YAML numbers are always plain. */
  suffix: string;
}

/** A decimal numeral without exponent notation, so that appending a suffix yields a valid quantity. */
export function formatDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function normalizeNumber(number: string): string {
  let text = number.endsWith('.') ? number.slice(0, -1) : number;
  if (text.startsWith('.')) text = `0${text}`;
  return text;
}

/**
 * Parses a quantity into its value and how it was written, or undefined when the API server would
 * reject it. Surrounding whitespace is accepted because the API server trims it before parsing.
 */
export function parseQuantityParts(input: unknown): QuantityParts | undefined {
  if (typeof input === 'number') {
    // `.inf` and `.nan` are YAML numbers but have no JSON form, so they never reach the API as quantities.
    if (!Number.isFinite(input)) return undefined;
    return { value: input, number: formatDecimal(Math.abs(input)), suffix: '' };
  }
  if (typeof input !== 'string') return undefined;
  return parseQuantityText(input);
}

const parseQuantityText = memoizeText((input: string): QuantityParts | undefined => {
  const match = QUANTITY.exec(input.trim());
  if (!match) return undefined;
  const [, sign = '', written = '', suffix = ''] = match;
  const number = normalizeNumber(written);
  const signed = `${sign}${number}`;
  let value: number;
  const binary = BINARY_EXPONENTS[suffix];
  if (binary !== undefined) {
    value = Number(signed) * 2 ** binary;
  } else {
    const exponent = DECIMAL_EXPONENTS[suffix] ?? Number(suffix.slice(1));
    // Scaling in the decimal string, not by multiplying, keeps `100m` exactly equal to `0.1`.
    value = Number(`${signed}e${exponent}`);
  }
  return { value, number, suffix };
});

/** A quantity (a YAML number or a string such as `250m` or `1Gi`) in base units, or undefined if it is not one. */
export function parseQuantity(input: unknown): number | undefined {
  return parseQuantityParts(input)?.value;
}

/** Resources measured in bytes, where the `m` suffix and unit-less small numbers are almost always mistakes. */
export function isByteResource(name: string): boolean {
  return name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-');
}

/** A container's (or pod's) `resources.requests` or `resources.limits`, when it is a mapping. */
export function resourceList(owner: KubeObject, list: 'requests' | 'limits'): KubeObject | undefined {
  const resources = owner.resources;
  if (!isObject(resources)) return undefined;
  const value = resources[list];
  return isObject(value) ? value : undefined;
}

/**
 * Whether `resources.<list>.<name>` holds a value. An empty value (`memory:` with nothing after it,
 * often a template value that rendered to nothing) sets no quantity, so it counts as unset.
 */
export function hasQuantity(owner: KubeObject, list: 'requests' | 'limits', name: string): boolean {
  const value = resourceList(owner, list)?.[name];
  return value !== undefined && value !== null;
}

/** Containers that can carry `resources`: the API server forbids them on ephemeral containers. */
export function containersWithResources(resource: Resource): ContainerRef[] {
  return containers(resource).filter((ref) => ref.role !== 'ephemeralContainer');
}

/**
 * Containers that reserve nothing of `name` for scheduling: no request, and no limit either (the
 * API server copies a lone limit into the request). Pod-level resources cover every container, and
 * ephemeral containers cannot have resources, so neither is ever reported.
 */
export function containersWithoutRequest(resource: Resource, name: string): ContainerRef[] {
  const pod = podSpec(resource);
  if (pod && (hasQuantity(pod.spec, 'requests', name) || hasQuantity(pod.spec, 'limits', name))) return [];
  return containersWithResources(resource).filter((ref) => !hasQuantity(ref.container, 'requests', name) && !hasQuantity(ref.container, 'limits', name));
}
