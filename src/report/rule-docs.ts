import packageJson from '../../package.json' with { type: 'json' };
import { lint } from '../engine/lint.js';
import type { Rule } from '../engine/types.js';
import { WORKLOAD_KINDS } from '../model/workload.js';
import type { Source } from '../parse/parse.js';

/** Where the generated rule reference lives, relative to the repository root (and to README.md). */
export const RULES_DOC_PATH = 'docs/rules.md';

// Rule ids are lowercase kebab-case, so GitHub's heading anchor for `## <id>` is the id itself.
export function ruleHelpUri(id: string): string {
  return `${packageJson.homepage}/blob/main/${RULES_DOC_PATH}#${id}`;
}

/** The name examples are linted under; it shows nowhere, since the docs print only line:col. */
const EXAMPLE_FILE = 'example.yaml';

const BYTE_ESCAPE = /\\x([0-9A-Fa-f]{2})/g;
const HAS_BYTE_ESCAPE = /\\x[0-9A-Fa-f]{2}/;

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const trail = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (trail < 0) return i;
    for (let k = 1; k <= trail; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += trail + 1;
  }
  return -1;
}

/**
 * Turns an example into what the loader would hand the engine. A manifest in another encoding
 * cannot be written in a TypeScript string, so an example spells its raw bytes as `\xNN`; when
 * those bytes are not UTF-8 the example stands for an undecodable file and becomes a source with
 * an encoding error, as the loader reports one. Escapes that do form UTF-8 are left alone: they
 * are YAML's own double-quoted escapes.
 */
export function exampleSource(text: string): Source {
  if (!HAS_BYTE_ESCAPE.test(text)) return { path: EXAMPLE_FILE, text };
  const encoder = new TextEncoder();
  const chunks: number[] = [];
  let last = 0;
  for (const match of text.matchAll(BYTE_ESCAPE)) {
    chunks.push(...encoder.encode(text.slice(last, match.index)), Number.parseInt(match[1]!, 16));
    last = match.index + match[0].length;
  }
  chunks.push(...encoder.encode(text.slice(last)));
  const bytes = Uint8Array.from(chunks);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { path: EXAMPLE_FILE, text };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
    const line = bytes.subarray(0, lineStart).filter((byte) => byte === 0x0a).length + 1;
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
    const reason = `byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} does not start a UTF-8 character`;
    return { path: EXAMPLE_FILE, text, encodingError: { line, column, reason } };
  }
}

/** What kubegate reports for one of a rule's examples, as `line:col message` lines. */
export function exampleFindings(rule: Rule, example: string, rules: readonly Rule[]): string[] {
  // Every rule runs, not only this one: the parser's findings need their rules' metadata, and the
  // docs then show the rule's findings exactly as a real run produces them.
  const result = lint([exampleSource(example)], { rules: rules.includes(rule) ? rules : [...rules, rule] });
  if (result.internalErrors.length > 0) {
    throw new Error(`linting the example of ${rule.meta.id} failed:\n${result.internalErrors.join('\n')}`);
  }
  return result.findings
    .filter((finding) => finding.ruleId === rule.meta.id)
    .map((finding) => `${finding.range.line}:${finding.range.column} ${finding.message}`);
}

function appliesTo(rule: Rule): string {
  if (rule.meta.stage === 'parse') return 'reported by the parser, for any file';
  if (rule.meta.kinds === 'workloads') return `workloads (${WORKLOAD_KINDS.join(', ')})`;
  return rule.meta.kinds.join(', ');
}

/** A fence longer than any backtick run in the text, so an example can never close it early. */
function fenced(text: string, language: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

function reportedMarkdown(findings: readonly string[]): string {
  if (findings.length === 0) return 'kubegate reports nothing for this rule.';
  return `kubegate reports:\n\n${fenced(findings.join('\n'), 'text')}`;
}

/**
 * The rule's section of docs/rules.md, built from its meta alone. `rules` is the whole rule set the
 * examples are linted with.
 */
export function ruleDocMarkdown(rule: Rule, rules: readonly Rule[]): string {
  const { meta } = rule;
  return [
    `## ${meta.id}`,
    '',
    meta.description,
    '',
    `- Severity: ${meta.severity}`,
    `- Category: ${meta.category}`,
    `- Applies to: ${appliesTo(rule)}`,
    '',
    '### Why',
    '',
    meta.rationale,
    '',
    '### How to fix',
    '',
    meta.remediation,
    '',
    '### Examples',
    '',
    'Invalid:',
    '',
    fenced(meta.example.invalid, 'yaml'),
    '',
    reportedMarkdown(exampleFindings(rule, meta.example.invalid, rules)),
    '',
    'Valid:',
    '',
    fenced(meta.example.valid, 'yaml'),
    '',
    reportedMarkdown(exampleFindings(rule, meta.example.valid, rules)),
    '',
  ].join('\n');
}

function indent(text: string, prefix = '    '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : prefix + line))
    .join('\n');
}

/** The same content as `ruleDocMarkdown`, laid out for a terminal (`kubegate explain <id>`). */
export function ruleDocText(rule: Rule, rules: readonly Rule[]): string {
  const { meta } = rule;
  const reported = (example: string): string => {
    const findings = exampleFindings(rule, example, rules);
    return findings.length === 0 ? '  kubegate reports nothing for this rule.' : `  kubegate reports:\n${indent(findings.join('\n'))}`;
  };
  return [
    `${meta.id} (${meta.severity}, ${meta.category})`,
    '',
    meta.description,
    `Applies to: ${appliesTo(rule)}`,
    '',
    'Why',
    indent(meta.rationale, '  '),
    '',
    'How to fix',
    indent(meta.remediation, '  '),
    '',
    'Invalid example',
    indent(meta.example.invalid),
    reported(meta.example.invalid),
    '',
    'Valid example',
    indent(meta.example.valid),
    reported(meta.example.valid),
    '',
    `Docs: ${ruleHelpUri(meta.id)}`,
    '',
  ].join('\n');
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rule list for README.md, each id linking to its section of docs/rules.md. */
export function rulesTableMarkdown(rules: readonly Rule[]): string {
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  return [
    '| Rule | Category | Severity | Description |',
    '| --- | --- | --- | --- |',
    ...sorted.map(({ meta }) => `| [${meta.id}](${RULES_DOC_PATH}#${meta.id}) | ${meta.category} | ${meta.severity} | ${tableCell(meta.description)} |`),
  ].join('\n');
}
