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
import { textReporter } from '../src/report/text.js';

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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

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
  const report = textReporter(result, { tool: { name: info.name, version: info.version, informationUri: info.homepage }, rules: [...DIAGNOSTIC_LIST, ...rules.map((rule) => describeRule(rule.meta))], cwd: ROOT, color: false });
  const t3 = performance.now();
  return {
    phases: { load: t1 - t0, lint: t2 - t1, report: t3 - t2 },
    outcome: {
      files: result.fileCount,
      resources: result.resourceCount,
      findings: result.findings.length,
      skips: result.skips.length,
      internalErrors: result.internalErrors.length,
      reportBytes: report.length,
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
// Generated workloads. A seeded generator, so every run lints byte-identical input.

function prng(seed: number): () => number {
  // mulberry32: tiny, fast, and good enough to pick among a handful of variants.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'checkout', 'identity', 'catalog', 'ledger', 'notifications', 'ingest'];
const ROLES = ['api', 'worker', 'gateway', 'indexer', 'scheduler', 'cache', 'sync', 'exporter'];
const REGISTRIES = ['registry.example.com', 'ghcr.io/example', 'docker.io/library', '123456789012.dkr.ecr.eu-west-1.amazonaws.com'];

/** The tag mix seen in real repositories: mostly pinned versions, a tail of mutable or missing tags. */
function image(random: () => number, name: string): string {
  const registry = REGISTRIES[Math.floor(random() * REGISTRIES.length)]!;
  const roll = random();
  if (roll < 0.55) return `${registry}/${name}:${1 + Math.floor(random() * 4)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
  if (roll < 0.7) return `${registry}/${name}@sha256:${Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('')}`;
  if (roll < 0.82) return `${registry}/${name}:latest`;
  if (roll < 0.92) return `${registry}/${name}`;
  return `${registry}/${name}:2024${String(10 + Math.floor(random() * 89))}${String(10 + Math.floor(random() * 18))}-${Math.floor(random() * 1e6).toString(36)}`;
}

function resourcesBlock(random: () => number, indent: string): string[] {
  const roll = random();
  if (roll < 0.25) return []; // no resources at all
  const cpu = `${[50, 100, 250, 500, 1000][Math.floor(random() * 5)]}m`;
  const memory = `${[64, 128, 256, 512, 1024][Math.floor(random() * 5)]}Mi`;
  const lines = [`${indent}resources:`, `${indent}  requests:`, `${indent}    cpu: ${cpu}`, `${indent}    memory: ${memory}`];
  if (roll < 0.4) return lines; // requests only, no limits
  if (roll < 0.45) return [...lines, `${indent}  limits:`, `${indent}    memory: 32Mi`]; // limit below the request
  if (roll < 0.48) return [`${indent}resources:`, `${indent}  requests:`, `${indent}    memory: 512m`]; // the half-a-byte typo
  return [...lines, `${indent}  limits:`, `${indent}    cpu: "2"`, `${indent}    memory: ${memory}`];
}

function probeBlock(random: () => number, indent: string, kind: 'readinessProbe' | 'livenessProbe', port: string | number): string[] {
  const roll = random();
  if (roll < 0.5) {
    return [`${indent}${kind}:`, `${indent}  httpGet:`, `${indent}    path: ${kind === 'readinessProbe' ? '/ready' : '/healthz'}`, `${indent}    port: ${port}`, `${indent}  periodSeconds: 10`, `${indent}  timeoutSeconds: 2`];
  }
  if (roll < 0.8) return [`${indent}${kind}:`, `${indent}  tcpSocket:`, `${indent}    port: ${port}`, `${indent}  initialDelaySeconds: 5`];
  return [`${indent}${kind}:`, `${indent}  exec:`, `${indent}    command: ["/bin/sh", "-c", "test -f /tmp/ready"]`];
}

function container(random: () => number, name: string, service: string, indent: string, serving: boolean): string[] {
  const port = 8000 + Math.floor(random() * 1000);
  const lines = [`${indent}- name: ${name}`, `${indent}  image: ${image(random, service)}`, `${indent}  imagePullPolicy: IfNotPresent`];
  if (random() < 0.3) lines.push(`${indent}  args: ["--log-level=info", "--listen=:${port}"]`);
  lines.push(`${indent}  ports:`, `${indent}    - name: http`, `${indent}      containerPort: ${port}`, `${indent}      protocol: TCP`);
  if (random() < 0.4) lines.push(`${indent}    - name: metrics`, `${indent}      containerPort: 9090`);
  lines.push(
    `${indent}  env:`,
    `${indent}    - name: LOG_FORMAT`,
    `${indent}      value: json`,
    `${indent}    - name: DATABASE_URL`,
    `${indent}      valueFrom:`,
    `${indent}        secretKeyRef:`,
    `${indent}          name: ${name}-db`,
    `${indent}          key: url`,
  );
  if (serving) {
    // A probe on a port name the container does not declare is a realistic copy-paste slip.
    const probePort = random() < 0.1 ? 'health' : random() < 0.5 ? 'http' : port;
    if (random() < 0.7) lines.push(...probeBlock(random, `${indent}  `, 'readinessProbe', probePort));
    if (random() < 0.6) lines.push(...probeBlock(random, `${indent}  `, 'livenessProbe', probePort));
  }
  lines.push(...resourcesBlock(random, `${indent}  `));
  if (random() < 0.5) {
    lines.push(`${indent}  securityContext:`, `${indent}    runAsNonRoot: true`, `${indent}    readOnlyRootFilesystem: true`, `${indent}    allowPrivilegeEscalation: false`);
  }
  return lines;
}

function podSpec(random: () => number, name: string, service: string, indent: string, serving: boolean): string[] {
  const lines = [`${indent}containers:`, ...container(random, name, service, `${indent}  `, serving)];
  if (random() < 0.15) lines.push(...container(random, 'proxy', 'envoy-proxy', `${indent}  `, serving));
  if (random() < 0.3) lines.push(`${indent}serviceAccountName: ${name}`);
  if (random() < 0.2) lines.push(`${indent}nodeSelector:`, `${indent}  kubernetes.io/os: linux`);
  if (random() < 0.2) lines.push(`${indent}terminationGracePeriodSeconds: 45`);
  return lines;
}

function workload(random: () => number, n: number): string {
  const team = TEAMS[n % TEAMS.length]!;
  const service = `${team}-${ROLES[Math.floor(random() * ROLES.length)]!}`;
  const name = `${service}-${n}`;
  const roll = random();
  const kind = roll < 0.7 ? 'Deployment' : roll < 0.8 ? 'StatefulSet' : roll < 0.9 ? 'DaemonSet' : 'CronJob';
  const apiVersion = kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const head = [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${team}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    `    app.kubernetes.io/part-of: ${team}`,
  ];
  if (random() < 0.3) head.push('  annotations:', `    example.com/owner: "${team}@example.com"`);
  const labels = ['      labels:', `        app.kubernetes.io/name: ${name}`];
  if (kind === 'CronJob') {
    return [
      ...head,
      'spec:',
      `  schedule: "${Math.floor(random() * 60)} */6 * * *"`,
      '  concurrencyPolicy: Forbid',
      '  jobTemplate:',
      '    spec:',
      '      backoffLimit: 2',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      ...podSpec(random, name, service, '          ', false),
    ].join('\n');
  }
  const spec = ['spec:'];
  if (kind !== 'DaemonSet') spec.push(`  replicas: ${[1, 2, 3, 5][Math.floor(random() * 4)]}`);
  if (kind === 'StatefulSet') spec.push(`  serviceName: ${name}`);
  if (kind === 'Deployment') {
    const strategy = random();
    if (strategy < 0.05) spec.push('  revisionHistoryLimit: 0');
    if (strategy < 0.1) spec.push('  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 100%', '      maxSurge: 0');
    else if (strategy < 0.5) spec.push('  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 0', '      maxSurge: 25%');
  }
  spec.push('  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${name}`, '  template:', '    metadata:', ...labels, '    spec:', ...podSpec(random, name, service, '      ', true));
  if (kind === 'StatefulSet') {
    spec.push('  volumeClaimTemplates:', '    - metadata:', '        name: data', '      spec:', '        accessModes: ["ReadWriteOnce"]', '        resources:', '          requests:', '            storage: 10Gi');
  }
  return [...head, ...spec].join('\n');
}

const GENERATED_FILES = 100;
const DOCUMENTS_PER_FILE = 100;

export function generateWorkloads(directory: string): { lines: number; documents: number } {
  const random = prng(20240611);
  let lines = 0;
  let n = 0;
  for (let f = 0; f < GENERATED_FILES; f++) {
    const documents: string[] = [];
    for (let d = 0; d < DOCUMENTS_PER_FILE; d++) {
      const text = workload(random, n++);
      lines += text.split('\n').length;
      documents.push(text);
    }
    writeFileSync(path.join(directory, `workloads-${String(f).padStart(3, '0')}.yaml`), `---\n${documents.join('\n---\n')}\n`);
  }
  return { lines, documents: n };
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

function timeSpawn(args: readonly string[]): { ms: number; status: number | null; stderr: string } {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  return { ms, status: child.status, stderr: child.stderr };
}

function measureStartup(name: string, file: string): StartupCase {
  const cli = path.join(ROOT, 'bin', 'kubegate.cjs');
  const bare: number[] = [];
  const kubegate: number[] = [];
  const codes = new Set<number>();
  // One throw-away pair warms the OS file cache for node, the CLI and its modules.
  for (let run = 0; run <= STARTUP_RUNS; run++) {
    const b = timeSpawn(['-e', '0']);
    const k = timeSpawn([cli, file]);
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

/** The same Deployment with one key written twice: js-yaml rejects it, so the `yaml` library is loaded to report it. */
const SMALL_MANIFEST_FALLBACK = SMALL_MANIFEST.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 3\n');

// ---------------------------------------------------------------------------------------------
// Output

const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
const verdict = (pass: boolean, ratio: number, aim: number) => (pass ? (ratio <= aim ? 'PASS (within aim)' : 'PASS (above aim)') : 'FAIL');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

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
  try {
    const workloads = path.join(scratch, 'workloads');
    mkdirSync(workloads);
    generatedShape = generateWorkloads(workloads);
    log(`measuring ${generatedShape.documents} generated workloads (${ROUNDS} rounds after a warm-up)…`);
    generated = await measureLintCase('generated', workloads);

    const small = path.join(scratch, 'small.yaml');
    writeFileSync(small, SMALL_MANIFEST);
    const fallback = path.join(scratch, 'small-duplicate-key.yaml');
    writeFileSync(fallback, SMALL_MANIFEST_FALLBACK);
    log(`measuring start-up on one small Deployment, and on the same with a duplicate key (${STARTUP_RUNS} runs each, alternating with node -e 0)…`);
    startup = [measureStartup('start-up, 1 small Deployment', small), measureStartup('start-up, 1 file needing the yaml fallback', fallback)];
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

  log('');
  log(`kubegate ${packageInfo().version}, ${rules.length} rules, node ${process.version}; medians of ${ROUNDS} rounds (start-up: ${STARTUP_RUNS} runs)`);
  log('');
  log(table(rows));
  log('');
  if (corpus) log(describeCase(corpus));
  log(describeCase(generated));
  log(`    generated input: ${generatedShape.documents} documents, ${(generatedShape.lines / generatedShape.documents).toFixed(0)} lines each on average`);
  for (const c of startup) log(`  ${c.name}: kubegate exit codes ${c.kubegateExitCodes.join('/')}`);
  for (const note of notes) log(`  note: ${note}`);
  const failed = [corpus, generated, ...startup].filter((c) => c && !c.pass).length;
  log('');
  log(failed > 0 ? `FAIL: ${failed} case(s) above their limit (exit code stays 0; see above)` : 'all cases within their limits');
}

// Runs when invoked as a script; importing the module (for its generator) runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
