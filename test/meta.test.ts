import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import { decodeSource } from '../src/load/decode.js';
import type { Source } from '../src/parse/parse.js';
import { exampleSource } from '../src/report/rule-docs.js';
import { rules } from '../rules/index.js';

const root = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));
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
});

describe.each(rules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  const { meta } = rule;

  it('is exported from the file named after its id', async () => {
    const module = (await import(`../rules/${id}.ts`)) as { default: unknown };
    expect(module.default).toBe(rule);
  });

  it('has complete metadata', () => {
    expect(meta.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    for (const field of [meta.description, meta.rationale, meta.remediation]) {
      expect(field.trim().length).toBeGreaterThan(10);
      expect(field).toMatch(/[.)]$/);
    }
    expect(meta.description).not.toContain('\n');
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const message of Object.values<string>(meta.messages)) expect(message.trim().length).toBeGreaterThan(10);
    if (meta.stage === 'resource') {
      expect(rule.check).toBeTypeOf('function');
      expect(meta.kinds === 'workloads' || meta.kinds.length > 0).toBe(true);
    } else {
      expect(rule.check).toBeUndefined();
    }
  });

  it('has valid and invalid fixtures and a test file', () => {
    expect(existsSync(root(`fixtures/rules/${id}/valid.yaml`)), 'valid fixture').toBe(true);
    expect(existsSync(root(`fixtures/rules/${id}/invalid.yaml`)), 'invalid fixture').toBe(true);
    const testFile = root(`test/rules/${id}.test.ts`);
    expect(existsSync(testFile), 'test file').toBe(true);
    expect(readFileSync(testFile, 'utf8')).toContain(`rules/${id}.js`);
  });

  const findingsOf = (source: Source) => lint([source], { rules }).findings.filter((finding) => finding.ruleId === id);

  it('reports on its invalid fixture and not on its valid one', () => {
    expect(findingsOf(decodeSource('invalid.yaml', readFileSync(root(`fixtures/rules/${id}/invalid.yaml`)))).length).toBeGreaterThan(0);
    expect(findingsOf(decodeSource('valid.yaml', readFileSync(root(`fixtures/rules/${id}/valid.yaml`))))).toEqual([]);
  });

  it('has documentation examples that behave as documented', () => {
    expect(findingsOf(exampleSource(meta.example.invalid)).length).toBeGreaterThan(0);
    expect(findingsOf(exampleSource(meta.example.valid))).toEqual([]);
  });
});
