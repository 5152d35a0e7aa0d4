import type { Finding, LintResult, Severity } from '../engine/types.js';
import { formatPath } from './path.js';
import type { Reporter } from './types.js';

/** One finding in `--format json`: flat positions and explicit nulls, so consumers need no guessing. */
export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: { apiVersion: string; kind: string; namespace: string | null; name: string } | null;
  path: string | null;
  templateSource?: string;
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const { range, resource } = finding;
  const json: JsonFinding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    resource: resource ? { apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace ?? null, name: resource.name } : null,
    path: finding.path ? formatPath(finding.path) : null,
  };
  if (finding.templateSource !== undefined) json.templateSource = finding.templateSource;
  return json;
}

export const jsonReporter: Reporter = (result: LintResult) => `${JSON.stringify(result.findings.map(toJsonFinding), null, 2)}\n`;
