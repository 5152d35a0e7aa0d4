/**
 * The long fuzz run over kubegate's promise: no input crashes a run, every finding's range lies
 * inside its file, no input takes unbounded time. The inputs and the oracle are in mutations.ts.
 *
 *   npm run fuzz                                  100,000 cases, a random seed (printed)
 *   npm run fuzz -- --cases 5000 --seed 42        fewer cases, a fixed seed
 *   npm run fuzz -- --seed 42 --replay 1234       re-run one case of that seed and print it
 *
 * Options: --cases N, --seed S, --workers W (default: one per core), --budget MS (a case slower
 * than this is a hang; default 2000), --kill MS (a case still running after this is stopped and
 * counted as a hang; default 30000), --out DIR (default: a new folder in the temp directory).
 *
 * Cases run in worker threads, a chunk of 200 at a time, each chunk a fast-check run of its own
 * seed, so any case can be regenerated from (seed, case number). A watchdog stops a worker whose
 * case runs past --kill, records the case as a hang and starts a fresh worker on the next case:
 * a real infinite loop is reported instead of stalling the run. Each distinct failure (grouped by
 * a signature without positions and names) is shrunk by fast-check and then reduced line by line
 * and character by character; its raw and minimized inputs are saved to the output folder.
 * Exit code 1 if anything failed, else 0.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as fc from 'fast-check';
import { checkInput, DEFAULT_BUDGET_MS, FUZZ_SIZES, hostileArbitraries, minimizeInput, type CheckResult, type FailureKind, type FuzzCase, type FuzzInput } from './mutations.js';

const CHUNK = 200;
/** Heartbeat slots shared with each worker. */
const HB_RUN = 0;
const HB_PHASE = 1;
const HB_BEAT = 2;
const HB_DONE = 3;
const PHASE_IDLE = 0;
const PHASE_CHECK = 1;
const PHASE_MINIMIZE = 2;
/** Time given to shrinking and reducing one distinct failure. */
const MINIMIZE_MS = 20_000;
/** Raw inputs kept per distinct failure; the rest are only counted. */
const RAW_KEPT = 5;

interface WorkerInit {
  heartbeat: SharedArrayBuffer;
  budgetMs: number;
}

type ToWorker = { type: 'chunk'; chunk: number; seed: number; numRuns: number; startAt: number };

interface FailureMessage {
  type: 'failure';
  caseNumber: number;
  kind: FailureKind;
  reason: string;
  signature: string;
  label: string;
  input: FuzzInput;
  ms: number;
}

interface MinimizedMessage {
  type: 'minimized';
  signature: string;
  label: string;
  input: FuzzInput;
  reason: string;
  shrinks: number;
  reductionChecks: number;
  ms: number;
}

interface ChunkDoneMessage {
  type: 'chunk-done';
  chunk: number;
  cases: number;
  slowestMs: number;
  slowestCase: number;
  slowestLabel: string;
}

type FromWorker = FailureMessage | MinimizedMessage | ChunkDoneMessage | { type: 'minimizing'; signature: string } | { type: 'idle' } | { type: 'ready' };

function chunkSeed(seed: number, chunk: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + Math.imul(chunk + 1, 0x9e3779b1)) | 0;
}

function caseNumberOf(chunk: number, run: number): number {
  return chunk * CHUNK + run;
}

function theArbitrary(): fc.Arbitrary<FuzzCase> {
  return hostileArbitraries(FUZZ_SIZES).any;
}

/** The case a chunk's run produced, regenerated from its seed: fast-check's replay by path. */
function regenerate(arbitrary: fc.Arbitrary<FuzzCase>, seed: number, chunk: number, run: number): FuzzCase {
  const [value] = fc.sample(arbitrary, { seed: chunkSeed(seed, chunk), path: String(run), numRuns: 1 });
  if (!value) throw new Error(`cannot regenerate case ${caseNumberOf(chunk, run)}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Worker
// ---------------------------------------------------------------------------------------------

function runWorker(): void {
  const { heartbeat, budgetMs } = workerData as WorkerInit;
  const hb = new Int32Array(heartbeat);
  const port = parentPort!;
  const arbitrary = theArbitrary();
  const minimized = new Set<string>();
  const send = (message: FromWorker) => port.postMessage(message);
  const beat = () => Atomics.add(hb, HB_BEAT, 1);

  port.on('message', (message: ToWorker) => {
    const { chunk, seed, numRuns, startAt } = message;
    const failures: { run: number; fuzzCase: FuzzCase; result: Extract<CheckResult, { ok: false }> }[] = [];
    let slowestMs = 0;
    let slowestCase = -1;
    let slowestLabel = '';
    let run = -1;
    let cases = 0;
    Atomics.store(hb, HB_DONE, 0);
    fc.check(
      fc.property(arbitrary, (fuzzCase) => {
        run++;
        if (run < startAt) return true;
        Atomics.store(hb, HB_RUN, run);
        Atomics.store(hb, HB_PHASE, PHASE_CHECK);
        beat();
        const result = checkInput(fuzzCase.input, { budgetMs });
        cases++;
        if (result.ms > slowestMs) {
          slowestMs = result.ms;
          slowestCase = caseNumberOf(chunk, run);
          slowestLabel = fuzzCase.label;
        }
        if (!result.ok) {
          failures.push({ run, fuzzCase, result });
          send({ type: 'failure', caseNumber: caseNumberOf(chunk, run), kind: result.kind, reason: result.reason, signature: result.signature, label: fuzzCase.label, input: fuzzCase.input, ms: result.ms });
        }
        Atomics.store(hb, HB_DONE, cases);
        Atomics.store(hb, HB_PHASE, PHASE_IDLE);
        return true;
      }),
      { seed: chunkSeed(seed, chunk), numRuns },
    );
    send({ type: 'chunk-done', chunk, cases, slowestMs, slowestCase, slowestLabel });

    // Each failure this worker has not seen before is shrunk, then reduced further.
    for (const { run: failedRun, fuzzCase, result } of failures) {
      if (result.kind === 'hang' || minimized.has(result.signature)) continue;
      minimized.add(result.signature);
      send({ type: 'minimizing', signature: result.signature });
      Atomics.store(hb, HB_RUN, failedRun);
      Atomics.store(hb, HB_PHASE, PHASE_MINIMIZE);
      beat();
      const started = performance.now();
      const sameFailure = (input: FuzzInput): boolean => {
        beat();
        const again = checkInput(input, { budgetMs });
        return !again.ok && again.signature === result.signature;
      };
      const details = fc.check<[FuzzCase]>(
        fc.property(arbitrary, (candidate) => !sameFailure(candidate.input)),
        { seed: chunkSeed(seed, chunk), path: String(failedRun), numRuns: 1, plugins: [fc.interruptAfterTimeLimit(MINIMIZE_MS / 2)] },
      );
      const shrunk = details.failed && details.counterexample ? details.counterexample[0] : fuzzCase;
      const reduced = minimizeInput(shrunk.input, sameFailure, { maxChecks: 3_000, maxMs: MINIMIZE_MS / 2 });
      const final = checkInput(reduced.input, { budgetMs });
      send({
        type: 'minimized',
        signature: result.signature,
        label: reduced.input.length < shrunk.input.length ? `${shrunk.label}, then reduced to ${reduced.input.length} of ${shrunk.input.length} ${typeof reduced.input === 'string' ? 'characters' : 'bytes'}` : shrunk.label,
        input: reduced.input,
        reason: final.ok ? result.reason : final.reason,
        shrinks: details.numShrinks,
        reductionChecks: reduced.checks,
        ms: performance.now() - started,
      });
    }
    Atomics.store(hb, HB_PHASE, PHASE_IDLE);
    send({ type: 'idle' });
  });
  send({ type: 'ready' });
}

// ---------------------------------------------------------------------------------------------
// Main thread
// ---------------------------------------------------------------------------------------------

interface Options {
  cases: number;
  seed: number;
  workers: number;
  budgetMs: number;
  killMs: number;
  out: string | undefined;
  replay: number | undefined;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      budget: { type: 'string' },
      kill: { type: 'string' },
      out: { type: 'string' },
      replay: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log('usage: node dist/bench/fuzz.js [--cases N] [--seed S] [--workers W] [--budget MS] [--kill MS] [--out DIR] [--replay CASE]');
    process.exit(0);
  }
  const integer = (name: string, value: string | undefined, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
    return parsed;
  };
  const budgetMs = integer('budget', values.budget, DEFAULT_BUDGET_MS, 1);
  return {
    cases: integer('cases', values.cases, 100_000, 1),
    seed: integer('seed', values.seed, (Date.now() ^ (process.pid << 16)) >>> 1, -(2 ** 31)) | 0,
    workers: integer('workers', values.workers, Math.max(1, availableParallelism()), 1),
    budgetMs,
    killMs: integer('kill', values.kill, Math.max(30_000, budgetMs * 5), budgetMs),
    out: values.out,
    replay: values.replay === undefined ? undefined : integer('replay', values.replay, 0, 0),
  };
}

function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1_000)).padStart(2, '0')}s`;
}

/** An input as a line of text for the terminal: escaped, and cut if long. */
function preview(input: FuzzInput, max = 300): string {
  if (typeof input !== 'string') {
    const hex = Buffer.from(input.subarray(0, max / 2)).toString('hex');
    return `<${input.length} bytes> ${hex}${input.length > max / 2 ? '…' : ''}`;
  }
  const shown = JSON.stringify(input.length > max ? input.slice(0, max) : input);
  return input.length > max ? `${shown}… (${input.length} characters)` : shown;
}

interface Distinct {
  number: number;
  kind: FailureKind;
  signature: string;
  count: number;
  firstCase: number;
  reason: string;
  label: string;
  raw: FuzzInput;
  rawFile: string;
  minimized?: { input: FuzzInput; file: string; label: string; reason: string };
  note?: string;
}

function writeInput(file: string, input: FuzzInput): void {
  writeFileSync(file, input);
}

function replayOne(options: Options, caseNumber: number): number {
  const arbitrary = theArbitrary();
  const chunk = Math.floor(caseNumber / CHUNK);
  const fuzzCase = regenerate(arbitrary, options.seed, chunk, caseNumber % CHUNK);
  const result = checkInput(fuzzCase.input, { budgetMs: options.budgetMs });
  console.log(`case ${caseNumber} of seed ${options.seed}: ${fuzzCase.label}`);
  console.log(`input: ${preview(fuzzCase.input, 4_000)}`);
  console.log(result.ok ? `ok in ${formatMs(result.ms)}` : `${result.kind} in ${formatMs(result.ms)}: ${result.reason}`);
  return result.ok ? 0 : 1;
}

async function runMain(): Promise<number> {
  const options = readOptions();
  if (options.replay !== undefined) return replayOne(options, options.replay);
  const started = performance.now();
  const outDir = options.out ?? mkdtempSync(path.join(tmpdir(), 'kubegate-fuzz-'));
  mkdirSync(outDir, { recursive: true });
  const arbitrary = theArbitrary();
  const chunkCount = Math.ceil(options.cases / CHUNK);
  const numRunsOf = (chunk: number) => Math.min(CHUNK, options.cases - chunk * CHUNK);
  console.log(`kubegate fuzz: ${options.cases} cases, seed ${options.seed}, ${options.workers} worker(s), hang budget ${formatMs(options.budgetMs)} per case (stopped after ${formatMs(options.killMs)})`);
  console.log(`failing inputs go to ${outDir}`);

  const counts: Record<FailureKind, number> = { crash: 0, 'internal-error': 0, 'out-of-range': 0, hang: 0 };
  const distinct = new Map<string, Distinct>();
  let casesRun = 0;
  let slowest = { ms: 0, caseNumber: -1, label: '' };
  let nextChunk = 0;
  let lastProgress = 0;

  const recordFailure = (failure: Omit<FailureMessage, 'type'>): void => {
    counts[failure.kind]++;
    const known = distinct.get(failure.signature);
    if (known) {
      known.count++;
      if (known.count <= RAW_KEPT) writeInput(known.rawFile.replace(/\.raw\.yaml$/, `.raw-${known.count}.yaml`), failure.input);
      return;
    }
    const number = distinct.size + 1;
    const base = path.join(outDir, `${String(number).padStart(3, '0')}-${failure.kind}`);
    const entry: Distinct = { number, kind: failure.kind, signature: failure.signature, count: 1, firstCase: failure.caseNumber, reason: failure.reason, label: failure.label, raw: failure.input, rawFile: `${base}.raw.yaml` };
    distinct.set(failure.signature, entry);
    writeInput(entry.rawFile, failure.input);
    saveDetails(entry);
    console.log(`  new failure #${number} (${failure.kind}) at case ${failure.caseNumber}: ${failure.reason.split('\n', 1)[0]}`);
  };
  const saveDetails = (entry: Distinct): void => {
    const asJson = (input: FuzzInput) => (typeof input === 'string' ? { text: input } : { base64: Buffer.from(input).toString('base64') });
    const details = {
      kind: entry.kind,
      signature: entry.signature,
      reason: entry.reason,
      occurrences: entry.count,
      replay: `node dist/bench/fuzz.js --seed ${options.seed} --replay ${entry.firstCase}`,
      label: entry.label,
      raw: asJson(entry.raw),
      minimized: entry.minimized ? { label: entry.minimized.label, reason: entry.minimized.reason, ...asJson(entry.minimized.input) } : undefined,
      note: entry.note,
    };
    writeFileSync(entry.rawFile.replace(/\.raw\.yaml$/, '.json'), `${JSON.stringify(details, null, 2)}\n`);
  };

  const printProgress = (force = false): void => {
    const now = performance.now();
    if (!force && now - lastProgress < 5_000) return;
    lastProgress = now;
    const elapsed = now - started;
    const rate = casesRun / (elapsed / 1_000);
    const eta = rate > 0 ? ((options.cases - casesRun) / rate) * 1_000 : 0;
    const failures = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `[${formatMs(elapsed).padStart(6)}] ${casesRun}/${options.cases} cases (${Math.floor((casesRun / options.cases) * 100)}%), ${Math.round(rate)}/s, ` +
        `failures ${failures} (crash ${counts.crash}, internal ${counts['internal-error']}, range ${counts['out-of-range']}, hang ${counts.hang}), slowest ${formatMs(slowest.ms)}, ETA ${formatMs(eta)}`,
    );
  };

  interface Slot {
    worker: Worker;
    hb: Int32Array;
    chunk: { index: number; startAt: number } | undefined;
    minimizing: boolean;
    /** The failure being minimized, by signature. */
    reducing: string | undefined;
    lastBeat: number;
    lastBeatAt: number;
    dead: boolean;
    /** Started: modules loaded and the arbitraries built, so the watchdog times only cases. */
    ready: boolean;
  }

  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const slots: Slot[] = [];

  const dispatch = (slot: Slot, chunk: number, startAt: number): void => {
    slot.chunk = { index: chunk, startAt };
    slot.lastBeatAt = performance.now();
    slot.lastBeat = Atomics.load(slot.hb, HB_BEAT);
    slot.worker.postMessage({ type: 'chunk', chunk, seed: options.seed, numRuns: numRunsOf(chunk), startAt } satisfies ToWorker);
  };
  const giveWork = (slot: Slot): void => {
    if (nextChunk < chunkCount) {
      dispatch(slot, nextChunk++, 0);
      return;
    }
    slot.chunk = undefined;
    if (slots.every((s) => s.dead || (s.ready && s.chunk === undefined && !s.minimizing))) resolveDone();
  };

  const spawn = (index: number, resume?: { chunk: number; startAt: number }): void => {
    const heartbeat = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { heartbeat, budgetMs: options.budgetMs } satisfies WorkerInit,
      // A memory blow-up is the worker's death, reported, not the run's.
      resourceLimits: { maxOldGenerationSizeMb: 4_096 },
    });
    const slot: Slot = { worker, hb: new Int32Array(heartbeat), chunk: undefined, minimizing: false, reducing: undefined, lastBeat: 0, lastBeatAt: performance.now(), dead: false, ready: false };
    slots[index] = slot;
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'failure':
          recordFailure(message);
          break;
        case 'minimized': {
          const entry = distinct.get(message.signature);
          if (entry && !entry.minimized) {
            const file = entry.rawFile.replace(/\.raw\.yaml$/, '.min.yaml');
            entry.minimized = { input: message.input, file, label: message.label, reason: message.reason };
            writeInput(file, message.input);
            saveDetails(entry);
            console.log(`  failure #${entry.number} minimized to ${message.input.length} ${typeof message.input === 'string' ? 'characters' : 'bytes'} in ${formatMs(message.ms)} (${message.shrinks} shrinks, ${message.reductionChecks} reduction checks)`);
          }
          break;
        }
        case 'chunk-done':
          casesRun += message.cases;
          if (message.slowestMs > slowest.ms) slowest = { ms: message.slowestMs, caseNumber: message.slowestCase, label: message.slowestLabel };
          slot.minimizing = true;
          slot.chunk = undefined;
          printProgress();
          break;
        case 'ready':
          slot.ready = true;
          if (resume) dispatch(slot, resume.chunk, resume.startAt);
          else giveWork(slot);
          break;
        case 'minimizing':
          slot.reducing = message.signature;
          break;
        case 'idle':
          slot.minimizing = false;
          slot.reducing = undefined;
          giveWork(slot);
          break;
      }
    });
    worker.on('error', (error) => {
      if (slot.dead) return;
      handleDeath(index, slot, `the worker died: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, 'crash');
    });
    worker.on('exit', (code) => {
      if (slot.dead) return;
      handleDeath(index, slot, `the worker exited with code ${code}`, 'crash');
    });
  };

  /** A worker stopped by the watchdog or dead on its own: record the case it was on and go on after it. */
  const handleDeath = (index: number, slot: Slot, why: string, kind: FailureKind): void => {
    slot.dead = true;
    // Read where it was before stopping it: a worker that was not really stuck could move on meanwhile.
    const run = Atomics.load(slot.hb, HB_RUN);
    const phase = Atomics.load(slot.hb, HB_PHASE);
    const doneInChunk = Atomics.load(slot.hb, HB_DONE);
    void slot.worker.terminate();
    const chunk = slot.chunk;
    if (chunk && phase === PHASE_CHECK) {
      casesRun += doneInChunk + 1;
      const caseNumber = caseNumberOf(chunk.index, run);
      const fuzzCase = regenerate(arbitrary, options.seed, chunk.index, run);
      recordFailure({ caseNumber, kind, reason: why, signature: `${kind}: ${kind === 'hang' ? 'stopped by the watchdog' : why.replace(/\d+/g, 'N')}`, label: fuzzCase.label, input: fuzzCase.input, ms: performance.now() - slot.lastBeatAt });
      const resumeAt = run + 1;
      if (resumeAt < numRunsOf(chunk.index)) {
        spawn(index, { chunk: chunk.index, startAt: resumeAt });
        return;
      }
    } else if (slot.minimizing) {
      // The raw failure is recorded already; a candidate input went wrong while it was reduced.
      const entry = slot.reducing === undefined ? undefined : distinct.get(slot.reducing);
      console.log(`  the minimization of failure #${entry?.number ?? '?'} was stopped (${why}); its raw input is kept`);
      if (entry) {
        entry.note = `minimization stopped: ${why}`;
        saveDetails(entry);
      }
    } else if (chunk) {
      // Stuck between cases: in generating one. Skip that case so the run moves on.
      casesRun += doneInChunk;
      const resumeAt = chunk.startAt + doneInChunk + 1;
      console.log(`  worker ${index} stopped between cases (${why}); case ${caseNumberOf(chunk.index, resumeAt - 1)} skipped`);
      if (resumeAt < numRunsOf(chunk.index)) {
        spawn(index, { chunk: chunk.index, startAt: resumeAt });
        return;
      }
    }
    spawn(index);
  };

  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const [index, slot] of slots.entries()) {
      if (slot.dead || !slot.ready || (slot.chunk === undefined && !slot.minimizing)) continue;
      const beat = Atomics.load(slot.hb, HB_BEAT);
      if (beat !== slot.lastBeat) {
        slot.lastBeat = beat;
        slot.lastBeatAt = now;
      } else if (now - slot.lastBeatAt > options.killMs) {
        handleDeath(index, slot, `did not finish within ${formatMs(options.killMs)}; stopped by the watchdog`, 'hang');
      }
    }
    printProgress();
  }, 250);

  for (let i = 0; i < Math.min(options.workers, chunkCount); i++) spawn(i);
  await done;
  clearInterval(watchdog);
  await Promise.all(slots.map((slot) => ((slot.dead = true), slot.worker.terminate())));
  printProgress(true);

  for (const entry of distinct.values()) saveDetails(entry);
  const total = performance.now() - started;
  const failures = Object.values(counts).reduce((a, b) => a + b, 0);
  const distinctOf = (kind: FailureKind) => [...distinct.values()].filter((d) => d.kind === kind).length;
  console.log('');
  console.log('summary');
  const row = (name: string, value: string) => console.log(`  ${`${name}:`.padEnd(26)}${value}`);
  row('seed', String(options.seed));
  row('cases run', String(casesRun));
  row('crashes', `${counts.crash} (${distinctOf('crash')} distinct)`);
  row('internal errors', `${counts['internal-error']} (${distinctOf('internal-error')} distinct)`);
  row('out-of-range findings', `${counts['out-of-range']} (${distinctOf('out-of-range')} distinct)`);
  row(`hangs (over ${formatMs(options.budgetMs)})`, `${counts.hang} (${distinctOf('hang')} distinct)`);
  row('slowest case', `${formatMs(slowest.ms)} (case ${slowest.caseNumber}: ${slowest.label.slice(0, 160)})`);
  row('total time', formatMs(total));
  if (distinct.size > 0) {
    console.log('');
    console.log(`distinct failures (inputs in ${outDir}):`);
    for (const entry of distinct.values()) {
      console.log(`  #${entry.number} ${entry.kind} ×${entry.count}, first at case ${entry.firstCase}: ${entry.signature}`);
      const shown = entry.minimized ?? { input: entry.raw, file: entry.rawFile, label: entry.label, reason: entry.reason };
      console.log(`     ${shown.reason.split('\n').join('\n     ')}`);
      console.log(`     ${entry.minimized ? 'minimized' : 'raw'} input: ${preview(shown.input)}`);
      console.log(`     file: ${shown.file}   replay: node dist/bench/fuzz.js --seed ${options.seed} --replay ${entry.firstCase}`);
    }
  }
  console.log('');
  console.log(failures > 0 ? `FAILED: ${failures} failing case(s), ${distinct.size} distinct; inputs saved in ${outDir}` : `passed: ${casesRun} cases, no failures`);
  return failures > 0 ? 1 : 0;
}

if (isMainThread) {
  runMain().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(2);
    },
  );
} else {
  runWorker();
}
