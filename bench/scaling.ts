/**
 * How kubegate's time and memory grow with its input: whole CLI runs on 1×, 10× and 100× about a
 * thousand generated workloads, laid out as one multi-document file and as files of 100 documents.
 *
 * Whole processes rather than in-process runs, because that is what a user waits for and because
 * peak memory is only honest for a process of its own: in the benchmark's process the heap also
 * holds the benchmark and whatever earlier runs left for the collector.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { constants, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DiagnosticId } from '../src/core/types.js';
import { DIAGNOSTIC_LIST } from '../src/engine/diagnostics.js';
import { median, table } from './common.js';
import { DOCUMENTS_PER_FILE, prng, WORKLOAD_SEED, workloadFile } from './workloads.js';

/** 1× is about a thousand resources: a large repository or a big Helm release. */
const BASE_RESOURCES = 1000;
const SCALES = [1, 10, 100] as const;
type Scale = (typeof SCALES)[number];
/** Ten times the input may cost at most this many times the time: linear, with a little room for noise. */
const SCALING_LIMIT = 11;
/** A run this long is reported as a time-out rather than waited for: the bench has to end. */
const TIMEOUT_MS = 120_000;
/** After the SIGINT of a time-out, how long kubegate gets before SIGKILL. */
const KILL_GRACE_MS = 5_000;

interface Plan {
  warmUp: boolean;
  runs: number;
}
// A 100× run takes half a minute or more, so it runs once and without a warm-up (the inputs were
// just written, so the page cache is warm anyway): repeating it would about double the bench's length.
const PLANS: Record<Scale, Plan> = { 1: { warmUp: true, runs: 3 }, 10: { warmUp: true, runs: 3 }, 100: { warmUp: false, runs: 1 } };

const LAYOUTS = ['one file', 'many files'] as const;
type Layout = (typeof LAYOUTS)[number];

export interface ProcessRun {
  /** `incomplete`: kubegate finished, but its report says it did not read all of the input (a refused file, say). */
  outcome: 'ok' | 'incomplete' | 'failed' | 'timed out' | 'crashed';
  ms: number;
  /** Max RSS of the kubegate process in KiB. For a time-out it is the peak until kubegate was stopped; absent when the meter could not tell. */
  peakKiB?: number;
  exitCode: number | null;
  signal: string | null;
  /** Findings in the report, when there was one to read. */
  findings?: number;
  /** What went wrong, from kubegate's stderr or report, when the run did not succeed. */
  message?: string;
}

export interface ScalingPoint {
  layout: Layout;
  scale: Scale;
  resources: number;
  files: number;
  bytes: number;
  warmUp: boolean;
  /** `skipped` when the same layout did not finish at the size below (a bigger input would not either); its input is then never written. */
  outcome: ProcessRun['outcome'] | 'skipped';
  /** The measured runs, warm-up excluded; after a run that did not succeed the size is not repeated. */
  runs: ProcessRun[];
  /** Findings in the report: they should grow with the input like everything else. */
  findings?: number;
  /** The 1-minute load average once this size was done: sizes run one after another, so a busy spell lands on one size only. */
  loadAverage?: number;
  /** Medians over the runs, when every run succeeded. */
  ms?: number;
  peakKiB?: number;
  msPerResource?: number;
  kibPerResource?: number;
  peakPerInputByte?: number;
}

export interface ScalingRatio {
  name: string;
  /** Larger over smaller; with `timeAtLeast`, a lower bound because the larger run timed out. */
  time?: number;
  timeAtLeast?: boolean;
  peak?: number;
  limit?: number;
  verdict: 'PASS' | 'FAIL' | 'n/a' | 'info';
  why?: string;
}

export interface ScalingResult {
  meter: string;
  /** Extra CLI arguments every run got, and why. */
  extraArgs: string[];
  extraArgsReason?: string;
  timeoutMs: number;
  limit: number;
  plans: Record<Scale, Plan>;
  points: ScalingPoint[];
  ratios: ScalingRatio[];
  failed: number;
}

// ---------------------------------------------------------------------------------------------
// Peak memory. Node cannot read a child's rusage, so the child reports its own or GNU time does.

interface Meter {
  name: string;
  command(argv: readonly string[], peakFile: string): { file: string; args: string[]; env: NodeJS.ProcessEnv };
  /** The peak in KiB, and the signal that ended kubegate when the meter sits between it and us. */
  read(peakFile: string): { peakKiB?: number; signal?: string };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function signalName(number: number): string {
  return Object.entries(constants.signals).find(([, value]) => value === number)?.[0] ?? `signal ${number}`;
}

/** GNU time reads the rusage the kernel keeps for the exited child, so a crashed or stopped run still has its peak. */
const gnuTime: Meter = {
  name: 'GNU time (/usr/bin/time -f %M): max RSS of the node process',
  command: (argv, peakFile) => ({ file: '/usr/bin/time', args: ['-f', '%M', '-o', peakFile, process.execPath, ...argv], env: process.env }),
  read(peakFile) {
    // The last line is %M; a line before it says so when the command died of a signal.
    const text = readText(peakFile).trim();
    const last = text.split('\n').at(-1) ?? '';
    const killed = /terminated by signal (\d+)/.exec(text);
    return { ...(/^\d+$/.test(last) ? { peakKiB: Number(last) } : {}), ...(killed ? { signal: signalName(Number(killed[1])) } : {}) };
  },
};

/** Without GNU time (Debian leaves it out by default), the process reports its own peak as it exits; a crash leaves no report. */
function exitHook(scratch: string): Meter {
  const hook = path.join(scratch, 'report-peak.cjs');
  writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.KUBEGATE_BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS)));\n");
  return {
    name: 'process.resourceUsage().maxRSS at exit (GNU time not found; crashed runs have no peak)',
    command: (argv, peakFile) => ({ file: process.execPath, args: ['--require', hook, ...argv], env: { ...process.env, KUBEGATE_BENCH_PEAK_FILE: peakFile } }),
    read(peakFile) {
      const text = readText(peakFile).trim();
      return /^\d+$/.test(text) ? { peakKiB: Number(text) } : {};
    },
  };
}

function pickMeter(scratch: string): Meter {
  if (existsSync('/usr/bin/time')) {
    // BusyBox and BSD time take other options; use it only once it has shown it speaks GNU.
    const probe = path.join(scratch, 'probe-peak.txt');
    const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', probe, process.execPath, '-e', '0'], { stdio: 'ignore' });
    if (run.status === 0 && gnuTime.read(probe).peakKiB !== undefined) return gnuTime;
  }
  return exitHook(scratch);
}

// ---------------------------------------------------------------------------------------------
// One whole run

function lastWords(stderr: string): string | undefined {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  // V8's out-of-memory report ends in a native stack, and kubegate follows its error with advice:
  // the first line of either is the one that explains.
  return lines.find((line) => /FATAL ERROR|kubegate: error:/.test(line)) ?? lines.at(-1);
}

const DIAGNOSTIC_IDS = new Set(DIAGNOSTIC_LIST.map((diagnostic) => diagnostic.id));

/**
 * The findings in a JSON report, and those that say an input was not (fully) read: a refused
 * file, a syntax error, an internal error. The generated input provokes none of those, so one
 * means a run skipped work and its time is not the time of linting the input. Counted a block at
 * a time: at 100× the report is over 600 MB, more than one JavaScript string can hold, and reading
 * it whole called a finished run unfinished.
 */
function readReport(reportFile: string): { findings: number; inputProblems: string[] } | undefined {
  let fd: number;
  try {
    fd = openSync(reportFile, 'r');
  } catch {
    return undefined;
  }
  const ruleIds = /"ruleId":\s*"([^"]+)"/g;
  let findings = 0;
  const inputProblems = new Set<string>();
  let opened = false;
  try {
    const block = Buffer.allocUnsafe(16 * 1024 * 1024);
    // The text after the last whole match, carried into the next block, where a match cut by the block's end is completed.
    let carried = '';
    for (let read = readSync(fd, block, 0, block.length, null); read > 0; read = readSync(fd, block, 0, block.length, null)) {
      // latin1 maps each byte to one character: what is searched for is ASCII, and no character is cut in two.
      const text = carried + block.toString('latin1', 0, read);
      if (!opened) {
        if (!text.trimStart().startsWith('[')) return undefined;
        opened = true;
      }
      let matchedTo = 0;
      for (const match of text.matchAll(ruleIds)) {
        findings++;
        if (DIAGNOSTIC_IDS.has(match[1] as DiagnosticId)) inputProblems.add(match[1]!);
        matchedTo = match.index + match[0].length;
      }
      carried = text.slice(Math.max(matchedTo, text.length - 256));
    }
  } finally {
    closeSync(fd);
  }
  return opened ? { findings, inputProblems: [...inputProblems] } : undefined;
}

interface RunSpec {
  root: string;
  meter: Meter;
  input: string;
  resources: number;
  extraArgs: readonly string[];
  peakFile: string;
  reportFile: string;
}

function runKubegate(spec: RunSpec): Promise<ProcessRun> {
  const { root, meter, peakFile, reportFile } = spec;
  rmSync(peakFile, { force: true });
  rmSync(reportFile, { force: true });
  // JSON into a file rather than /dev/null, to be read afterwards: a run that refused its input must not pass for a fast one.
  const argv = [path.join(root, 'bin', 'kubegate.cjs'), spec.input, '--format', 'json', '-o', reportFile, ...spec.extraArgs];
  const { file, args, env } = meter.command(argv, peakFile);
  return new Promise((resolve) => {
    const t0 = performance.now();
    // Its own process group, so a time-out reaches kubegate and not only the meter in front of it.
    const child = spawn(file, args, { cwd: root, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    let timedOut = false;
    let hardKill: NodeJS.Timeout | undefined;
    // SIGINT first: GNU time ignores it while it waits, so it still records the peak so far.
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup('SIGINT');
      hardKill = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    }, TIMEOUT_MS);
    const finish = (run: ProcessRun) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      resolve(run);
    };
    child.on('error', (error) => finish({ outcome: 'failed', ms: performance.now() - t0, exitCode: null, signal: null, message: error.message }));
    child.on('close', (code, closeSignal) => {
      const ms = performance.now() - t0;
      const measured = meter.read(peakFile);
      const signal = measured.signal ?? closeSignal;
      const exitCode = signal ? null : code;
      const peak = measured.peakKiB !== undefined ? { peakKiB: measured.peakKiB } : {};
      if (timedOut || signal || (exitCode !== 0 && exitCode !== 1)) {
        const outcome = timedOut ? 'timed out' : signal ? 'crashed' : 'failed';
        const message = lastWords(stderr);
        finish({ outcome, ms, ...peak, exitCode, signal, ...(message ? { message } : {}) });
        return;
      }
      // Exit 1 only means kubegate found something, which the generated input is made to provoke.
      const report = readReport(reportFile);
      if (!report) {
        finish({ outcome: 'incomplete', ms, ...peak, exitCode, signal, message: 'kubegate wrote no JSON report' });
      } else if (report.inputProblems.length > 0) {
        finish({ outcome: 'incomplete', ms, ...peak, exitCode, signal, findings: report.findings, message: `the report has ${report.inputProblems.join(', ')} findings: kubegate did not read all of the input` });
      } else {
        finish({ outcome: 'ok', ms, ...peak, exitCode, signal, findings: report.findings });
      }
    });
  });
}

/**
 * A CLI that refuses big files by default (`--max-file-size`) would answer the 100× single file
 * with one finding in a blink; the point here is how the work grows, so the limit is raised.
 */
function extraArguments(root: string): { args: string[]; reason?: string } {
  const help = spawnSync(process.execPath, [path.join(root, 'bin', 'kubegate.cjs'), '--help'], { encoding: 'utf8' });
  if (!/--max-file-size\b/.test(help.stdout ?? '')) return { args: [] };
  return { args: ['--max-file-size', String(2 ** 30)], reason: 'the 100× single file is over the CLI\'s default --max-file-size, so every run raises it to 1 GiB' };
}

// ---------------------------------------------------------------------------------------------
// Inputs

interface Inputs {
  oneFile: string;
  manyFiles: string;
  files: number;
  bytes: number;
}

/** The same bytes twice: file by file into a folder, and all of it into one file. Streamed, so 150 MB never sits in memory. */
function writeInputs(directory: string, resources: number): Inputs {
  const manyFiles = path.join(directory, 'many');
  mkdirSync(manyFiles, { recursive: true });
  const oneFile = path.join(directory, 'all.yaml');
  const one = openSync(oneFile, 'w');
  // The generated case's seed: the first 10,000 documents here are its input, byte for byte.
  const random = prng(WORKLOAD_SEED);
  let bytes = 0;
  let files = 0;
  try {
    for (let first = 0; first < resources; first += DOCUMENTS_PER_FILE) {
      const { text } = workloadFile(random, first, Math.min(DOCUMENTS_PER_FILE, resources - first));
      writeFileSync(path.join(manyFiles, `workloads-${String(files).padStart(4, '0')}.yaml`), text);
      writeSync(one, text);
      bytes += Buffer.byteLength(text);
      files++;
    }
  } finally {
    closeSync(one);
  }
  return { oneFile, manyFiles, files, bytes };
}

// ---------------------------------------------------------------------------------------------
// Measuring

function summarize(point: ScalingPoint): ScalingPoint {
  const bad = point.runs.find((run) => run.outcome !== 'ok');
  if (bad) return { ...point, outcome: bad.outcome };
  const ms = median(point.runs.map((run) => run.ms));
  const peaks = point.runs.flatMap((run) => (run.peakKiB === undefined ? [] : [run.peakKiB]));
  const findings = point.runs.at(-1)?.findings;
  const summary: ScalingPoint = { ...point, outcome: 'ok', ...(findings !== undefined ? { findings } : {}), ms, msPerResource: ms / point.resources };
  if (peaks.length === point.runs.length) {
    const peakKiB = median(peaks);
    Object.assign(summary, { peakKiB, kibPerResource: peakKiB / point.resources, peakPerInputByte: (peakKiB * 1024) / point.bytes });
  }
  return summary;
}

function ratio(name: string, smaller: ScalingPoint | undefined, larger: ScalingPoint | undefined): ScalingRatio {
  const limit = SCALING_LIMIT;
  if (smaller?.ms === undefined || !larger) return { name, limit, verdict: 'n/a', why: 'no result for the smaller input' };
  if (larger.ms !== undefined) {
    const time = larger.ms / smaller.ms;
    const peak = larger.peakKiB !== undefined && smaller.peakKiB !== undefined ? { peak: larger.peakKiB / smaller.peakKiB } : {};
    return { name, time, ...peak, limit, verdict: time <= limit ? 'PASS' : 'FAIL' };
  }
  if (larger.outcome === 'timed out') {
    // The time-out bounds the ratio from below: enough for a FAIL, never for a PASS.
    const time = TIMEOUT_MS / smaller.ms;
    return { name, time, timeAtLeast: true, limit, verdict: time > limit ? 'FAIL' : 'n/a', why: 'the larger input timed out' };
  }
  if (larger.outcome === 'incomplete') return { name, limit, verdict: 'n/a', why: 'kubegate did not check all of the larger input' };
  // A crash or an error on the larger input is a failure to scale, whatever the time said so far.
  return { name, limit, verdict: 'FAIL', why: `the larger input ${larger.outcome === 'skipped' ? 'was skipped' : larger.outcome}` };
}

const scaleLabel = (scale: number) => `${scale}×`;
const pointName = (layout: Layout, scale: Scale) => `${layout}, ${scaleLabel(scale)}`;

export async function measureScaling(root: string, scratch: string, log: (text: string) => void): Promise<ScalingResult> {
  mkdirSync(scratch, { recursive: true });
  const meter = pickMeter(scratch);
  const extra = extraArguments(root);
  const peakFile = path.join(scratch, 'peak.txt');
  const points: ScalingPoint[] = [];
  for (const scale of SCALES) {
    const plan = PLANS[scale];
    const resources = BASE_RESOURCES * scale;
    const skipped = LAYOUTS.filter((layout) => points.some((p) => p.layout === layout && p.scale === scale / 10 && p.outcome !== 'ok'));
    for (const layout of skipped) points.push({ layout, scale, resources, files: 0, bytes: 0, warmUp: plan.warmUp, outcome: 'skipped', runs: [] });
    if (skipped.length === LAYOUTS.length) continue;
    const directory = path.join(scratch, `${scale}x`);
    const inputs = writeInputs(directory, resources);
    const measured = LAYOUTS.filter((layout) => !skipped.includes(layout)).map(
      (layout): ScalingPoint => ({ layout, scale, resources, files: layout === 'one file' ? 1 : inputs.files, bytes: inputs.bytes, warmUp: plan.warmUp, outcome: 'ok', runs: [] }),
    );
    log(`  ${scaleLabel(scale)}: ${resources.toLocaleString('en-US')} resources, ${(inputs.bytes / 1e6).toFixed(1)} MB of YAML, ${plan.warmUp ? '1 warm-up and ' : ''}${plan.runs} run${plan.runs > 1 ? 's' : ''} per layout…`);
    try {
      for (let round = plan.warmUp ? -1 : 0; round < plan.runs; round++) {
        // Alternating which layout goes first keeps a drift of the machine from favouring either.
        const order = round % 2 === 0 ? LAYOUTS : [...LAYOUTS].reverse();
        for (const layout of order) {
          const point = measured.find((p) => p.layout === layout);
          // Repeating a run that timed out or crashed costs minutes and tells nothing new.
          if (!point || point.runs.some((run) => run.outcome !== 'ok')) continue;
          const input = layout === 'one file' ? inputs.oneFile : inputs.manyFiles;
          const run = await runKubegate({ root, meter, input, resources, extraArgs: extra.args, peakFile, reportFile: path.join(directory, 'report.json') });
          if (round >= 0 || run.outcome !== 'ok') point.runs.push(run);
          if (run.outcome !== 'ok' || plan.runs === 1) log(`    ${pointName(layout, scale)}: ${run.outcome}, ${(run.ms / 1000).toFixed(1)} s`);
        }
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    const loadAverage = loadavg()[0]!;
    points.push(...measured.map((point) => ({ ...summarize(point), loadAverage })));
  }

  const at = (layout: Layout, scale: Scale) => points.find((p) => p.layout === layout && p.scale === scale);
  const ratios: ScalingRatio[] = [];
  for (const layout of LAYOUTS) {
    ratios.push(ratio(`${layout}, 1× → 10×`, at(layout, 1), at(layout, 10)));
    ratios.push(ratio(`${layout}, 10× → 100×`, at(layout, 10), at(layout, 100)));
  }
  const one = at('one file', 100);
  const many = at('many files', 100);
  if (one?.ms !== undefined && many?.ms !== undefined) {
    ratios.push({ name: 'one file ÷ many files, 100×', time: one.ms / many.ms, ...(one.peakKiB !== undefined && many.peakKiB !== undefined ? { peak: one.peakKiB / many.peakKiB } : {}), verdict: 'info' });
  } else {
    ratios.push({ name: 'one file ÷ many files, 100×', verdict: 'n/a', why: 'a layout did not finish at 100×' });
  }
  return { meter: meter.name, extraArgs: extra.args, ...(extra.reason ? { extraArgsReason: extra.reason } : {}), timeoutMs: TIMEOUT_MS, limit: SCALING_LIMIT, plans: PLANS, points, ratios, failed: ratios.filter((r) => r.verdict === 'FAIL').length };
}

// ---------------------------------------------------------------------------------------------
// Output

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mib = (kib: number) => `${Math.round(kib / 1024).toLocaleString('en-US')} MiB`;
const times = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)}×`;

function failure(run: ProcessRun | undefined, outcome: ScalingPoint['outcome']): string {
  if (outcome === 'skipped') return 'skipped';
  if (outcome === 'timed out') return `timed out (${TIMEOUT_MS / 1000} s)`;
  if (outcome === 'crashed') return `crashed (${run?.signal ?? '?'})`;
  if (outcome === 'incomplete') return 'not all checked';
  return `failed (exit ${run?.exitCode ?? '?'})`;
}

function pointRow(point: ScalingPoint): string[] {
  // A skipped size was never written, so it has no file count or size to show.
  const files = point.layout === 'many files' && point.files > 0 ? `${point.files.toLocaleString('en-US')} files, ` : '';
  const size = point.bytes > 0 ? `, ${(point.bytes / 1e6).toFixed(1)} MB` : '';
  const name = `${pointName(point.layout, point.scale)} (${files}${point.resources.toLocaleString('en-US')} resources${size})`;
  const load = point.loadAverage === undefined ? '-' : point.loadAverage.toFixed(1);
  if (point.ms === undefined) {
    const bad = point.runs.find((run) => run.outcome !== 'ok');
    // A stopped run's peak so far is a lower bound worth showing: it says how far memory had got.
    const peak = bad?.peakKiB !== undefined ? `≥ ${mib(bad.peakKiB)}` : '-';
    return [name, failure(bad, point.outcome), '-', peak, '-', '-', '-', load];
  }
  const perResource = `${point.msPerResource!.toFixed(2)} ms`;
  const findings = point.findings === undefined ? '-' : point.findings.toLocaleString('en-US');
  if (point.peakKiB === undefined) return [name, seconds(point.ms), perResource, '-', '-', '-', findings, load];
  return [name, seconds(point.ms), perResource, mib(point.peakKiB), `${point.kibPerResource!.toFixed(0)} KiB`, times(point.peakPerInputByte!), findings, load];
}

function ratioRow(r: ScalingRatio): string[] {
  const time = r.time === undefined ? '-' : `${r.timeAtLeast ? '≥ ' : ''}${times(r.time)}`;
  const verdict = r.verdict === 'info' ? '' : r.why ? `${r.verdict} (${r.why})` : r.verdict;
  return [r.name, time, r.peak === undefined ? '-' : times(r.peak), r.limit === undefined ? '-' : `${r.limit}×`, verdict];
}

function planText(plans: Record<Scale, Plan>): string {
  return SCALES.map((scale) => {
    const plan = plans[scale];
    return `${scaleLabel(scale)} ${plan.runs === 1 ? '1 run' : `median of ${plan.runs} runs`}${plan.warmUp ? ' after 1 warm-up' : ', no warm-up'}`;
  }).join('; ');
}

export function describeScaling(result: ScalingResult): string {
  const order = (p: ScalingPoint) => LAYOUTS.indexOf(p.layout) * 1000 + p.scale;
  const points = [...result.points].sort((a, b) => order(a) - order(b));
  const lines = [
    `scaling and memory: whole runs of \`node bin/kubegate.cjs <input> --format json -o <file>${result.extraArgs.length > 0 ? ` ${result.extraArgs.join(' ')}` : ''}\`, one process each`,
    `  rounds: ${planText(result.plans)} (a 100× run takes half a minute or more); runs over ${result.timeoutMs / 1000} s are stopped`,
    `  peak memory: ${result.meter}`,
    '  times include node\'s start-up and the JIT\'s warm-up, a large part of a 1× run: 1× → 10× comes out well under 10×, and 10× → 100× is the ratio that shows growth',
    '  the sizes run one after another, not interleaved: a busy spell on one size skews its ratios (load: 1-minute load average after each size)',
    '  a run whose report says an input was not read (too large, unparsable) does not count as a run',
    ...(result.extraArgsReason ? [`  ${result.extraArgsReason}`] : []),
    '',
    table([['input', 'time', 'per resource', 'peak', 'per resource', 'peak ÷ YAML', 'findings', 'load'], ...points.map(pointRow)]),
    '',
    table([['scaling (larger ÷ smaller input)', 'time', 'peak', 'limit', 'verdict'], ...result.ratios.map(ratioRow)]),
  ];
  for (const point of points) {
    const bad = point.runs.find((run) => run.outcome !== 'ok');
    if (bad?.message) lines.push(`  ${pointName(point.layout, point.scale)}: ${failure(bad, point.outcome)}: ${bad.message}`);
  }
  return lines.join('\n');
}
