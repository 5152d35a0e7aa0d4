import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DOC_PATH } from '../core/tool.js';
import type { RuleDescriptor, RuleHelp, Source } from '../core/types.js';
import { DIAGNOSTIC_LIST } from '../engine/diagnostics.js';
import { lint } from '../engine/lint.js';
import type { AnyRule, OptionsSchema } from '../engine/rule.js';
import { decodeSource } from '../load/decode.js';
import { describeSelector } from '../model/kinds.js';

/** What the docs say about one rule or input diagnostic. */
export interface DocEntry {
  meta: RuleDescriptor;
  appliesTo: string;
  options?: { schema: OptionsSchema; defaults: unknown };
  /** What the docs say instead of examples, for entries no single manifest shows (drift compares several). */
  noExample?: string;
}

export interface Example {
  source: Source;
  /** The text the docs print: the file itself, or its bytes spelled `\xNN` where they are not UTF-8. */
  shown: string;
}

export interface Examples {
  invalid: Example;
  valid: Example;
}

function byId(a: DocEntry, b: DocEntry): number {
  return a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0;
}

/** The rules and the input diagnostics, sorted by id: everything a run can report. */
export function docEntries(rules: readonly AnyRule[]): DocEntry[] {
  const entries: DocEntry[] = DIAGNOSTIC_LIST.map((meta) => ({ meta, appliesTo: 'reported while reading input, for any file' }));
  for (const rule of rules) {
    const entry: DocEntry = { meta: rule.meta, appliesTo: describeSelector(rule.meta.appliesTo) };
    if (rule.meta.options) entry.options = rule.meta.options;
    entries.push(entry);
  }
  return entries.sort(byId);
}

/** A rule's examples live beside the docs, as files, so they are linted exactly as files are. */
export function readExamples(root: string, id: string): Examples | undefined {
  if (!existsSync(join(root, 'docs', 'examples', id))) return undefined;
  const read = (which: 'invalid' | 'valid'): Example => {
    const bytes = readFileSync(join(root, 'docs', 'examples', id, `${which}.yaml`));
    const source = decodeSource('example.yaml', bytes);
    const shown = source.encodingError ? Array.from(bytes, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16)}`)).join('') : source.text;
    return { source, shown };
  };
  return { invalid: read('invalid'), valid: read('valid') };
}

/** What kubegate reports for one of a rule's examples, as `line:col message` lines. */
export function exampleFindings(id: string, example: Source, rules: readonly AnyRule[]): string[] {
  const result = lint([example], { rules });
  if (result.internalErrors.length > 0) {
    throw new Error(`linting the example of ${id} failed:\n${result.internalErrors.map((error) => error.message).join('\n')}`);
  }
  return result.findings.filter((finding) => finding.ruleId === id).map((finding) => `${finding.range.line}:${finding.range.column} ${finding.message}`);
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

function optionsMarkdown(entry: DocEntry): string[] {
  if (!entry.options) return [];
  return ['### Options', '', 'Defaults:', '', fenced(JSON.stringify(entry.options.defaults, null, 2), 'json'), '', 'Schema:', '', fenced(JSON.stringify(entry.options.schema, null, 2), 'json'), ''];
}

/** The rule's section of docs/rules.md, built from its meta and its example files. */
/** Problems found in the bytes themselves, before any YAML is read, have no manifest to show. */
const NO_EXAMPLE = 'This problem is found while reading the input, before any YAML is parsed, so there is no manifest to show: kubegate reports it on line 1 of the input.';

/** Why a rule without example files has none, when the general reason above is not it. */
const NO_EXAMPLE_BECAUSE: Readonly<Record<string, string>> = {
  'render-failed': 'This problem comes from running helm or kustomize on a chart or overlay, so there is no manifest to show: kubegate reports it on the template line helm names, else on the line of the kustomization that names what failed, else on line 1 of Chart.yaml or kustomization.yaml.',
};

function noExample(id: string): string {
  return NO_EXAMPLE_BECAUSE[id] ?? NO_EXAMPLE;
}

export function ruleDocMarkdown(entry: DocEntry, examples: Examples | undefined, rules: readonly AnyRule[]): string {
  const { meta } = entry;
  return [
    `## ${meta.id}`,
    '',
    meta.description,
    '',
    `- Severity: ${meta.severity}${meta.enabledByDefault === false ? ' (off by default: turn it on in the configuration, or with `extends: kubegate:all`)' : ''}`,
    `- Category: ${meta.category}`,
    ...(meta.podSecurity ? [`- Pod Security Standards: ${meta.podSecurity.level}, ${meta.podSecurity.controls.map((control) => `"${control}"`).join(', ')} (in \`kubegate:pss-${meta.podSecurity.level}\`${meta.podSecurity.level === 'baseline' ? ' and `kubegate:pss-restricted`' : ''})`] : []),
    ...(meta.precision ? [`- Precision: ${meta.precision}`] : []),
    ...(meta.securitySeverity !== undefined ? [`- Security severity: ${meta.securitySeverity.toFixed(1)}`] : []),
    `- Applies to: ${entry.appliesTo}`,
    '',
    '### Why',
    '',
    meta.rationale,
    '',
    '### How to fix',
    '',
    meta.remediation,
    '',
    ...optionsMarkdown(entry),
    '### Examples',
    '',
    ...(examples ? [...exampleMarkdown('Invalid', examples.invalid), ...exampleMarkdown('Valid', examples.valid)] : [entry.noExample ?? noExample(meta.id), '']),
  ].join('\n');

  function exampleMarkdown(label: string, example: Example): string[] {
    return [`${label}:`, '', fenced(example.shown, 'yaml'), '', reportedMarkdown(exampleFindings(meta.id, example.source, rules)), ''];
  }
}

/**
 * The help a SARIF viewer shows beside an alert: why, how to fix, and the rule's own example
 * before and after, so a reviewer can act without leaving the pull request.
 */
export function ruleHelp(meta: RuleDescriptor, examples: Examples | undefined): RuleHelp {
  const docs = meta.docsUrl ? [`Documentation: ${meta.docsUrl}`] : [];
  const markdownExample = examples
    ? ['#### Example', '', 'Reported:', '', fenced(examples.invalid.shown, 'yaml'), '', 'Fixed:', '', fenced(examples.valid.shown, 'yaml'), '']
    : [];
  const textExample = examples ? ['Example (reported):', indent(examples.invalid.shown), '', 'Example (fixed):', indent(examples.valid.shown), ''] : [];
  return {
    markdown: [meta.description, '', '#### Why it matters', '', meta.rationale, '', '#### How to fix', '', meta.remediation, '', ...markdownExample, ...(meta.docsUrl ? [`[Documentation](${meta.docsUrl})`] : [])].join('\n'),
    text: [meta.description, '', 'Why it matters:', indent(meta.rationale, '  '), '', 'How to fix:', indent(meta.remediation, '  '), '', ...textExample, ...docs].join('\n'),
  };
}

function indent(text: string, prefix = '    '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : prefix + line))
    .join('\n');
}

/** The same content as `ruleDocMarkdown`, laid out for a terminal (`kubegate explain <id>`). */
export function ruleDocText(entry: DocEntry, examples: Examples | undefined, rules: readonly AnyRule[]): string {
  const { meta } = entry;
  const reported = (example: Example): string => {
    const findings = exampleFindings(meta.id, example.source, rules);
    return findings.length === 0 ? '  kubegate reports nothing for this rule.' : `  kubegate reports:\n${indent(findings.join('\n'))}`;
  };
  const options = entry.options ? ['', 'Options (defaults)', indent(JSON.stringify(entry.options.defaults, null, 2), '  ')] : [];
  const lines = [
    `${meta.id} (${meta.severity}, ${meta.category})`,
    '',
    meta.description,
    `Applies to: ${entry.appliesTo}`,
    '',
    'Why',
    indent(meta.rationale, '  '),
    '',
    'How to fix',
    indent(meta.remediation, '  '),
    ...options,
    '',
    ...(examples
      ? ['Invalid example', indent(examples.invalid.shown), reported(examples.invalid), '', 'Valid example', indent(examples.valid.shown), reported(examples.valid), '']
      : [entry.noExample ?? noExample(meta.id), '']),
  ];
  if (meta.docsUrl) lines.push(`Docs: ${meta.docsUrl}`, '');
  return lines.join('\n');
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rule list for README.md, each id linking to its section of docs/rules.md. */
export function rulesTableMarkdown(entries: readonly DocEntry[]): string {
  return [
    '| Rule | Category | Severity | Description |',
    '| --- | --- | --- | --- |',
    ...[...entries].sort(byId).map(({ meta }) => `| [${meta.id}](${RULES_DOC_PATH}#${meta.id}) | ${meta.category} | ${meta.enabledByDefault === false ? `off (${meta.severity})` : meta.severity} | ${tableCell(meta.description)} |`),
  ].join('\n');
}
