import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '../src/engine/diagnostics.js';
import { defineRule } from '../src/engine/rule.js';
import { caseProblems, subjectOf, suiteProblems } from './rule-tester.js';

// The tester is what makes every rule test able to fail, so it is tested on rules built to break it.
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n';
const meta = {
  id: 'acme/sample',
  category: 'acme',
  severity: 'warning' as const,
  description: 'A sample rule.',
  rationale: 'For testing the tester.',
  remediation: 'None needed.',
  messages: { named: 'ConfigMap "{{name}}" found.' },
  appliesTo: ['ConfigMap'] as const,
};
const named = defineRule({ meta, check: (resource, context) => context.report({ messageId: 'named', data: { name: resource.name }, path: ['metadata', 'name'] }) });
const withoutData = defineRule({ meta, check: (_resource, context) => context.report({ messageId: 'named', path: ['metadata', 'name'] }) });
const fixing = defineRule({
  meta: { ...meta, fixable: true },
  check: (resource, context) => context.report({ messageId: 'named', data: { name: resource.name }, path: ['metadata', 'name'], fix: { path: ['metadata', 'name'], text: 'config' } }),
});
const withOptions = defineRule({
  meta: { ...meta, options: { schema: { type: 'object', properties: { max: { type: 'integer' } }, additionalProperties: false }, defaults: { max: 1 } } },
  check: () => {},
});

const expected = { messageId: 'named', data: { name: 'settings' }, line: 3, column: 18, endLine: 3, endColumn: 26 };

describe('the rule tester', () => {
  it('passes a case that matches exactly', () => {
    expect(caseProblems(subjectOf(named), { name: 'ok', code: CONFIG_MAP, errors: [expected] })).toEqual([]);
    expect(caseProblems(subjectOf(DIAGNOSTICS['yaml-syntax-error']), { name: 'clean', code: CONFIG_MAP })).toEqual([]);
  });

  it('fails a valid case that reports, and an invalid case at the wrong place or with the wrong data', () => {
    expect(caseProblems(subjectOf(named), { name: 'valid', code: CONFIG_MAP })).toEqual(['valid case reported: acme/sample 3:18 ConfigMap "settings" found.']);
    expect(caseProblems(subjectOf(named), { name: 'column', code: CONFIG_MAP, errors: [{ ...expected, column: 17 }] })[0]).toMatch(/^expected findings/);
    expect(caseProblems(subjectOf(named), { name: 'end', code: CONFIG_MAP, errors: [{ ...expected, endColumn: 30 }] })[0]).toMatch(/^expected findings/);
    expect(caseProblems(subjectOf(named), { name: 'data', code: CONFIG_MAP, errors: [{ ...expected, data: { name: 'other' } }] })[0]).toMatch(/^expected findings/);
  });

  it('fails a message with an unfilled placeholder', () => {
    const { data: _data, ...withoutExpectedData } = expected;
    expect(caseProblems(subjectOf(withoutData), { name: 'unfilled', code: CONFIG_MAP, errors: [withoutExpectedData] })).toEqual([
      'unfilled placeholder in: ConfigMap "{{name}}" found.',
      'messageId "named" reported without data for {{name}}',
    ]);
  });

  it('fails a case whose input has its own problems', () => {
    const broken = `${CONFIG_MAP}---\nkind: [\n`;
    expect(caseProblems(subjectOf(named), { name: 'broken', code: broken, errors: [expected] })).toEqual([
      'input diagnostic in the case (the fixture is broken?): yaml-syntax-error 5:7 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix it here; this document was not checked further.',
    ]);
  });

  it('requires fixes to be asserted, and checks them', () => {
    expect(caseProblems(subjectOf(fixing), { name: 'unasserted', code: CONFIG_MAP, errors: [expected] })).toEqual(['the rule offers a fix: assert it with `output`']);
    expect(caseProblems(subjectOf(fixing), { name: 'wrong', code: CONFIG_MAP, errors: [expected], output: CONFIG_MAP })[0]).toMatch(/^fixed output differs/);
    expect(caseProblems(subjectOf(fixing), { name: 'right', code: CONFIG_MAP, errors: [expected], output: CONFIG_MAP.replace('settings', 'config') })).toEqual([]);
  });

  it('refuses cases that cannot fail or test nothing real', () => {
    const problems = suiteProblems(subjectOf(named), {
      valid: [{ name: 'one', code: 'a: 1\n' }, { name: 'again', code: 'a: 1\n' }, { name: 'options', code: 'b: 1\n', options: { max: 2 } }],
      invalid: [{ name: 'nothing', code: CONFIG_MAP, errors: [] }, { name: 'unknown', code: `${CONFIG_MAP}#\n`, errors: [{ ...expected, messageId: 'nope' }] }],
    });
    expect(problems).toEqual([
      'duplicate case: again',
      'case "options" sets options, but acme/sample takes none',
      'invalid case "nothing" expects no finding',
      'case "unknown": unknown messageId "nope"',
    ]);
    expect(suiteProblems(subjectOf(named), { valid: [], invalid: [] })).toEqual(['no valid case', 'no invalid case']);
  });

  it('refuses options that do not match the rule\'s schema', () => {
    const problems = suiteProblems(subjectOf(withOptions), { valid: [{ name: 'typo', code: CONFIG_MAP, options: { maxx: 2 } }, { name: 'ok', code: `${CONFIG_MAP}#\n`, options: { max: 2 } }], invalid: [] });
    expect(problems).toEqual(['case "typo": rule acme/sample: options must NOT have additional properties "maxx"', 'no invalid case']);
  });
});
