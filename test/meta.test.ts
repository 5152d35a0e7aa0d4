import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { placeholdersOf } from '../src/core/format.js';
import type { RuleDescriptor } from '../src/core/types.js';
import { readExamples } from '../src/docs/rule-docs.js';
import { DIAGNOSTIC_LIST } from '../src/engine/diagnostics.js';
import { lint } from '../src/engine/lint.js';
import { RULE_ID } from '../src/engine/rule.js';
import { validateOptions } from '../src/engine/settings.js';
import { decodeSource } from '../src/load/decode.js';
import type { Source } from '../src/core/types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const root = (relative: string) => `${ROOT}${relative}`;
const ruleFiles = readdirSync(root('rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -3))
  .sort();

describe('rule registry', () => {
  it('lists every file in rules/, sorted by id, each once', () => {
    const ids = rules.map((rule) => rule.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(ruleFiles);
  });

  it('shares no id with an input diagnostic', () => {
    const diagnosticIds = new Set(DIAGNOSTIC_LIST.map((meta) => meta.id));
    expect(rules.filter((rule) => diagnosticIds.has(rule.meta.id as never))).toEqual([]);
  });
});

function checkDescriptor(meta: RuleDescriptor): void {
  expect(meta.id).toMatch(RULE_ID);
  for (const field of [meta.description, meta.rationale, meta.remediation]) {
    expect(field.trim().length).toBeGreaterThan(10);
    expect(field).toMatch(/[.)]$/);
  }
  expect(meta.description).not.toContain('\n');
  // Code scanning ranks alerts by precision, so every built-in rule states its own.
  expect(['very-high', 'high', 'medium', 'low']).toContain(meta.precision);
  if (meta.securitySeverity !== undefined) {
    expect(meta.securitySeverity).toBeGreaterThanOrEqual(0.1);
    expect(meta.securitySeverity).toBeLessThanOrEqual(10);
  }
  expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
  for (const [messageId, message] of Object.entries(meta.messages)) {
    expect(messageId).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(message.trim().length).toBeGreaterThan(10);
  }
}

/**
 * Diagnostics no manifest file can trigger, with the test that triggers them instead: a size
 * limit is met before any YAML is read, the safety net catches kubegate's own bugs, and a render
 * fails in helm or kustomize, before there is a manifest.
 */
const NO_FIXTURE = new Map([
  ['file-too-large', 'test/load.test.ts'],
  ['internal-error', 'test/safety-net.test.ts'],
  ['render-failed', 'test/render.test.ts'],
]);

const entries = [
  ...rules.map((rule) => ({ meta: rule.meta as RuleDescriptor, testImport: `rules/${rule.meta.id}.js`, rule })),
  ...DIAGNOSTIC_LIST.map((meta) => ({ meta, testImport: 'src/engine/diagnostics.js', rule: undefined })),
];

describe.each(entries.map((entry) => [entry.meta.id, entry] as const))('%s', (id, entry) => {
  const { meta, rule } = entry;

  if (rule) {
    it('is exported from the file named after its id', async () => {
      const module = (await import(`../rules/${id}.ts`)) as { default: unknown };
      expect(module.default).toBe(rule);
    });

    it('declares the kinds it applies to and valid option defaults', () => {
      const { appliesTo, options } = rule.meta;
      expect(appliesTo === '*' || appliesTo === 'workloads' || appliesTo.length > 0).toBe(true);
      if (options) validateOptions(id, options.schema, options.defaults);
    });
  }

  it('has complete metadata', () => checkDescriptor(meta));

  if (NO_FIXTURE.has(id)) return;

  it('has valid and invalid fixtures, examples and a test that exercises every message', () => {
    for (const file of [`fixtures/rules/${id}/valid.yaml`, `fixtures/rules/${id}/invalid.yaml`, `docs/examples/${id}/valid.yaml`, `docs/examples/${id}/invalid.yaml`]) {
      expect(existsSync(root(file)), file).toBe(true);
    }
    const testFile = root(`test/rules/${id}.test.ts`);
    expect(existsSync(testFile), 'test file').toBe(true);
    const test = readFileSync(testFile, 'utf8');
    expect(test).toContain(entry.testImport);
    for (const messageId of Object.keys(meta.messages)) expect(test, `no case asserts messageId '${messageId}'`).toContain(`messageId: '${messageId}'`);
  });

  // A rule that is off by default is judged as a user who turned it on would see it.
  const settings = meta.enabledByDefault === false ? { [id]: meta.severity } : {};
  const findingsOf = (source: Source) => lint([source], { rules, settings }).findings.filter((finding) => finding.ruleId === id);

  it('reports on its invalid fixture and example, and not on the valid ones', () => {
    expect(findingsOf(decodeSource('invalid.yaml', readFileSync(root(`fixtures/rules/${id}/invalid.yaml`)))).length).toBeGreaterThan(0);
    expect(findingsOf(decodeSource('valid.yaml', readFileSync(root(`fixtures/rules/${id}/valid.yaml`))))).toEqual([]);
    const examples = readExamples(ROOT, id)!;
    expect(findingsOf(examples.invalid.source).length).toBeGreaterThan(0);
    expect(findingsOf(examples.valid.source)).toEqual([]);
  });

  it('fills every placeholder of every message it reports on its fixtures', () => {
    const found = findingsOf(decodeSource('invalid.yaml', readFileSync(root(`fixtures/rules/${id}/invalid.yaml`))));
    for (const finding of found) {
      for (const name of placeholdersOf(meta.messages[finding.messageId]!)) expect(finding.data).toHaveProperty(name);
    }
  });
});

describe('diagnostics no manifest can trigger', () => {
  it('are triggered by a test of their own, every message included', () => {
    for (const [id, testFile] of NO_FIXTURE) {
      const test = readFileSync(root(testFile), 'utf8');
      const meta = DIAGNOSTIC_LIST.find((candidate) => candidate.id === id)!;
      for (const messageId of Object.keys(meta.messages)) expect(test, `${id}: no test asserts messageId '${messageId}'`).toMatch(new RegExp(`messageId: '${messageId}'|'${messageId}'\\]`));
    }
  });
});
