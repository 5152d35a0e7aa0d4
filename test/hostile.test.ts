/**
 * Reproducers of input that once crashed, hung or flooded a run. Each must end quickly with
 * findings (or a one-line error for a write failure), never a stack trace, and the good file
 * beside the bad one must still be reported. The time bounds are hang guards, not benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/engine/lint.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'kubegate.cjs');
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  containers: [{name: c, image: "c:1.0.0"}]\n';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-hostile-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/** Lints `text` beside a good file and returns the rule ids found in each. */
function lintBeside(text: string) {
  const { value: result, ms } = timed(() => lint([{ path: 'bad.yaml', text }, { path: 'good.yaml', text: GOOD }], { rules }));
  expect(result.internalErrors).toEqual([]);
  expect(result.findings.some((f) => f.file === 'good.yaml' && f.ruleId === 'readiness-probe-missing')).toBe(true);
  // A lone ConfigMap is unused, which is true and beside the point of these inputs.
  return { bad: result.findings.filter((f) => f.file === 'bad.yaml' && f.ruleId !== 'unused-configmap'), ms };
}

function aliasLevels(levels: number, leaf: string): string {
  const lines = [`x0: &x0 [${Array(10).fill(leaf).join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('input that crashed the parser', () => {
  for (const [name, text] of [
    ['an alias to no anchor', `${CONFIG_MAP}data: {a: *x}\n`],
    ['an empty merge key', `${CONFIG_MAP}data:\n  <<:\n  b: "1"\n`],
    ['a merge cycle', `${CONFIG_MAP}a: &a {<<: *b}\nb: &b {<<: *a}\n`],
  ] as const) {
    it(`${name} becomes a syntax error, and the CLI still writes SARIF for both files`, () => {
      expect(lintBeside(text).bad.map((f) => f.ruleId)).toEqual(['yaml-syntax-error']);
      writeFileSync(path.join(scratch, 'bad.yaml'), text);
      writeFileSync(path.join(scratch, 'good.yaml'), GOOD);
      const run = spawnSync(process.execPath, [BIN, 'bad.yaml', 'good.yaml', '-f', 'sarif'], { cwd: scratch, encoding: 'utf8', timeout: 20_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const files = new Set((JSON.parse(run.stdout) as Log).runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
      expect(files).toEqual(new Set(['bad.yaml', 'good.yaml']));
    });
  }

  it('130,000 template values in one object do not overflow the stack', () => {
    const text = `${CONFIG_MAP}data:\n${Array.from({ length: 130_000 }, (_, i) => `  k${i}: "{{ .Values.x }}"`).join('\n')}\n`;
    const { bad, ms } = lintBeside(text);
    expect(bad).toHaveLength(130_000);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('aliases that expand to millions of nodes', () => {
  it('an alias bomb with a template string, even one only in a comment, is read once', () => {
    const bomb = `${CONFIG_MAP}# {{ .Values.note }}\n${aliasLevels(9, 'ha')}`;
    const { bad, ms } = lintBeside(bomb);
    // The bomb's keys (x0…x8) are made up, which the schema rightly reports once each; the point is that it is read once.
    expect(bad.filter((finding) => finding.ruleId !== 'schema-unknown-field')).toEqual([]);
    expect(bad.map((finding) => finding.ruleId)).toEqual(Array(9).fill('schema-unknown-field'));
    expect(ms).toBeLessThan(5_000);
  });

  it('a quantity set to an alias bomb is shown in a few characters', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n${aliasLevels(7, 'a')}spec:\n  containers:\n    - name: c\n      image: "c:1"\n      resources: {requests: {memory: *x6}}\n`;
    const { bad, ms } = lintBeside(pod);
    const invalid = bad.find((f) => f.ruleId === 'invalid-quantity')!;
    expect(invalid.message.length).toBeLessThan(400);
    expect(ms).toBeLessThan(5_000);
  });

  it('two probes made of aliases are compared without expanding them', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n${aliasLevels(9, 'a')}spec:\n  containers:\n    - name: c\n      image: "c:1"\n      readinessProbe: {exec: {command: *x8}}\n      livenessProbe: {exec: {command: [${Array(10).fill('*x7').join(', ')}]}}\n`;
    expect(lintBeside(pod).ms).toBeLessThan(5_000);
  });

  it('a recursive alias with a template string', () => {
    const { bad } = lintBeside(`${CONFIG_MAP}a: &a {b: *a, c: "{{ .Values.x }}"}\ndata: {k: "1", k: "2"}\n`);
    expect(bad.map((f) => f.ruleId).sort()).toEqual(['duplicate-key', 'unrendered-template']);
  });
});

describe('work that grew faster than the input', () => {
  it('one duplicate key in a 50,000-key mapping', () => {
    const text = `${CONFIG_MAP}data:\n${Array.from({ length: 50_000 }, (_, i) => `  k${i}: "v"`).join('\n')}\n  k7: "again"\n`;
    const { bad, ms } = lintBeside(text);
    expect(bad.map((f) => [f.ruleId, f.range.line])).toEqual([['duplicate-key', 50_005]]);
    expect(ms).toBeLessThan(20_000);
  });

  it('a merge-key chain ends at the alias budget', () => {
    const chain = `${CONFIG_MAP}${Array.from({ length: 700 }, (_, i) => `k${i}: &a${i} {${i > 0 ? `<<: *a${i - 1}, ` : ''}v${i}: "${i}"}`).join('\n')}\n`;
    const { bad, ms } = lintBeside(chain);
    expect(bad.map((f) => f.messageId)).toEqual(['aliasBudget']);
    expect(ms).toBeLessThan(5_000);
  });

  it('a very long Kustomize origin annotation', () => {
    const text = `${CONFIG_MAP.replace('metadata: {name: a}\n', '')}metadata:\n  name: a\n  annotations:\n    config.kubernetes.io/origin: "path:${' '.repeat(100_000)}x${' '.repeat(100_000)}!"\n`;
    expect(lintBeside(text).ms).toBeLessThan(5_000);
  });

  it('findings on every container of a long list', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${Array.from({ length: 5_000 }, (_, i) => `    - name: c${i}\n      image: "i:1"`).join('\n')}\n`;
    const { bad, ms } = lintBeside(pod);
    expect(bad.filter((f) => f.ruleId === 'readiness-probe-missing').at(-1)!.range.line).toBe(5 + 2 * 5_000 - 1);
    expect(ms).toBeLessThan(20_000);
  });
});

describe('output that cannot be forged', () => {
  it('escapes control and bidi characters from the input in the text report', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "evil\\e[2J\\rNo problems found\\u202e"\nspec:\n  containers: [{name: "c\\e[31m", image: "c:1"}]\n';
    writeFileSync(path.join(scratch, 'evil\u001b[0m.yaml'), text);
    const run = spawnSync(process.execPath, [BIN, '.'], { cwd: scratch, encoding: 'utf8', timeout: 20_000 });
    const own = run.stdout.split('\n').filter((line) => line.includes('evil'));
    expect(own.length).toBeGreaterThan(0);
    for (const line of own) expect(line).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(run.stdout).toContain('Pod/evil\\x1b[2J\\x0dNo problems found\\u202e');
    expect(run.stdout).toContain('evil\\x1b[0m.yaml');
    expect(run.stdout).toContain('Container "c\\x1b[31m"');
  });
});

describe('write errors end in one line and exit 2', () => {
  for (const [name, target] of [
    ['a full device', '/dev/full'],
    ['a name too long for the file system', `${'x'.repeat(300)}.sarif`],
  ] as const) {
    it(name, () => {
      const run = spawnSync(process.execPath, [BIN, path.join(ROOT, 'fixtures/demo'), '-f', 'sarif', '-o', target], { cwd: scratch, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^kubegate: error: cannot write the report to .*: (ENOSPC|ENAMETOOLONG)\n$/);
    });
  }

  it('standard output on a full device', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" "${path.join(ROOT, 'fixtures/demo')}" > /dev/full`], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kubegate: error: cannot write to standard output: ENOSPC\n$/);
  });

  it('a reader that goes away (`kubegate … | head -1`) ends quietly', () => {
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" "${path.join(ROOT, 'fixtures/demo')}" "${path.join(ROOT, 'fixtures/rules')}" | head -c 10 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).toMatch(/status [01]\n$/);
  });
});
