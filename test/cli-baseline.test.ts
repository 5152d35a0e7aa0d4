import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: web:1.0.0\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubegate-baseline-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env: {}, stdoutIsTTY: false, readStdin: async () => new Uint8Array() };
  return { code: await main(argv, io), stdout, stderr };
}

describe('--write-baseline and --baseline', () => {
  it('hide every old finding after lines are inserted at the top, and report a new problem with exit 1', async () => {
    writeFileSync(path.join(dir, 'pod.yaml'), POD);
    const written = await run(['pod.yaml', '--write-baseline', 'kubegate-baseline.json']);
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/^kubegate: wrote \d+ findings to the baseline kubegate-baseline\.json\n$/);
    expect(readFileSync(path.join(dir, 'kubegate-baseline.json'), 'utf8')).not.toMatch(/"line"|"column"/);

    writeFileSync(path.join(dir, 'pod.yaml'), `# a comment\n# and another\n\n${POD}`);
    const shifted = await run(['pod.yaml', '--baseline', 'kubegate-baseline.json']);
    expect(shifted.code).toBe(0);
    expect(shifted.stdout).toMatch(/^No problems found in 1 file \(1 resource\); \d+ suppressed\.\n$/);

    writeFileSync(path.join(dir, 'pod.yaml'), `# a comment\n# and another\n\n${POD}    - name: sidecar\n      image: proxy:latest\n      ports: [{containerPort: 15001}]\n`);
    const added = await run(['pod.yaml', '--baseline', 'kubegate-baseline.json', '-f', 'json']);
    expect(added.code).toBe(1);
    const active = (JSON.parse(added.stdout) as { ruleId: string; message: string; suppressions?: unknown }[]).filter((f) => !f.suppressions);
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((f) => f.message.includes('sidecar'))).toBe(true);
  });

  it('say when baselined problems are fixed, and drop them at the next write', async () => {
    writeFileSync(path.join(dir, 'pod.yaml'), POD.replace('web:1.0.0', 'web:latest'));
    await run(['pod.yaml', '--write-baseline', 'b.json']);
    writeFileSync(path.join(dir, 'pod.yaml'), POD);
    const fixed = await run(['pod.yaml', '--baseline', 'b.json', '--write-baseline', 'b.json']);
    expect(fixed.stderr).toContain('1 problem in the baseline no longer occurs; run with --write-baseline b.json to drop it');
    expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).not.toContain('mutable-image-tag');
  });

  it('carry baselined results in SARIF as external suppressions', async () => {
    writeFileSync(path.join(dir, 'pod.yaml'), POD);
    await run(['pod.yaml', '--write-baseline', 'b.json']);
    const sarif = JSON.parse((await run(['pod.yaml', '--baseline', 'b.json', '-f', 'sarif'])).stdout) as Log;
    const results = sarif.runs[0]!.results!;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.suppressions).toEqual([{ kind: 'external', justification: 'in the baseline b.json (recorded before)', properties: { kubegateKind: 'baseline' } }]);
  });

  it('a missing or malformed baseline is exit 2 with the file named', async () => {
    writeFileSync(path.join(dir, 'pod.yaml'), POD);
    expect(await run(['pod.yaml', '--baseline', 'nope.json'])).toMatchObject({ code: 2, stderr: 'kubegate: error: cannot read the baseline nope.json: ENOENT\n' });
    writeFileSync(path.join(dir, 'bad.json'), '{"version": 1, "files": 3}');
    const bad = await run(['pod.yaml', '--baseline', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kubegate: error: bad\.json: /);
  });
});
