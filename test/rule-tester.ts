import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../src/core/format.js';
import type { Finding, Severity, Source } from '../src/core/types.js';
import { DIAGNOSTICS, type DiagnosticMeta } from '../src/engine/diagnostics.js';
import { applyFixes } from '../src/engine/fix.js';
import { lint } from '../src/engine/lint.js';
import type { IndexOptions } from '../src/model/index.js';
import type { AnyRule } from '../src/engine/rule.js';
import { validateOptions } from '../src/engine/settings.js';
import { decodeSource } from '../src/load/decode.js';

/** One expected finding: which message, with what data, and exactly where. */
export interface ExpectedFinding {
  messageId: string;
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The finding's severity, asserted when given (rules that report a weaker case one level down). */
  severity?: Severity;
  /** The other object's locations (SARIF relatedLocations), asserted when given. */
  related?: { line: number; column: number; message?: string }[];
}

export interface ValidCase {
  name: string;
  /** Inline YAML, or a file under `fixtures/rules/<rule-id>/`. */
  code?: string;
  fixture?: string;
  /** Options for the rule, merged over its defaults and validated against its schema. */
  options?: Record<string, unknown>;
  /** The run's default namespace, completeness and external objects (the index options); a complete run by default. */
  world?: IndexOptions;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The source after applying the rule's fixes; required when the rule offers any. */
  output?: string;
}

const FIXTURES = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));

export function fixturePath(ruleId: string, name: string): string {
  return `${FIXTURES}${ruleId}/${name}`;
}

function sourceOf(ruleId: string, testCase: ValidCase): Source {
  if ((testCase.code === undefined) === (testCase.fixture === undefined)) {
    throw new Error(`case "${testCase.name}" needs exactly one of code or fixture`);
  }
  if (testCase.fixture !== undefined) {
    // Through the loader's decoder, as the CLI reads files, so encoding fixtures behave as in a real run.
    return decodeSource(`fixtures/rules/${ruleId}/${testCase.fixture}`, readFileSync(fixturePath(ruleId, testCase.fixture)));
  }
  return { path: 'inline.yaml', text: testCase.code! };
}

export type Subject = { kind: 'rule'; rule: AnyRule } | { kind: 'diagnostic'; meta: DiagnosticMeta };

export function subjectOf(subject: AnyRule | DiagnosticMeta): Subject {
  return 'create' in subject ? { kind: 'rule', rule: subject } : { kind: 'diagnostic', meta: subject };
}

function metaOf(subject: Subject) {
  return subject.kind === 'rule' ? subject.rule.meta : subject.meta;
}

const isDiagnostic = (finding: Finding) => Object.hasOwn(DIAGNOSTICS, finding.ruleId);

/** Lints one source with the rule under test alone (input diagnostics always run). */
export function runSubject(subject: Subject, source: Source, options?: Record<string, unknown>, world?: IndexOptions): { own: Finding[]; others: Finding[] } {
  const id = metaOf(subject).id;
  const rules = subject.kind === 'rule' ? [subject.rule] : [];
  const result = lint([source], { rules, settings: options ? { [id]: { options } } : {}, ...(world ? { world } : {}) });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.map((error) => error.stack ?? error.message).join('\n'));
  return {
    own: result.findings.filter((finding) => finding.ruleId === id),
    others: result.findings.filter((finding) => finding.ruleId !== id),
  };
}

/** What asserting `expected` needs of a finding: data only where the expectation has it. */
function asExpected(finding: Finding, expected: ExpectedFinding | undefined): ExpectedFinding {
  const shown: ExpectedFinding = { messageId: finding.messageId, line: finding.range.line, column: finding.range.column, endLine: finding.range.endLine, endColumn: finding.range.endColumn };
  if (expected?.data !== undefined) shown.data = { ...finding.data };
  if (expected?.severity !== undefined) shown.severity = finding.severity;
  if (expected?.related !== undefined) {
    shown.related = (finding.related ?? []).map((related, index) => {
      const location: { line: number; column: number; message?: string } = { line: related.range.line, column: related.range.column };
      if (expected.related![index]?.message !== undefined) location.message = related.message;
      return location;
    });
  }
  return shown;
}

type Cases = { valid: ValidCase[]; invalid: InvalidCase[] };

/** What is wrong with a set of cases as a whole: cases that cannot fail, or that test nothing real. */
export function suiteProblems(subject: Subject, cases: Cases): string[] {
  const meta = metaOf(subject);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const testCase of [...cases.valid, ...cases.invalid]) {
    const key = `${testCase.fixture ?? testCase.code}\u0000${JSON.stringify(testCase.options ?? {})}\u0000${JSON.stringify(testCase.world ?? {})}`;
    if (seen.has(key)) problems.push(`duplicate case: ${testCase.name}`);
    seen.add(key);
    if (testCase.options === undefined) continue;
    if (subject.kind !== 'rule' || !subject.rule.meta.options) {
      problems.push(`case "${testCase.name}" sets options, but ${meta.id} takes none`);
      continue;
    }
    try {
      validateOptions(meta.id, subject.rule.meta.options.schema, { ...(subject.rule.meta.options.defaults as object), ...testCase.options });
    } catch (error) {
      problems.push(`case "${testCase.name}": ${(error as Error).message}`);
    }
  }
  for (const testCase of cases.invalid) {
    if (testCase.errors.length === 0) problems.push(`invalid case "${testCase.name}" expects no finding`);
    for (const error of testCase.errors) {
      if (!Object.hasOwn(meta.messages, error.messageId)) problems.push(`case "${testCase.name}": unknown messageId "${error.messageId}"`);
    }
  }
  if (cases.valid.length === 0) problems.push('no valid case');
  if (cases.invalid.length === 0) problems.push('no invalid case');
  return problems;
}

const describeFinding = (finding: Finding) => `${finding.ruleId} ${finding.range.line}:${finding.range.column} ${finding.message}`;

/** What is wrong with one case's outcome; empty when the rule did exactly what the case says. */
export function caseProblems(subject: Subject, testCase: ValidCase | InvalidCase): string[] {
  const meta = metaOf(subject);
  const source = sourceOf(meta.id, testCase);
  const { own, others } = runSubject(subject, source, testCase.options, testCase.world);
  const problems: string[] = [];
  if (subject.kind === 'rule') {
    for (const stray of others.filter(isDiagnostic)) problems.push(`input diagnostic in the case (the fixture is broken?): ${describeFinding(stray)}`);
  }
  if (!('errors' in testCase)) {
    for (const finding of own) problems.push(`valid case reported: ${describeFinding(finding)}`);
    return problems;
  }
  for (const finding of own) {
    if (/\{\{\s*\w+\s*\}\}/.test(finding.message)) problems.push(`unfilled placeholder in: ${finding.message}`);
    for (const name of placeholdersOf(meta.messages[finding.messageId] ?? '')) {
      if (finding.data?.[name] === undefined) problems.push(`messageId "${finding.messageId}" reported without data for {{${name}}}`);
    }
  }
  const actual = own.map((finding, i) => asExpected(finding, testCase.errors[i]));
  if (!isDeepStrictEqual(actual, testCase.errors)) {
    problems.push(`expected findings ${JSON.stringify(testCase.errors)}\n     but got ${JSON.stringify(actual)}`);
  }
  const fixed = applyFixes(source.text, source.path, own);
  if (testCase.output !== undefined && fixed.text !== testCase.output) problems.push(`fixed output differs:\n${fixed.text}`);
  if (testCase.output === undefined && fixed.applied > 0) problems.push('the rule offers a fix: assert it with `output`');
  return problems;
}

/**
 * Runs a rule's (or an input diagnostic's) valid and invalid cases, refusing what cannot fail:
 * duplicate cases, invalid cases that expect nothing, unknown message ids, options off the
 * schema, messages with unfilled placeholders, stray input diagnostics, unasserted fixes.
 */
export function ruleTester(subjectRule: AnyRule | DiagnosticMeta, cases: Cases): void {
  const subject = subjectOf(subjectRule);
  describe(metaOf(subject).id, () => {
    it('has distinct cases, each able to fail', () => {
      expect(suiteProblems(subject, cases)).toEqual([]);
    });
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        expect(caseProblems(subject, testCase)).toEqual([]);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        expect(caseProblems(subject, testCase)).toEqual([]);
      });
    }
  });
}
