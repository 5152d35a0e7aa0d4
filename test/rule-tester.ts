import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import { decodeSource } from '../src/load/decode.js';
import type { Source } from '../src/parse/parse.js';
import type { Finding, Rule } from '../src/engine/types.js';
import { rules as allRules } from '../rules/index.js';

/** One expected finding: the message (exact text) and where it starts; the end is checked when given. */
export interface ExpectedFinding {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface ValidCase {
  name: string;
  /** Inline YAML, or a file under `fixtures/rules/<rule-id>/`. */
  code?: string;
  fixture?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
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
    const path = fixturePath(ruleId, testCase.fixture);
    // Through the loader's decoder, as the CLI reads files, so encoding fixtures behave as in a real run.
    return decodeSource(`fixtures/rules/${ruleId}/${testCase.fixture}`, readFileSync(path));
  }
  return { path: 'inline.yaml', text: testCase.code! };
}

const parseRules = allRules.filter((rule) => rule.meta.stage === 'parse');

/** Lints one source with the rule under test (plus the parser's own rules, so broken fixtures show). */
export function runRule(rule: Rule, source: Source): { own: Finding[]; others: Finding[] } {
  const rules = rule.meta.stage === 'parse' ? parseRules : [...parseRules, rule];
  const result = lint([source], { rules });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.join('\n'));
  return {
    own: result.findings.filter((finding) => finding.ruleId === rule.meta.id),
    others: result.findings.filter((finding) => finding.ruleId !== rule.meta.id),
  };
}

/**
 * Runs a rule's valid and invalid cases. Valid cases must produce no finding of the rule; invalid
 * ones exactly the listed findings, in order, with message, line and column. Duplicate cases and
 * invalid cases that expect nothing are rejected, so every case can fail.
 */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  describe(id, () => {
    it('has no duplicate cases and every invalid case expects a finding', () => {
      const seen = new Set<string>();
      for (const testCase of [...cases.valid, ...cases.invalid]) {
        const key = testCase.fixture ?? testCase.code!;
        expect(seen.has(key), `duplicate case: ${testCase.name}`).toBe(false);
        seen.add(key);
      }
      for (const testCase of cases.invalid) expect(testCase.errors.length, testCase.name).toBeGreaterThan(0);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const { own, others } = runRule(rule, sourceOf(id, testCase));
        expect(others.filter((finding) => finding.severity === 'error' && rule.meta.stage !== 'parse').map((f) => f.message)).toEqual([]);
        expect(own.map((f) => `${f.range.line}:${f.range.column} ${f.message}`)).toEqual([]);
      });
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const { own } = runRule(rule, sourceOf(id, testCase));
        const actual = own.map((finding, i) => {
          const expected = testCase.errors[i];
          const shown: ExpectedFinding = { message: finding.message, line: finding.range.line, column: finding.range.column };
          if (expected?.endLine !== undefined) shown.endLine = finding.range.endLine;
          if (expected?.endColumn !== undefined) shown.endColumn = finding.range.endColumn;
          return shown;
        });
        expect(actual).toEqual(testCase.errors);
      });
    }
  });
}
