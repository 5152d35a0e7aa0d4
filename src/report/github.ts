import { describeResource } from '../core/format.js';
import { isActive, type Finding, type LintResult, type Severity } from '../core/types.js';
import { escapeControl, plural } from './escape.js';
import { pathInside } from './path.js';
import type { ChunkedReporter, Reporter } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's message: `%`, CR and LF are escaped so one finding stays one command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also escapes `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(finding: Finding, cwd: string): string {
  const { range } = finding;
  const file = pathInside(finding.file, cwd) ?? finding.file;
  const properties = [
    `file=${escapeProperty(escapeControl(file))}`,
    `line=${range.line}`,
    `col=${range.column}`,
    `endLine=${range.endLine}`,
    `endColumn=${range.endColumn}`,
    `title=${escapeProperty(`kubegate ${finding.ruleId}`)}`,
  ];
  const about = finding.resource ? ` (${describeResource(finding.resource)})` : '';
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(escapeControl(finding.message + about))}\n`;
}

/**
 * GitHub Actions workflow commands, one per finding: the job log and the pull request show each
 * on its line. Control characters from the input are escaped first, so a manifest cannot end a
 * command early or forge one. Suppressed findings are left out, as they are from the text report.
 */
export const githubChunks: ChunkedReporter = function* (result: LintResult, context) {
  for (const finding of result.findings) if (isActive(finding)) yield annotation(finding, context.cwd);
};

export const githubReporter: Reporter = (result, context) => [...githubChunks(result, context)].join('');

function cell(text: string): string {
  return escapeControl(text).replace(/\|/g, '\\|');
}

/** Markdown for the job summary (`GITHUB_STEP_SUMMARY`): counts per rule and severity, then the first findings. */
export function githubSummary(result: LintResult, context: { cwd: string }, shown = 20): string {
  const active = result.findings.filter(isActive);
  const lines = ['## kubegate', ''];
  if (active.length === 0) {
    lines.push(`No problems found in ${plural(result.fileCount, 'file')} (${plural(result.resourceCount, 'resource')}).`, '');
    return `${lines.join('\n')}\n`;
  }
  const byRule = new Map<string, Record<Severity, number>>();
  for (const finding of active) {
    const counts = byRule.get(finding.ruleId) ?? { error: 0, warning: 0, info: 0 };
    counts[finding.severity]++;
    byRule.set(finding.ruleId, counts);
  }
  lines.push(`${active.length} problems in ${new Set(active.map((f) => f.file)).size} files, ${result.resourceCount} resources checked.`, '');
  lines.push('| rule | errors | warnings | info |', '| --- | --- | --- | --- |');
  for (const [rule, counts] of [...byRule].sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning || (a[0] < b[0] ? -1 : 1))) {
    lines.push(`| ${cell(rule)} | ${counts.error} | ${counts.warning} | ${counts.info} |`);
  }
  lines.push('', '| where | severity | rule | message |', '| --- | --- | --- | --- |');
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  for (const finding of [...active].sort((a, b) => order[a.severity] - order[b.severity]).slice(0, shown)) {
    const file = pathInside(finding.file, context.cwd) ?? finding.file;
    lines.push(`| ${cell(`${file}:${finding.range.line}:${finding.range.column}`)} | ${finding.severity} | ${cell(finding.ruleId)} | ${cell(finding.message)} |`);
  }
  if (active.length > shown) lines.push('', `…and ${active.length - shown} more.`);
  return `${lines.join('\n')}\n`;
}
