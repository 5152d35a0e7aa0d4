import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../src/core/format.js';
import type { Finding, Source } from '../src/core/types.js';
import { DIAGNOSTICS, type DiagnosticMeta } from '../src/engine/diagnostics.js';
import { applyFixes } from '../src/engine/fix.js';
import { lint } from '../src/engine/lint.js';
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
}

export interface ValidCase {
  name: string;
  /** Inline YAML, or a file under `fixtures/rules/<rule-id>/`. */
  code?: string;
  fixture?: string;
  /** Options for the rule, merged over its defaults and validated against its schema. */
  options?: Record<string, unknown>;
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

type Subject = { kind: 'rule'; rule: AnyRule } | { kind: 'diagnostic'; meta: DiagnosticMeta };

function metaOf(subject: Subject) {
  return subject.kind === 'rule' ? subject.rule.meta : subject.meta;
}

const isDiagnostic = (finding: Finding) => Object.hasOwn(DIAGNOSTICS, finding.ruleId);

/** Lints one source with the rule under test alone (input diagnostics always run). */
export function runSubject(subject: Subject, source: Source, options?: Record<string, unknown>): { own: Finding[]; others: Finding[] } {
  const id = metaOf(subject).id;
  const rules = subject.kind === 'rule' ? [subject.rule] : [];
  const result = lint([source], { rules, settings: options ? { [id]: { options } } : {} });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.map((error) => error.stack ?? error.message).join('\n'));
  return {
    own: result.findings.filter((finding) => finding.ruleId === id),
    others: result.findings.filter((finding) => finding.ruleId !== id),
  };
}

function checkCaseShape(subject: Subject, testCase: ValidCase): void {
  const meta = metaOf(subject);
  if (testCase.options === undefined) return;
  if (subject.kind !== 'rule' || !subject.rule.meta.options) throw new Error(`case "${testCase.name}" sets options, but ${meta.id} takes none`);
  validateOptions(meta.id, subject.rule.meta.options.schema, { ...(subject.rule.meta.options.defaults as object), ...testCase.options });
}

/** What a finding is, in the shape of an expectation: data only where the expectation has it. */
function asExpected(finding: Finding, expected: ExpectedFinding | undefined): ExpectedFinding {
  const shown: ExpectedFinding = { messageId: finding.messageId, line: finding.range.line, column: finding.range.column, endLine: finding.range.endLine, endColumn: finding.range.endColumn };
  if (expected?.data !== undefined) shown.data = { ...finding.data };
  return shown;
}

/**
 * Runs a rule's (or an input diagnostic's) valid and invalid cases, refusing what cannot fail:
 * duplicate cases, invalid cases that expect nothing, unknown message ids, options off the
 * schema, messages with unfilled placeholders, stray input diagnostics, unasserted fixes.
 */
export function ruleTester(subjectRule: AnyRule | DiagnosticMeta, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const subject: Subject = 'create' in subjectRule ? { kind: 'rule', rule: subjectRule } : { kind: 'diagnostic', meta: subjectRule };
  const meta = metaOf(subject);
  const id = meta.id;
  describe(id, () => {
    it('has distinct cases, each able to fail', () => {
      const seen = new Set<string>();
      for (const testCase of [...cases.valid, ...cases.invalid]) {
        const key = `${testCase.fixture ?? testCase.code}\u0000${JSON.stringify(testCase.options ?? {})}`;
        expect(seen.has(key), `duplicate case: ${testCase.name}`).toBe(false);
        seen.add(key);
        checkCaseShape(subject, testCase);
      }
      for (const testCase of cases.invalid) {
        expect(testCase.errors.length, `invalid case "${testCase.name}" expects no finding`).toBeGreaterThan(0);
        for (const error of testCase.errors) {
          expect(Object.keys(meta.messages), `case "${testCase.name}": unknown messageId`).toContain(error.messageId);
        }
      }
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const { own, others } = runSubject(subject, sourceOf(id, testCase), testCase.options);
        if (subject.kind === 'rule') expect(others.filter(isDiagnostic).map((f) => `${f.ruleId} ${f.message}`), 'input diagnostics in a valid case').toEqual([]);
        expect(own.map((f) => `${f.range.line}:${f.range.column} ${f.message}`)).toEqual([]);
      });
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const source = sourceOf(id, testCase);
        const { own, others } = runSubject(subject, source, testCase.options);
        if (subject.kind === 'rule') {
          expect(others.filter(isDiagnostic).map((f) => `${f.ruleId} ${f.range.line}:${f.range.column} ${f.message}`), 'input diagnostics in an invalid case: the fixture is broken').toEqual([]);
        }
        for (const finding of own) {
          expect(finding.message, 'message has an unfilled placeholder').not.toMatch(/\{\{\s*\w+\s*\}\}/);
          const template = meta.messages[finding.messageId] ?? '';
          for (const name of placeholdersOf(template)) expect(finding.data, `data for {{${name}}}`).toHaveProperty(name);
        }
        expect(own.map((finding, i) => asExpected(finding, testCase.errors[i]))).toEqual(testCase.errors);
        const fixed = applyFixes(source.text, source.path, own);
        if (testCase.output !== undefined) expect(fixed.text).toBe(testCase.output);
        else expect(fixed.applied, 'the rule offers a fix: assert it with `output`').toBe(0);
      });
    }
  });
}
