import { fingerprinter } from '../core/fingerprint.js';
import { formatPath } from '../core/format.js';
import type { DriftSide, Finding, LintResult, Range, ResourceRef, Severity, Suppression, TextEdit } from '../core/types.js';
import type { ChunkedReporter, Reporter } from './types.js';

type JsonResource = { apiVersion: string; kind: string; namespace: string | null; name: string };

/** One finding in `--format json`: flat positions and explicit nulls, so consumers need no guessing. */
export interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: JsonResource | null;
  path: string | null;
  /** Stable across line shifts and rewording: rule, message id, file, resource and path. */
  fingerprint: string;
  /** The template an author edits, when the input was rendered. */
  templateSource?: string;
  templateLine?: number;
  related?: { file: string; line: number; column: number; endLine: number; endColumn: number; resource: JsonResource | null; path: string | null; message: string }[];
  suppressions?: Suppression[];
  fix?: { file: string; edits: TextEdit[] };
  /** For drift: each environment's side, `value: null` where it lacks the thing. */
  sides?: DriftSide[];
}

function jsonResource(resource: ResourceRef | undefined): JsonResource | null {
  return resource ? { apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace ?? null, name: resource.name } : null;
}

function flat(range: Range): Pick<JsonFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

export function toJsonFinding(finding: Finding, fingerprint: string): JsonFinding {
  const json: JsonFinding = {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    ...flat(finding.range),
    resource: jsonResource(finding.resource),
    path: finding.path ? formatPath(finding.path) : null,
    fingerprint,
  };
  if (finding.origin) {
    json.templateSource = finding.origin.file;
    if (finding.origin.line !== undefined) json.templateLine = finding.origin.line;
  }
  if (finding.related) {
    json.related = finding.related.map((related) => ({
      file: related.file,
      ...flat(related.range),
      resource: jsonResource(related.resource),
      path: related.path ? formatPath(related.path) : null,
      message: related.message,
    }));
  }
  if (finding.suppressions && finding.suppressions.length > 0) json.suppressions = finding.suppressions;
  if (finding.fix) json.fix = finding.fix;
  if (finding.sides) json.sides = finding.sides;
  return json;
}

/**
 * The same text as `JSON.stringify(findings, null, 2)`, built a finding at a time, so a run with
 * hundreds of thousands of findings never holds all their JSON objects at once.
 */
export const jsonChunks: ChunkedReporter = function* (result: LintResult) {
  const fingerprint = fingerprinter();
  if (result.findings.length === 0) {
    yield '[]\n';
    return;
  }
  let separator = '[\n  ';
  for (const finding of result.findings) {
    yield separator + JSON.stringify(toJsonFinding(finding, fingerprint(finding)), null, 2).replace(/\n/g, '\n  ');
    separator = ',\n  ';
  }
  yield '\n]\n';
};

export const jsonReporter: Reporter = (result, context) => [...jsonChunks(result, context)].join('');
