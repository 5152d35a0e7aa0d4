import { isAbsolute, relative, resolve } from 'node:path';
import { describeResource } from '../core/format.js';
import { isActive, type Finding, type ResourceRef, type InputDescription, type LintResult, type RelatedLocation, type Severity, type Skip } from '../core/types.js';
import { escapeControl, plural } from './escape.js';
import { pathInside } from './path.js';
import type { ChunkedReporter, Reporter } from './types.js';

type Paint = (text: string) => string;

interface Palette {
  severity: Record<Severity, Paint>;
  dim: Paint;
  bold: Paint;
}

const sgr = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLORS: Palette = {
  severity: { error: sgr(31, 39), warning: sgr(33, 39), info: sgr(34, 39) },
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

const plain: Paint = (text) => text;
const NO_COLORS: Palette = { severity: { error: plain, warning: plain, info: plain }, dim: plain, bold: plain };


/** Paths as the user would type them from `cwd`; files elsewhere (and stdin) keep the name they were given. */
function displayPath(file: string, cwd: string): string {
  return escapeControl(isAbsolute(file) ? (pathInside(file, cwd) ?? file) : file);
}

/** Findings per file as shown, in the order of the names shown (the engine sorts by the names given). */
function groupByFile(findings: readonly Finding[], cwd: string): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  const shownAs = new Map<string, string>();
  for (const finding of findings) {
    let shown = shownAs.get(finding.file);
    if (shown === undefined) shownAs.set(finding.file, (shown = displayPath(finding.file, cwd)));
    const list = byFile.get(shown);
    if (list) list.push(finding);
    else byFile.set(shown, [finding]);
  }
  return new Map([...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * How the related location that keeps a finding's place in rendered output is told apart from
 * the others: its message (`as rendered by helm template`, set where findings are moved to the
 * template).
 */
export const RENDERED_LOCATION_PREFIX = 'as rendered by ';

function renderedLocation(finding: Finding): RelatedLocation | undefined {
  return finding.related?.find((related) => related.message.startsWith(RENDERED_LOCATION_PREFIX));
}

function isInside(file: string, dir: string, cwd: string): boolean {
  const fromDir = relative(resolve(cwd, dir), resolve(cwd, file));
  return fromDir !== '' && !fromDir.startsWith('..') && !isAbsolute(fromDir);
}

const objectLines = new WeakMap<ResourceRef, string>();

/**
 * The dim second line: which object the finding is about and where else to look. A finding moved
 * from rendered output to its template names the rendered line (`rendered: line 47`), with the
 * chart or overlay when the file shown is not inside it (a base shared by overlays); one left on
 * rendered output names the template Helm printed it from.
 */
function secondLine(finding: Finding, cwd: string): string | undefined {
  // Most findings name only their object, and an object has several: its line is made once.
  if (finding.resource && !finding.origin && !finding.related) {
    let line = objectLines.get(finding.resource);
    if (line === undefined) objectLines.set(finding.resource, (line = escapeControl(describeResource(finding.resource))));
    return line;
  }
  const parts: string[] = [];
  if (finding.resource) parts.push(describeResource(finding.resource));
  const rendered = renderedLocation(finding);
  if (rendered) {
    const where = `rendered: line ${rendered.range.line}`;
    parts.push(isInside(finding.file, rendered.file, cwd) ? where : `${where} of ${displayPath(rendered.file, cwd)}`);
    return escapeControl(parts.join(', '));
  }
  if (finding.origin) parts.push(`from ${finding.origin.line === undefined ? finding.origin.file : `${finding.origin.file}:${finding.origin.line}`}`);
  return parts.length > 0 ? escapeControl(parts.join(' ')) : undefined;
}

function fileBlock(file: string, findings: readonly Finding[], palette: Palette, cwd: string, renderedBy: ReadonlyMap<string, string>): string[] {
  const rows = findings.map((finding) => ({ where: `${finding.range.line}:${finding.range.column}`, finding }));
  // Padding is computed on the plain text, so colour codes never skew the columns. Messages are
  // long sentences: padding them would push every rule id far right, so the id follows the message.
  const whereWidth = rows.reduce((width, row) => Math.max(width, row.where.length), 0);
  const severityWidth = rows.reduce((width, row) => Math.max(width, row.finding.severity.length), 0);
  // Lines of a chart's or overlay's rendered output, where a finding could not be moved to a file of its own.
  const renderer = renderedBy.get(file);
  const lines = [renderer === undefined ? file : `${file} ${palette.dim(`(as rendered by ${renderer})`)}`];
  for (const { where, finding } of rows) {
    const severity = palette.severity[finding.severity](finding.severity.padEnd(severityWidth));
    lines.push(`  ${palette.dim(where.padEnd(whereWidth))}  ${severity}  ${escapeControl(finding.message)}  ${palette.dim(escapeControl(finding.ruleId))}`);
    const more = secondLine(finding, cwd);
    if (more) lines.push(palette.dim(`${' '.repeat(2 + whereWidth + 2 + severityWidth + 2)}${more}`));
  }
  return lines;
}

function isRendered(input: InputDescription): boolean {
  return input.how === 'helm' || input.how === 'kustomize';
}

/** The header: each chart and overlay of the run, and the command that rendered it. */
function renderedHeader(inputs: readonly InputDescription[], palette: Palette): string | undefined {
  const rendered = inputs.filter(isRendered);
  if (rendered.length === 0) return undefined;
  const lines = ['Rendered:'];
  for (const input of rendered) {
    const how = input.command ?? `rendered with ${input.how}`;
    lines.push(`  ${escapeControl(input.path)}: ${palette.dim(escapeControl(how))}`);
  }
  return lines.join('\n');
}

/** `3 documents skipped: not a Kubernetes object (a YAML scalar) ×2; empty file ×1`. */
function skipsLine(skips: readonly Skip[]): string {
  const byReason = new Map<string, number>();
  for (const skip of skips) byReason.set(skip.reason, (byReason.get(skip.reason) ?? 0) + 1);
  const reasons = [...byReason].map(([reason, count]) => escapeControl(byReason.size === 1 ? reason : `${reason} ×${count}`));
  return `${plural(skips.length, 'document')} skipped: ${reasons.join('; ')}`;
}

export const textChunks: ChunkedReporter = function* (result: LintResult, context) {
  const palette = context.color ? COLORS : NO_COLORS;
  const shown = result.findings.filter(isActive);
  const suppressed = result.findings.length - shown.length;
  const hidden = context.hidden ?? 0;
  const byFile = groupByFile(shown, context.cwd);
  const inputs = context.inputs ?? [];
  const header = renderedHeader(inputs, palette);
  if (header !== undefined) yield `${header}\n\n`;
  const renderedBy = new Map(inputs.filter(isRendered).map((input) => [displayPath(input.path, context.cwd), input.how]));
  for (const [file, findings] of byFile) yield `${fileBlock(file, findings, palette, context.cwd, renderedBy).join('\n')}\n\n`;
  const out: string[] = [];

  const count = (severity: Severity) => shown.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const notShown: string[] = [];
  if (hidden > 0) notShown.push(`${plural(hidden, 'warning or info', 'warnings and infos')} hidden by --quiet`);
  if (suppressed > 0) notShown.push(`${suppressed} suppressed`);
  const aside = notShown.length > 0 ? `; ${notShown.join(', ')}` : '';
  if (shown.length === 0 && hidden === 0) {
    out.push(`No problems found in ${plural(result.fileCount, 'file')} (${plural(result.resourceCount, 'resource')})${aside}.`);
  } else {
    const summary = `${plural(shown.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info) in ${plural(byFile.size, 'file')}`;
    const tone = errors > 0 ? palette.severity.error : warnings > 0 || hidden > 0 ? palette.severity.warning : palette.severity.info;
    out.push(`${palette.bold(tone(summary))}, ${plural(result.resourceCount, 'resource')} checked${aside}`);
  }
  if (result.skips.length > 0) out.push(palette.dim(skipsLine(result.skips)));
  // The last line says why a CI step went red, when it did.
  if (context.failure !== undefined) out.push(palette.bold(palette.severity.error(`Exit 1: ${escapeControl(context.failure)}.`)));
  // Rules that crashed (result.internalErrors) are left to the CLI, which writes them to stderr.
  yield `${out.join('\n')}\n`;
};

export const textReporter: Reporter = (result, context) => [...textChunks(result, context)].join('');
