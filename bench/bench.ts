/**
 * kubegate's performance budget, measured against the cheapest thing a linter could possibly do.
 *
 *   npm run bench                 (KUBEGATE_CORPUS=../shared/corpus adds the real-world corpus)
 *   npm run bench -- --json       machine-readable results on stdout
 *
 * Each case compares kubegate's full default run (load files, lint with every rule, format the
 * text report) with a floor: reading the same files and parsing them with js-yaml's `loadAll`.
 * Ratios, not milliseconds, are the budget, so the numbers mean the same on a slow CI runner.
 * A limit that fails is printed loudly but the exit code stays 0: timing on shared machines is
 * noisy, and a benchmark that breaks builds gets deleted rather than read.
 */
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { rules } from '../rules/index.js';
import { lint } from '../src/engine/lint.js';
import { loadSources } from '../src/load/sources.js';
import { packageInfo } from '../src/cli/package-info.js';
import { describeRule } from '../src/engine/rule.js';
import { DIAGNOSTIC_LIST } from '../src/engine/diagnostics.js';
import { textChunks } from '../src/report/text.js';
import { median, table } from './common.js';
import { describeScaling, measureScaling, type ScalingResult } from './scaling.js';
import { generateWorkloads } from './workloads.js';
import { describeNamespaceScaling, measureNamespaceScaling, type NamespaceScaling } from './namespaces.js';
import { describeCharts, findHelm, measureCharts, type ChartsResult } from './charts.js';
import { describeSchemaChoices, measureSchemaChoices, type SchemaChoicesResult } from './schema-choices.js';

// The generator used to live here; scripts that import it from here keep working.
export { generateWorkloads };

const LIMIT = 3;
const AIM_LINT = 1.5;
const AIM_STARTUP = 1.5;
/** Start-up is what a pre-commit hook pays on every commit: its limit is the aim. */
const STARTUP_LIMIT = 1.5;
const ROUNDS = 5;
const STARTUP_RUNS = 15;

// dist/bench/bench.js → the package root, where bin/ and fixtures/ live.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

interface Phases {
  load: number;
  lint: number;
  report: number;
}

interface Outcome {
  files: number;
  resources: number;
  findings: number;
  skips: number;
  internalErrors: number;
  reportBytes: number;
}

/** kubegate's default run, exactly as the CLI drives it, minus writing the report out. */
async function kubegateRun(inputs: readonly string[]): Promise<{ phases: Phases; outcome: Outcome }> {
  const t0 = performance.now();
  const loaded = await loadSources(inputs, { cwd: ROOT, readStdin: async () => new Uint8Array() });
  const t1 = performance.now();
  const result = lint(loaded.sources, { rules });
  const t2 = performance.now();
  const info = packageInfo();
  // As the CLI makes it: a chunk per file, each written as it is made, never the whole report as
  // one string (tens of megabytes for the generated input, whose one allocation cost more here
  // than the rest of the report).
  let reportBytes = 0;
  for (const chunk of textChunks(result, { tool: { name: info.name, version: info.version, informationUri: info.homepage }, rules: [...DIAGNOSTIC_LIST, ...rules.map((rule) => describeRule(rule.meta))], cwd: ROOT, color: false })) reportBytes += chunk.length;
  const t3 = performance.now();
  return {
    phases: { load: t1 - t0, lint: t2 - t1, report: t3 - t2 },
    outcome: {
      files: result.fileCount,
      resources: result.resourceCount,
      findings: result.findings.length,
      skips: result.skips.length,
      internalErrors: result.internalErrors.length,
      reportBytes,
    },
  };
}

/**
 * What any YAML linter must pay at least: read every file and build its values once. The file list
 * is handed over for free (kubegate's side also walks the folders), so the floor errs low.
 */
function floorRun(files: readonly string[]): { ms: number; documents: number; failedFiles: number } {
  const t0 = performance.now();
  let documents = 0;
  let failedFiles = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    try {
      jsyaml.loadAll(text, () => documents++);
    } catch {
      // A file js-yaml rejects still cost its read and partial parse; count it and go on.
      failedFiles++;
    }
  }
  return { ms: performance.now() - t0, documents, failedFiles };
}

interface LintCase {
  name: string;
  files: number;
  bytes: number;
  floorMs: number;
  kubegateMs: number;
  ratio: number;
  limit: number;
  aim: number;
  pass: boolean;
  phasesMs: Phases;
  outcome: Outcome;
  floorDocuments: number;
  floorFailedFiles: number;
  floorSamplesMs: number[];
  kubegateSamplesMs: number[];
}

async function measureLintCase(name: string, input: string): Promise<LintCase> {
  // The file list comes from kubegate's own loader so both sides read exactly the same files.
  const discovered = await loadSources([input], { cwd: ROOT, readStdin: async () => new Uint8Array() });
  if (discovered.errors.length > 0) throw new Error(`cannot load ${input}: ${discovered.errors.join('; ')}`);
  const files = discovered.sources.map((source) => path.resolve(ROOT, source.path));
  const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);

  const floorSamples: number[] = [];
  const kubegateSamples: number[] = [];
  const phaseSamples: Phases[] = [];
  let floorDocuments = 0;
  let floorFailedFiles = 0;
  let outcome: Outcome | undefined;
  // Round 0 warms up the JIT and the page cache and is thrown away. Alternating which side goes
  // first keeps a slow drift of the machine (thermal, other tenants) from favouring either.
  for (let round = 0; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? (['floor', 'kubegate'] as const) : (['kubegate', 'floor'] as const);
    for (const side of order) {
      gc();
      if (side === 'floor') {
        const floor = floorRun(files);
        floorDocuments = floor.documents;
        floorFailedFiles = floor.failedFiles;
        if (round > 0) floorSamples.push(floor.ms);
      } else {
        const t0 = performance.now();
        const run = await kubegateRun([input]);
        const ms = performance.now() - t0;
        outcome = run.outcome;
        if (round > 0) {
          kubegateSamples.push(ms);
          phaseSamples.push(run.phases);
        }
      }
    }
  }
  const floorMs = median(floorSamples);
  const kubegateMs = median(kubegateSamples);
  const ratio = kubegateMs / floorMs;
  return {
    name,
    files: files.length,
    bytes,
    floorMs,
    kubegateMs,
    ratio,
    limit: LIMIT,
    aim: AIM_LINT,
    pass: ratio <= LIMIT,
    phasesMs: {
      load: median(phaseSamples.map((p) => p.load)),
      lint: median(phaseSamples.map((p) => p.lint)),
      report: median(phaseSamples.map((p) => p.report)),
    },
    outcome: outcome!,
    floorDocuments,
    floorFailedFiles,
    floorSamplesMs: floorSamples,
    kubegateSamplesMs: kubegateSamples,
  };
}

// ---------------------------------------------------------------------------------------------
// Start-up: the pre-commit case, one small file, where process start dominates.

interface StartupCase {
  name: string;
  file: string;
  runs: number;
  bareMs: number;
  kubegateMs: number;
  ratio: number;
  limit: number;
  aim: number;
  pass: boolean;
  kubegateExitCodes: number[];
  bareSamplesMs: number[];
  kubegateSamplesMs: number[];
}

function timeSpawn(args: readonly string[], cwd = ROOT): { ms: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  return { ms, status: child.status, stderr: child.stderr };
}

function measureStartup(name: string, file: string, cwd = ROOT): StartupCase {
  const cli = path.join(ROOT, 'bin', 'kubegate.cjs');
  const bare: number[] = [];
  const kubegate: number[] = [];
  const codes = new Set<number>();
  // One throw-away pair warms the OS file cache for node, the CLI and its modules.
  for (let run = 0; run <= STARTUP_RUNS; run++) {
    const b = timeSpawn(['-e', '0']);
    const k = timeSpawn([cli, file], cwd);
    if (k.status !== 0 && k.status !== 1) throw new Error(`kubegate exited ${k.status} on ${file}:\n${k.stderr}`);
    codes.add(k.status);
    if (run > 0) {
      bare.push(b.ms);
      kubegate.push(k.ms);
    }
  }
  const bareMs = median(bare);
  const kubegateMs = median(kubegate);
  const ratio = kubegateMs / bareMs;
  return {
    name,
    file: path.relative(ROOT, file) || file,
    runs: STARTUP_RUNS,
    bareMs,
    kubegateMs,
    ratio,
    limit: STARTUP_LIMIT,
    aim: AIM_STARTUP,
    pass: ratio <= STARTUP_LIMIT,
    kubegateExitCodes: [...codes].sort(),
    bareSamplesMs: bare,
    kubegateSamplesMs: kubegate,
  };
}

const SMALL_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4.2
          ports: [{name: http, containerPort: 8080}]
          readinessProbe:
            httpGet: {path: /ready, port: http}
`;

/** A folder holding a configuration file with rules, an override and ignore patterns: what a team's repository has. */
function configured(scratch: string): string {
  const dir = path.join(scratch, 'configured');
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, '.kubegaterc.yaml'),
    'extends: kubegate:recommended\nrules:\n  mutable-image-tag: error\n  liveness-probe-missing: "off"\noverrides:\n  - files: ["prod/**"]\n    rules: {recreate-strategy: error}\nignorePatterns: ["vendor/**"]\nfailOn: warning\n',
  );
  return dir;
}

/** The same Deployment with one key written twice: the case that once loaded the `yaml` library. */
const SMALL_MANIFEST_DUPLICATE = SMALL_MANIFEST.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 3\n');

/** With an unclosed quote: js-yaml rejects it and the `yaml` library is loaded to place the error. */
const SMALL_MANIFEST_FALLBACK = SMALL_MANIFEST.replace('/ready', '"/ready');

// ---------------------------------------------------------------------------------------------
// Output

const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
const verdict = (pass: boolean, ratio: number, aim: number) => (pass ? (ratio <= aim ? 'PASS (within aim)' : 'PASS (above aim)') : 'FAIL');

function describeCase(result: LintCase): string {
  const o = result.outcome;
  return (
    `  ${result.name}: ${result.files} files, ${(result.bytes / 1e6).toFixed(1)} MB, ${o.resources} resources, ${o.findings} findings, ${o.skips} skips` +
    `${o.internalErrors > 0 ? `, ${o.internalErrors} INTERNAL ERRORS` : ''}; floor parsed ${result.floorDocuments} documents` +
    `${result.floorFailedFiles > 0 ? ` (js-yaml rejected ${result.floorFailedFiles} files)` : ''}\n` +
    `    kubegate phases (median): load ${ms(result.phasesMs.load)}, lint ${ms(result.phasesMs.lint)}, text report ${ms(result.phasesMs.report)}`
  );
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const log = json ? (_: string) => {} : (text: string) => process.stdout.write(`${text}\n`);
  const notes: string[] = [];
  if (!(globalThis as { gc?: unknown }).gc) notes.push('global.gc is unavailable (run node with --expose-gc): collections may land inside timed runs');

  let busiest = loadavg()[0]!;

  const corpusSetting = process.env.KUBEGATE_CORPUS;
  let corpus: LintCase | undefined;
  if (corpusSetting === undefined || corpusSetting === '') {
    notes.push('corpus part skipped: KUBEGATE_CORPUS is not set (for example KUBEGATE_CORPUS=../shared/corpus npm run bench)');
  } else {
    const corpusPath = path.resolve(process.cwd(), corpusSetting);
    if (!existsSync(corpusPath)) throw new Error(`KUBEGATE_CORPUS=${corpusSetting}: ${corpusPath} does not exist`);
    log(`measuring the corpus at ${corpusPath} (${ROUNDS} rounds after a warm-up)…`);
    corpus = await measureLintCase('corpus', corpusPath);
  }

  const scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-bench-'));
  let generated: LintCase;
  let startup: StartupCase[];
  let generatedShape: { lines: number; documents: number };
  let scaling: ScalingResult;
  let namespaces: NamespaceScaling;
  let charts: ChartsResult | undefined;
  let schemaChoices: SchemaChoicesResult;
  try {
    const workloads = path.join(scratch, 'workloads');
    mkdirSync(workloads);
    generatedShape = generateWorkloads(workloads);
    log(`measuring ${generatedShape.documents} generated workloads (${ROUNDS} rounds after a warm-up)…`);
    generated = await measureLintCase('generated', workloads);

    log('measuring schema validation: kubegate\'s lazy compact schemas against ajv, compiled per kind present and standalone…');
    schemaChoices = await measureSchemaChoices(ROOT, corpusSetting ? path.resolve(process.cwd(), corpusSetting) : workloads);

    const small = path.join(scratch, 'small.yaml');
    writeFileSync(small, SMALL_MANIFEST);
    const duplicate = path.join(scratch, 'small-duplicate-key.yaml');
    writeFileSync(duplicate, SMALL_MANIFEST_DUPLICATE);
    const fallback = path.join(scratch, 'small-syntax-error.yaml');
    writeFileSync(fallback, SMALL_MANIFEST_FALLBACK);
    log(`measuring start-up on one small Deployment, the same with a duplicate key, and with a syntax error (${STARTUP_RUNS} runs each, alternating with node -e 0)…`);
    startup = [
      measureStartup('start-up, 1 small Deployment', small),
      measureStartup('start-up, 1 file with a duplicate key', duplicate),
      measureStartup('start-up, 1 file needing the yaml library', fallback),
      measureStartup('start-up, 1 small Deployment with a config file', small, configured(scratch)),
    ];

    log('measuring cross-resource rules on 10× the namespaces of one app, in process…');
    namespaces = measureNamespaceScaling(rules, gc);

    log('measuring scaling and memory: whole CLI runs on 1×, 10× and 100× the input, as one file and as many…');
    scaling = await measureScaling(ROOT, path.join(scratch, 'scaling'), log);

    const helm = findHelm(ROOT);
    if (helm === undefined) {
      notes.push('charts part skipped: no helm found (KUBEGATE_HELM, helm on PATH, or node scripts/fetch-helm.mjs)');
    } else {
      log('measuring a folder of 20 small charts against helm template alone…');
      charts = await measureCharts(ROOT, scratch, helm);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  busiest = Math.max(busiest, loadavg()[0]!);
  const cores = availableParallelism();
  if (busiest > cores) {
    // Both sides of every ratio are interleaved, so contention inflates them alike; the
    // milliseconds, though, are not this machine's idle speed.
    notes.push(`the machine was busy (1-minute load average up to ${busiest.toFixed(1)} on ${cores} cores): absolute times are inflated, ratios less so`);
  }

  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          node: process.version,
          rules: rules.length,
          loadAverage: busiest,
          cores,
          rounds: ROUNDS,
          corpus: corpus ?? null,
          generated: { ...generated, documents: generatedShape.documents, averageLinesPerDocument: generatedShape.lines / generatedShape.documents },
          startup,
          scaling,
          namespaces,
          charts: charts ?? null,
          schemaChoices,
          notes,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }

  const rows: string[][] = [['case', 'floor', 'kubegate', 'ratio', 'limit', 'aim', 'verdict']];
  const lintRow = (c: LintCase) => [c.name === 'corpus' ? 'corpus (js-yaml loadAll floor)' : `generated ${generatedShape.documents} workloads (loadAll floor)`, ms(c.floorMs), ms(c.kubegateMs), `${c.ratio.toFixed(2)}×`, `${c.limit}×`, `${c.aim}×`, verdict(c.pass, c.ratio, c.aim)];
  if (corpus) rows.push(lintRow(corpus));
  else rows.push(['corpus', '-', '-', '-', `${LIMIT}×`, `${AIM_LINT}×`, 'SKIPPED']);
  rows.push(lintRow(generated));
  for (const c of startup) rows.push([`${c.name} (node -e 0 floor)`, ms(c.bareMs), ms(c.kubegateMs), `${c.ratio.toFixed(2)}×`, `${c.limit}×`, `${c.aim}×`, verdict(c.pass, c.ratio, c.aim)]);
  if (charts) rows.push([`${charts.charts} small charts (helm template floor)`, ms(charts.floorMs), ms(charts.kubegateMs), `${charts.ratio.toFixed(2)}×`, `${charts.limit}×`, `${charts.aim}×`, verdict(charts.pass, charts.ratio, charts.aim)]);
  else rows.push(['small charts', '-', '-', '-', '-', '-', 'SKIPPED']);

  log('');
  log(`kubegate ${packageInfo().version}, ${rules.length} rules, node ${process.version}; medians of ${ROUNDS} rounds (start-up: ${STARTUP_RUNS} runs)`);
  log('');
  log(table(rows));
  log('');
  if (corpus) log(describeCase(corpus));
  log(describeCase(generated));
  log(`    generated input: ${generatedShape.documents} documents, ${(generatedShape.lines / generatedShape.documents).toFixed(0)} lines each on average`);
  for (const c of startup) log(`  ${c.name}: kubegate exit codes ${c.kubegateExitCodes.join('/')}`);
  log('');
  log(describeScaling(scaling));
  log(describeNamespaceScaling(namespaces));
  if (charts) log(describeCharts(charts));
  log('');
  log(describeSchemaChoices(schemaChoices));
  log('');
  for (const note of notes) log(`  note: ${note}`);
  const failed = [corpus, generated, ...startup, charts].filter((c) => c && !c.pass).length + scaling.failed + (namespaces.pass ? 0 : 1);
  log('');
  log(failed > 0 ? `FAIL: ${failed} case(s) above their limit (exit code stays 0; see above)` : 'all cases within their limits');
}

// Runs when invoked as a script; importing the module (for its generator) runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
