/**
 * Rendering cost: a folder of 20 small charts (copies of fixtures/charts/shop under other names),
 * linted by the whole CLI, against the floor of running `helm template` on each of them with the
 * same parallelism kubegate uses (one process per core). The ratio is what kubegate adds per chart
 * around helm: start-up, a wrapper per process, reading the output, linting and relocating.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './common.js';

export const CHARTS = 20;
const ROUNDS = 5;
const LIMIT = 2;
const AIM = 1.3;

export interface ChartsResult {
  charts: number;
  concurrency: number;
  /** Median wall time of the whole folder, and per chart. */
  floorMs: number;
  kubegateMs: number;
  floorPerChartMs: number;
  kubegatePerChartMs: number;
  ratio: number;
  limit: number;
  aim: number;
  pass: boolean;
  kubegateExitCodes: number[];
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The helm the benchmark runs: as the tests find it (KUBEGATE_HELM, PATH, then the fetched one). */
export function findHelm(root: string): string | undefined {
  if (process.env.KUBEGATE_HELM) return process.env.KUBEGATE_HELM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && executable(path.join(dir, 'helm'))) return path.join(dir, 'helm');
  const fetched = path.join(root, 'node_modules', '.cache', 'kubegate', 'helm');
  return executable(fetched) ? fetched : undefined;
}

function writeCharts(root: string, folder: string): string[] {
  const source = path.join(root, 'fixtures', 'charts', 'shop');
  const charts: string[] = [];
  for (let n = 1; n <= CHARTS; n++) {
    const dir = path.join(folder, `shop-${n}`);
    mkdirSync(dir, { recursive: true });
    cpSync(source, dir, { recursive: true });
    const chartFile = path.join(dir, 'Chart.yaml');
    writeFileSync(chartFile, readFileSync(chartFile, 'utf8').replace(/^name: shop$/m, `name: shop-${n}`));
    charts.push(dir);
  }
  return charts;
}

function runProcess(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/** `helm template` on every chart, `concurrency` at a time, as kubegate runs them. */
async function helmFloor(helm: string, charts: readonly string[], concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < charts.length) {
      const dir = charts[next++]!;
      const code = await runProcess(helm, ['template', path.basename(dir), dir, '--skip-tests']);
      if (code !== 0) throw new Error(`helm template ${dir} exited ${code}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

function kubegateRun(root: string, helm: string, folder: string): { ms: number; status: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [path.join(root, 'bin', 'kubegate.cjs'), folder, '--quiet'], { env: { ...process.env, KUBEGATE_HELM: helm }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) throw new Error(`kubegate ${folder} exited ${child.status}: ${child.stderr}`);
  return { ms, status: child.status };
}

/** The medians of a few rounds, each the floor then kubegate, so both see the same machine load. */
export async function measureCharts(root: string, scratch: string, helm: string): Promise<ChartsResult> {
  const folder = path.join(scratch, 'charts');
  const charts = writeCharts(root, folder);
  const concurrency = availableParallelism();
  // Warm-up: the first run of a binary pays for the page cache.
  await helmFloor(helm, charts, concurrency);
  kubegateRun(root, helm, folder);
  const floors: number[] = [];
  const runs: number[] = [];
  const codes = new Set<number>();
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await helmFloor(helm, charts, concurrency));
    const run = kubegateRun(root, helm, folder);
    runs.push(run.ms);
    codes.add(run.status);
  }
  const floorMs = median(floors);
  const kubegateMs = median(runs);
  const ratio = kubegateMs / floorMs;
  return {
    charts: CHARTS,
    concurrency,
    floorMs,
    kubegateMs,
    floorPerChartMs: floorMs / CHARTS,
    kubegatePerChartMs: kubegateMs / CHARTS,
    ratio,
    limit: LIMIT,
    aim: AIM,
    pass: ratio <= LIMIT,
    kubegateExitCodes: [...codes].sort(),
  };
}

export function describeCharts(result: ChartsResult): string {
  return (
    `  ${result.charts} small charts, ${result.concurrency} at a time: helm template alone ${(result.floorPerChartMs).toFixed(1)} ms per chart, ` +
    `kubegate ${(result.kubegatePerChartMs).toFixed(1)} ms per chart (the whole CLI run, start-up included; exit codes ${result.kubegateExitCodes.join('/')})`
  );
}
