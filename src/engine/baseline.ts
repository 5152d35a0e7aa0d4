import { identityParts } from '../core/fingerprint.js';
import type { Finding, Suppression } from '../core/types.js';

/**
 * A baseline: the problems a repository already had when it adopted kubegate, so a run can fail
 * only on new ones. Pure functions, no file I/O: the CLI reads and writes the file.
 *
 * The file is meant to be reviewed in pull requests, so entries are readable and sorted, and hold
 * no line numbers (an edit above a problem must not turn it into a new one):
 *
 * ```json
 * {
 *   "version": 1,
 *   "files": {
 *     "deploy/web.yaml": {
 *       "mutable-image-tag": {
 *         "latest Deployment/shop/web spec.template.spec.containers[0].image": 1
 *       }
 *     }
 *   }
 * }
 * ```
 *
 * Each entry is file → rule → identity → count. The identity is made of what `findingIdentity`
 * uses besides the file and the rule: the message id, then the resource (`Kind/namespace/name`)
 * and the path inside it, or, for findings without a resource, their data (`detail="…"`). The
 * count is how many findings share that identity (a resource defined twice in one file).
 */

export const BASELINE_VERSION = 1;

/** identity → how many findings share it. */
export type BaselineIdentities = Record<string, number>;

export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** file (as findings name it) → rule id → identity → count. */
  files: Record<string, Record<string, BaselineIdentities>>;
}

/** A recorded problem that no longer occurs (as often): it leaves the baseline at the next write. */
export interface StaleEntry {
  file: string;
  ruleId: string;
  identity: string;
  /** How many of the recorded occurrences were not found. */
  count: number;
}

export interface BaselineResult {
  /** The findings in their order, those in the baseline marked suppressed. */
  findings: Finding[];
  stale: StaleEntry[];
}

export interface ApplyBaselineOptions {
  /** The baseline file, named in each suppression's justification (which SARIF shows). */
  source?: string;
}

/** A baseline file that cannot be used; the message names the file and what is wrong. */
export class BaselineError extends Error {
  override name = 'BaselineError';
  /** The baseline file, as given to `parseBaseline`. */
  readonly file: string;
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.file = file;
  }
}

/**
 * Findings kubegate failed on are bugs in kubegate, never a legacy problem: they are not recorded
 * and never hidden.
 */
const NEVER_BASELINED = new Set(['internal-error']);

/** Written bare when it cannot be mistaken for a separator or a quote; JSON-quoted otherwise. */
const BARE = /^[A-Za-z0-9._:@+-]+$/;

function token(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return BARE.test(value) ? value : JSON.stringify(value);
}

/**
 * The readable identity a baseline records a finding under, within its file and rule:
 * `latest Deployment/shop/web spec.template.spec.containers[0].image`, `duplicate ConfigMap/d`,
 * `syntax detail="Missing closing \"quote"`. Built from the same parts as `findingIdentity`
 * (message id, resource kind/namespace/name and path, or the data without a resource; never the
 * message text, a line or the apiVersion), and unambiguous: a part that holds a space, a slash, a
 * quote or an `=` is JSON-quoted, so two identities `findingIdentity` tells apart never share a key.
 */
export function baselineIdentity(finding: Finding): string {
  const { resource, data } = identityParts(finding);
  const parts = [token(finding.messageId)];
  if (resource) {
    parts.push([resource.kind, ...(resource.namespace ? [resource.namespace] : []), resource.name].map(token).join('/'));
    if (resource.path !== '') parts.push(resource.path);
  }
  for (const [key, value] of data ?? []) parts.push(`${token(key)}=${token(value)}`);
  return parts.join(' ');
}

/**
 * Whether a finding belongs in a baseline: it is a problem nobody silenced on purpose. A finding
 * silenced only by a baseline still counts, so writing a baseline from a run that applied the old
 * one keeps its entries.
 */
function recordable(finding: Finding): boolean {
  if (NEVER_BASELINED.has(finding.ruleId)) return false;
  return (finding.suppressions ?? []).every((suppression) => suppression.kind === 'baseline');
}

/** Code-unit order: the same on every machine and locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRecord<T, U>(map: ReadonlyMap<string, T>, value: (item: T) => U): Record<string, U> {
  return Object.fromEntries([...map.keys()].sort(byCodeUnit).map((key) => [key, value(map.get(key)!)]));
}

/**
 * The baseline of a run's findings: every finding not deliberately silenced (annotations,
 * comments and configuration stay where they are), counted by file, rule and identity, sorted so
 * the same input always gives the same file.
 */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const files = new Map<string, Map<string, Map<string, number>>>();
  for (const finding of findings) {
    if (!recordable(finding)) continue;
    let rules = files.get(finding.file);
    if (!rules) files.set(finding.file, (rules = new Map()));
    let identities = rules.get(finding.ruleId);
    if (!identities) rules.set(finding.ruleId, (identities = new Map()));
    const identity = baselineIdentity(finding);
    identities.set(identity, (identities.get(identity) ?? 0) + 1);
  }
  return {
    version: BASELINE_VERSION,
    files: sortedRecord(files, (rules) => sortedRecord(rules, (identities) => sortedRecord(identities, (count) => count))),
  };
}

interface Slot {
  file: string;
  ruleId: string;
  identity: string;
  remaining: number;
}

/**
 * Marks the findings the baseline records as suppressed (kept for reports, no longer counted).
 * Each entry covers as many findings as its count, in the order given, so a third occurrence of a
 * problem recorded twice is new. Entries left over are stale. Findings already silenced otherwise
 * are left alone and use up nothing. Linear in findings plus entries.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, options: ApplyBaselineOptions = {}): BaselineResult {
  const slots: Slot[] = [];
  const index = new Map<string, Map<string, Map<string, Slot>>>();
  for (const [file, rules] of Object.entries(baseline.files)) {
    const byRule = new Map<string, Map<string, Slot>>();
    index.set(file, byRule);
    for (const [ruleId, identities] of Object.entries(rules)) {
      const byIdentity = new Map<string, Slot>();
      byRule.set(ruleId, byIdentity);
      for (const [identity, count] of Object.entries(identities)) {
        const slot = { file, ruleId, identity, remaining: count };
        slots.push(slot);
        byIdentity.set(identity, slot);
      }
    }
  }
  const suppression: Suppression = {
    kind: 'baseline',
    justification: options.source === undefined ? 'in the baseline (recorded before)' : `in the baseline ${options.source} (recorded before)`,
  };
  const result = findings.map((finding) => {
    if (finding.suppressions !== undefined && finding.suppressions.length > 0) return finding;
    if (NEVER_BASELINED.has(finding.ruleId)) return finding;
    const slot = index.get(finding.file)?.get(finding.ruleId)?.get(baselineIdentity(finding));
    if (!slot || slot.remaining === 0) return finding;
    slot.remaining--;
    return { ...finding, suppressions: [{ ...suppression }] };
  });
  const stale = slots
    .filter((slot) => slot.remaining > 0)
    .map(({ file, ruleId, identity, remaining }): StaleEntry => ({ file, ruleId, identity, count: remaining }));
  return { findings: result, stale };
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const at = (...keys: string[]) => `files${keys.map((key) => `[${JSON.stringify(key)}]`).join('')}`;

/**
 * Checks a baseline read from `file` and returns a copy to use. `json` is the parsed JSON, or the
 * file's text (a baseline is never a JSON string, so a string is parsed first). Throws
 * BaselineError naming the file and what is wrong.
 */
export function parseBaseline(json: unknown, file: string): Baseline {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
    } catch (error) {
      throw new BaselineError(file, `not valid JSON (${(error as Error).message}); write the baseline again with --write-baseline`);
    }
  }
  const fail = (detail: string): never => {
    throw new BaselineError(file, detail);
  };
  if (!isRecord(value)) return fail(`not a kubegate baseline: expected an object with "version" and "files", found ${describeJson(value)}`);
  if (!('version' in value)) return fail('not a kubegate baseline: "version" is missing');
  if (value.version !== BASELINE_VERSION) {
    if (typeof value.version === 'number' && Number.isInteger(value.version) && value.version > BASELINE_VERSION) {
      fail(`baseline version ${value.version} is newer than this kubegate reads (version ${BASELINE_VERSION}); upgrade kubegate`);
    }
    fail(`"version" must be ${BASELINE_VERSION}, found ${describeJson(value.version)}`);
  }
  const unknown = Object.keys(value).filter((key) => key !== 'version' && key !== 'files');
  if (unknown.length > 0) fail(`unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((key) => JSON.stringify(key)).join(', ')}; a baseline holds only "version" and "files"`);
  if (!('files' in value)) fail('"files" is missing');
  if (!isRecord(value.files)) return fail(`"files" must be an object (file → rule → identity → count), found ${describeJson(value.files)}`);
  const files = Object.entries(value.files).map(([name, rules]) => {
    if (!isRecord(rules)) return fail(`${at(name)} must be an object (rule → identity → count), found ${describeJson(rules)}`);
    const byRule = Object.entries(rules).map(([ruleId, identities]) => {
      if (!isRecord(identities)) return fail(`${at(name, ruleId)} must be an object (identity → count), found ${describeJson(identities)}`);
      const counts = Object.entries(identities).map(([identity, count]) => {
        if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
          return fail(`${at(name, ruleId, identity)} must be a count (a whole number, 1 or more), found ${describeJson(count)}`);
        }
        return [identity, count] as const;
      });
      return [ruleId, Object.fromEntries(counts)] as const;
    });
    return [name, Object.fromEntries(byRule)] as const;
  });
  return { version: BASELINE_VERSION, files: Object.fromEntries(files) };
}

/** The file's text: two-space JSON with a trailing newline, in the baseline's (sorted) order. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, files: baseline.files }, null, 2)}\n`;
}
