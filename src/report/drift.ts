import { isActive, type DriftOverview, type Finding, type LintResult } from '../core/types.js';
import { escapeControl, plural } from './escape.js';
import { pathInside } from './path.js';
import type { ChunkedReporter, ReportContext } from './types.js';

/** Drift findings by the object they are about (`Deployment checkout`), objects in name order. */
function byResource(findings: readonly Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = String(finding.data?.resource ?? finding.resource?.name ?? finding.file);
    const list = grouped.get(key);
    if (list) list.push(finding);
    else grouped.set(key, [finding]);
  }
  return new Map([...grouped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function shownPath(file: string, cwd: string): string {
  return escapeControl(pathInside(file, cwd) ?? file);
}

function overviewOf(context: ReportContext): DriftOverview {
  return context.drift ?? { environments: [], resources: [] };
}

function summaryLine(shown: readonly Finding[], context: ReportContext): string {
  const count = (severity: string) => shown.filter((finding) => finding.severity === severity).length;
  const names = overviewOf(context).environments.map((environment) => environment.name).join(', ');
  if (shown.length === 0) return `No drift between ${names}.`;
  return `${plural(shown.length, 'difference')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) between ${names}`;
}

/**
 * For people: per object, each difference with every environment's side under it, so what
 * staging has and production lacks reads across one block.
 */
export const driftTextChunks: ChunkedReporter = function* (result: LintResult, context) {
  const shown = result.findings.filter(isActive);
  const width = Math.max(0, ...overviewOf(context).environments.map((environment) => environment.name.length));
  for (const [resource, findings] of byResource(shown)) {
    const lines = [escapeControl(resource)];
    for (const finding of findings) {
      lines.push(`  ${finding.severity.padEnd(7)}  ${escapeControl(finding.message)}  ${escapeControl(finding.ruleId)}`);
      lines.push(`           at ${shownPath(finding.file, context.cwd)}:${finding.range.line}:${finding.range.column}`);
      for (const side of finding.sides ?? []) {
        const where = side.file === undefined ? '' : `  ${shownPath(side.file, context.cwd)}${side.line === undefined ? '' : `:${side.line}`}`;
        lines.push(`           ${escapeControl(`${side.environment}:`).padEnd(width + 1)}  ${escapeControl(side.value ?? '—')}${where}`);
      }
    }
    yield `${lines.join('\n')}\n\n`;
  }
  const out = [summaryLine(shown, context)];
  if (context.failure !== undefined) out.push(`Exit 1: ${escapeControl(context.failure)}.`);
  yield `${out.join('\n')}\n`;
};

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return escapeControl(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const MARK: Record<string, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/**
 * For a pull-request comment or a job summary: a ✓/✗ matrix of the objects that differ across
 * the environments, then one table per object with the environments as columns.
 */
export const driftMarkdownChunks: ChunkedReporter = function* (result: LintResult, context) {
  const overview = overviewOf(context);
  const names = overview.environments.map((environment) => environment.name);
  const shown = result.findings.filter(isActive);
  const grouped = byResource(shown);
  yield `## kubegate drift: ${names.map(cell).join(' · ')}\n\n${cell(summaryLine(shown, context))}\n\n`;
  const drifting = overview.resources.filter((entry) => grouped.has(entry.resource) || entry.present.some((present) => !present));
  if (drifting.length > 0) {
    const rows = [`| Resource | ${names.map(cell).join(' | ')} |`, `| --- | ${names.map(() => ':---:').join(' | ')} |`];
    for (const entry of [...drifting].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0))) {
      const differences = grouped.get(entry.resource) ?? [];
      const marks = entry.present.map((present, i) => {
        if (!present) return '✗';
        // A difference counts for each environment that lacks the thing or has the bad value.
        const here = differences.filter((finding) => String(finding.data?.lacking ?? finding.data?.environment).split(', ').includes(names[i]!)).length;
        return here > 0 ? `✓ ${here} ⚠` : '✓';
      });
      rows.push(`| ${cell(entry.resource)} | ${marks.join(' | ')} |`);
    }
    const same = overview.resources.length - drifting.length;
    yield `${rows.join('\n')}\n\n${same > 0 ? `${plural(same, 'other resource')} match${same === 1 ? 'es' : ''} in every environment.\n\n` : ''}`;
  }
  for (const [resource, findings] of grouped) {
    const rows = [`### ${cell(resource)}`, '', `| | Difference | ${names.map(cell).join(' | ')} |`, `| --- | --- | ${names.map(() => '---').join(' | ')} |`];
    for (const finding of findings) {
      const sides = new Map((finding.sides ?? []).map((side) => [side.environment, side.value]));
      const columns = names.map((name) => (sides.has(name) ? (sides.get(name) === null ? '✗' : cell(`${sides.get(name)}`)) : ''));
      rows.push(`| ${MARK[finding.severity]} | ${cell(String(finding.data?.what ?? finding.ruleId))} (\`${finding.ruleId}\`) | ${columns.join(' | ')} |`);
    }
    yield `${rows.join('\n')}\n\n`;
  }
  if (context.failure !== undefined) yield `**Exit 1: ${cell(context.failure)}.**\n`;
};
