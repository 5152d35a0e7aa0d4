import { rules as registeredRules } from '../../rules/index.js';
import { lint } from '../engine/lint.js';
import type { Rule } from '../engine/types.js';
import { decodeSource } from '../load/decode.js';
import { WORKLOAD_KINDS } from '../model/workload.js';
import { packageInfo } from '../package-info.js';
import type { Source } from '../parse/parse.js';

/** Where the generated rule reference lives, relative to the repository root (and to README.md). */
export const RULES_DOC_PATH = 'docs/rules.md';

// Rule ids are lowercase kebab-case, so GitHub's heading anchor for `## <id>` is the id itself.
export function ruleHelpUri(id: string): string {
  return `${packageInfo().homepage}/blob/main/${RULES_DOC_PATH}#${id}`;
}

/** The name examples are linted under; it shows nowhere, since the docs print only line:col. */
const EXAMPLE_FILE = 'example.yaml';

const BYTE_ESCAPE = /\\x([0-9A-Fa-f]{2})/g;

/**
 * Turns an example into what the loader would hand the engine. A manifest in another encoding
 * cannot be written in a TypeScript string, so an example spells its raw bytes as `\xNN`; when
 * those bytes are not UTF-8 text the example stands for an undecodable file, and the loader's own
 * decoder says what is wrong with it. Escapes that do decode are YAML's own double-quoted escapes,
 * so the example is then linted as written.
 */
export function exampleSource(text: string): Source {
  if (!text.includes('\\x')) return { path: EXAMPLE_FILE, text };
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  let last = 0;
  for (const match of text.matchAll(BYTE_ESCAPE)) {
    bytes.push(...encoder.encode(text.slice(last, match.index)), Number.parseInt(match[1]!, 16));
    last = match.index + match[0].length;
  }
  bytes.push(...encoder.encode(text.slice(last)));
  const decoded = decodeSource(EXAMPLE_FILE, Uint8Array.from(bytes));
  return decoded.encodingError ? decoded : { path: EXAMPLE_FILE, text };
}

/** What kubegate reports for one of a rule's examples, as `line:col message` lines. */
export function exampleFindings(rule: Rule, example: string, rules: readonly Rule[] = registeredRules): string[] {
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
 * The rule's section of docs/rules.md, built from its meta alone. `rules` is the rule set the
 * examples are linted with: the registered rules unless a caller documents another set.
 */
export function ruleDocMarkdown(rule: Rule, rules: readonly Rule[] = registeredRules): string {
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
export function ruleDocText(rule: Rule, rules: readonly Rule[] = registeredRules): string {
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
