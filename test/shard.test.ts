import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../src/cli/args.js';
import { main, type CliIO } from '../src/cli/main.js';
import { loadSources } from '../src/load/sources.js';

const tree = mkdtempSync(path.join(tmpdir(), 'kubegate-shard-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const DEPLOYMENT = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0.0\n`;

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(tree, relative)), { recursive: true });
  writeFileSync(path.join(tree, relative), text);
}

// Two charts, an overlay nested below a plain folder (its base is a unit of the folder), a plain folder and a loose file: six units.
const FILES = [
  'charts/api/templates/deploy.yaml',
  'charts/api/templates/service.yaml',
  'charts/web/templates/deploy.yaml',
  'apps/shop/overlays/prod/deploy.yaml',
  'apps/shop/overlays/prod/patch.yaml',
  'apps/shop/base/deploy.yaml',
  'tools/job.yaml',
  'tools/cron/job.yaml',
  'loose.yaml',
];
for (const file of FILES) write(file, DEPLOYMENT(file.replace(/[^a-z]/g, '')));
write('charts/api/Chart.yaml', 'name: api\n');
write('charts/web/Chart.yaml', 'name: web\n');
write('apps/shop/overlays/prod/kustomization.yaml', 'resources: [deploy.yaml]\n');

async function shardFiles(spec: { index: number; count: number }, inputs = ['.']): Promise<string[]> {
  const loaded = await loadSources(inputs, { cwd: tree, readStdin: async () => new Uint8Array(), shard: spec });
  return loaded.sources.map((source) => source.path).filter((file) => !/Chart\.yaml|kustomization/.test(file));
}

const UNITS: string[][] = [
  ['charts/api/templates/deploy.yaml', 'charts/api/templates/service.yaml'],
  ['charts/web/templates/deploy.yaml'],
  ['apps/shop/overlays/prod/deploy.yaml', 'apps/shop/overlays/prod/patch.yaml'],
  ['tools/job.yaml', 'tools/cron/job.yaml'],
];

describe('--shard', () => {
  for (const count of [1, 2, 3, 5, 12]) {
    it(`splits the inputs into ${count} shards that cover every file exactly once, never splitting a chart, overlay or top-level folder`, async () => {
      const shards = await Promise.all(Array.from({ length: count }, (_, index) => shardFiles({ index: index + 1, count })));
      expect(shards.flat().sort()).toEqual([...FILES].sort());
      for (const unit of UNITS) {
        const holders = shards.filter((files) => unit.some((file) => files.includes(file)));
        expect(holders).toHaveLength(1);
        expect(unit.every((file) => holders[0]!.includes(file))).toBe(true);
      }
      // Repeatable: another job of the same matrix computes the same split.
      expect(await shardFiles({ index: 1, count })).toEqual(shards[0]);
    });
  }

  it('keeps files named one by one with their chart', async () => {
    const named = ['charts/api/templates/deploy.yaml', 'charts/api/templates/service.yaml', 'loose.yaml'];
    const [first, second] = await Promise.all([shardFiles({ index: 1, count: 2 }, named), shardFiles({ index: 2, count: 2 }, named)]);
    expect([...first!, ...second!].sort()).toEqual([...named].sort());
    const withChart = [first!, second!].find((files) => files.includes('charts/api/templates/deploy.yaml'))!;
    expect(withChart).toContain('charts/api/templates/service.yaml');
  });

  it('gives standard input to the first shard only', async () => {
    const stdin = async () => new TextEncoder().encode(DEPLOYMENT('piped'));
    const first = await loadSources(['-'], { cwd: tree, readStdin: stdin, shard: { index: 1, count: 2 } });
    const second = await loadSources(['-'], { cwd: tree, readStdin: stdin, shard: { index: 2, count: 2 } });
    expect(first.sources.map((source) => source.path)).toEqual(['<stdin>']);
    expect(second.sources).toEqual([]);
  });

  it('rejects a shard that is not i/n with 1 <= i <= n', () => {
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '2', '1/2/3']) {
      expect(() => parseCommandLine(['--shard', bad])).toThrow(UsageError);
    }
    const command = parseCommandLine(['--shard', '2/4']);
    expect(command.name === 'lint' && command.options.shard).toEqual({ index: 2, count: 4 });
  });

  it('names the shard in SARIF automationDetails, after --category, and says what it took on stderr', async () => {
    const out = path.join(tree, 'shard.sarif');
    let stderr = '';
    const io: CliIO = {
      cwd: tree,
      env: {},
      stdoutIsTTY: false,
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
      readStdin: async () => new Uint8Array(),
    };
    await main(['.', '--shard', '2/3', '--category', 'prod', '--output', `sarif:${out}`], io);
    const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ automationDetails: { id: string } }> };
    expect(log.runs[0]!.automationDetails.id).toBe('kubegate/prod/shard-2-of-3/');
    expect(stderr).toMatch(/^kubegate: shard 2\/3: \d+ of 6 units/m);
  });
});
