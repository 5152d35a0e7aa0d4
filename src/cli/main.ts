import { appendFileSync, closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import { TOOL_NAME } from '../core/tool.js';
import { isActive, SEVERITY_RANK, type Finding, type LintResult, type RuleDescriptor, type RuleHelp, type Severity } from '../core/types.js';
import { applyBaseline, BaselineError, createBaseline, parseBaseline, serializeBaseline } from '../engine/baseline.js';
import { DIAGNOSTIC_LIST } from '../engine/diagnostics.js';
import { compareFindings, lint } from '../engine/lint.js';
import { describeRule } from '../engine/rule.js';
import { ConfigError, resolveSettings } from '../engine/settings.js';
import { DEFAULT_MAX_FILE_BYTES, openSources, type Renderable } from '../load/sources.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { KubegateConfig } from '../config/load.js';
import type { Resource } from '../model/resource.js';
import { versionProblem } from '../schema/version.js';
import { kustomizationReader } from '../render/kustomize.js';
import type { RenderResult } from '../render/index.js';
import { escapeControl } from '../report/escape.js';
import { githubSummary } from '../report/github.js';
import { loadReporter } from '../report/index.js';
import { DriftUsageError, HELP, parseCommandLine, UsageError, type ConfigChoice, type DriftCommandOptions, type LintCommandOptions } from './args.js';
import { runConfig, STARTER_CONFIG } from './config.js';
import { CrdLoadError, loadCrds } from './crds.js';
import { renderFailureFindings, renderOptions, renderPlan, RenderUsageError } from './rendering.js';
import { packageInfo } from './package-info.js';
import { stdoutIsTerminal, writeStdout } from './stdout.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  /** Reads standard input, stopping once it holds more than `maxBytes`. */
  readStdin: (maxBytes: number) => Promise<Uint8Array>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Stops past `maxBytes`, so `yes | kubegate -` ends instead of filling memory. */
async function readAtMost(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks, total);
}

const processIO = (): CliIO => ({
  stdout: writeStdout,
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: stdoutIsTerminal(),
  readStdin: (maxBytes) => readAtMost(process.stdin, maxBytes),
});

/** An error meant for the user: printed as one line, exit 2, never with a stack. */
class CliError extends Error {}

function useColor(options: LintCommandOptions, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (options.format !== 'text' || options.outputFile !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/** Every rule and input diagnostic, as reports describe them. */
function ruleDescriptors(): RuleDescriptor[] {
  return [...DIAGNOSTIC_LIST, ...rules.map((rule) => describeRule(rule.meta))];
}

/** Joins small pieces into blocks of about 64 KB: one write per finding would be a system call per finding. */
function* inBlocks(chunks: Iterable<string>): Generator<string> {
  let block = '';
  for (const chunk of chunks) {
    block += chunk;
    if (block.length >= 65_536) {
      yield block;
      block = '';
    }
  }
  if (block !== '') yield block;
}

/** Writes the report a block at a time, so it is never held whole. */
function writeReport(file: string, chunks: Iterable<string>, io: CliIO): void {
  const failed = (error: unknown) => new CliError(`cannot write the report to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  let fd: number;
  try {
    fd = openSync(path.resolve(io.cwd, file), 'w');
  } catch (error) {
    throw failed(error);
  }
  try {
    for (const block of inBlocks(chunks)) {
      try {
        writeSync(fd, block);
      } catch (error) {
        throw failed(error);
      }
    }
  } finally {
    closeSync(fd);
  }
}

async function runLint(options: LintCommandOptions, io: CliIO, debug: boolean): Promise<number> {
  const loaded = await openSources(options.paths, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    followSymlinks: options.followSymlinks,
    renderables: true,
    kustomizations: kustomizationReader,
    ...(options.stdinFilename === undefined ? {} : { stdinPath: options.stdinFilename }),
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  });
  const config = await runConfig(options.config, options.rules, io.cwd);
  const ignored = config.resolved?.ignored;
  // The configuration file is not a manifest, even when a folder walk finds it.
  const configFile = config.file;
  const loadedSources = ignored || configFile ? filterSources(loaded.sources, (source) => !ignored?.(source.path) && path.resolve(io.cwd, source.path) !== configFile) : loaded.sources;
  const resolved = config.resolved;
  const namespace = options.namespace ?? resolved?.namespace;
  const rendered = await render(ignored ? loaded.renderables.filter((unit) => !isIgnored(unit, ignored)) : loaded.renderables, options, config.resolved, namespace, io);
  const configured = resolved?.severityFor;
  // Findings on a chart rendered for an environment are keyed by the rendering's name: they get
  // that environment's profile, and the overrides that match the chart's own path.
  const severityFor: ((file: string, ruleId: string) => Severity | 'off' | undefined) | undefined =
    configured && rendered.environments.size > 0
      ? (file, ruleId) => {
          const rendering = rendered.environments.get(file);
          return rendering ? configured(rendering.path, ruleId, rendering.environment) : configured(file, ruleId);
        }
      : configured;
  const sources = concat(loadedSources, rendered.sources);
  const partial = options.partial ?? resolved?.partial ?? loaded.onlyNamedFiles;
  const target = await schemaTarget(options, config.config, config.file, io);
  const world = {
    // A chart that did not render may hold the very object a reference names: the set is not whole.
    complete: !partial && rendered.failures.length === 0,
    ...(namespace === undefined ? {} : { defaultNamespace: namespace }),
    ...(resolved?.external ? { external: resolved.external } : {}),
    ...target,
  };
  const run = lint(sources, { rules, settings: config.settings, world, ...(severityFor ? { severityFor } : {}) });
  // Findings on rendered output move to the template, base or patch line an author edits.
  const linted = rendered.sources.length > 0 ? (await import('../render/locate.js')).relocateFindings(run, rendered.sources, io.cwd) : run;
  const failures = renderFailureFindings(rendered.failures, config.settings, configured, io.cwd);
  const all = failures.length === 0 ? linted : { ...linted, findings: [...linted.findings, ...failures].sort(compareFindings) };
  const result = withBaseline(all, options, io);
  // --quiet trims what is shown, never what is counted: the exit code below sees every finding.
  const shown: LintResult = options.quiet ? { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') } : result;
  const hidden = result.findings.filter(isActive).length - shown.findings.filter(isActive).length;

  const failOn = options.failOnGiven ? options.failOn : config.resolved?.failOn ?? options.failOn;
  const why = failureReason(result.findings, failOn, options.maxWarnings);
  const info = packageInfo();
  const help = [options.format, ...options.outputs.map((output) => output.format)].includes('sarif') ? await ruleHelpLookup() : undefined;
  // Each shard's results replace only that shard's alerts where they are uploaded.
  const shardName = options.shard && `shard-${options.shard.index}-of-${options.shard.count}`;
  const category = [options.category, shardName].filter(Boolean).join('/') || undefined;
  const context = (color: boolean) => ({
    tool: { name: TOOL_NAME, version: info.version, informationUri: info.homepage },
    rules: ruleDescriptors(),
    cwd: io.cwd,
    color,
    hidden,
    ...(why === undefined ? {} : { failure: why }),
    ...(category === undefined ? {} : { category }),
    ...(help ? { help } : {}),
    inputs: [...loaded.inputs, ...rendered.inputs],
  });
  const reporter = await loadReporter(options.format);
  const chunks = reporter(shown, context(useColor(options, io)));
  if (options.outputFile !== undefined) writeReport(options.outputFile, chunks, io);
  else for (const block of inBlocks(chunks)) io.stdout(block);
  // The same run in other formats, each to its file (text on the terminal, SARIF for upload).
  for (const output of options.outputs) writeReport(output.file, (await loadReporter(output.format))(shown, context(false)), io);

  // File names come from the input: escaped like the text report, so they cannot drive the terminal.
  for (const notice of [...loaded.notices, ...rendered.notices]) io.stderr(`kubegate: ${escapeControl(notice)}\n`);
  for (const error of [...loaded.errors, ...rendered.errors]) io.stderr(`kubegate: error: ${escapeControl(error)}\n`);
  for (const error of result.internalErrors) {
    io.stderr(`kubegate: internal error (please report it): ${escapeControl(error.message)}\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
  }
  if (loaded.errors.length > 0 || rendered.errors.length > 0 || result.internalErrors.length > 0) return EXIT_ERROR;
  if (options.format === 'github' && io.env.GITHUB_STEP_SUMMARY) appendSummary(io.env.GITHUB_STEP_SUMMARY, result, io);
  return why === undefined ? EXIT_OK : EXIT_FINDINGS;
}

/**
 * The Kubernetes release schemas and API versions are checked against, and the CRDs given apart
 * from the input: the command line's, else the configuration's (its paths relative to its folder).
 */
async function schemaTarget(options: LintCommandOptions, config: KubegateConfig, configFile: string | undefined, io: CliIO): Promise<{ kubernetesVersion?: string; customResourceDefinitions?: Resource[] }> {
  const target: { kubernetesVersion?: string; customResourceDefinitions?: Resource[] } = {};
  const version = options.kubernetesVersion ?? config.kubernetesVersion;
  if (version !== undefined) {
    const problem = versionProblem(version);
    // The configuration schema admits only major.minor, and the command line checked its own.
    if (problem?.kind === 'newer') io.stderr(`kubegate: ${problem.message}\n`);
    target.kubernetesVersion = version;
  }
  const base = configFile === undefined ? io.cwd : path.dirname(configFile);
  const fromConfig = options.crds.length === 0;
  const crds = fromConfig ? (config.crds ?? []).map((file) => path.relative(io.cwd, path.resolve(base, file)) || '.') : options.crds;
  if (crds.length > 0) {
    try {
      target.customResourceDefinitions = await loadCrds(crds, io.cwd, fromConfig && configFile ? `${path.relative(io.cwd, configFile) || configFile}: crds` : '--crds');
    } catch (error) {
      if (error instanceof CrdLoadError) throw new CliError(error.message);
      throw error;
    }
  }
  return target;
}

/** Why a run fails on its findings, in words for the last line of a red CI step; undefined when it does not. */
export function failureReason(findings: readonly Finding[], failOn: Severity, maxWarnings: number | undefined): string | undefined {
  const active = findings.filter(isActive);
  const threshold = SEVERITY_RANK[failOn];
  const failing = active.filter((finding) => SEVERITY_RANK[finding.severity] >= threshold).length;
  if (failing > 0) return `${failing} finding${failing === 1 ? '' : 's'} at or above --fail-on ${failOn}`;
  const warnings = active.filter((finding) => finding.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) return `${warnings} warning${warnings === 1 ? '' : 's'} exceed${warnings === 1 ? 's' : ''} --max-warnings ${maxWarnings}`;
  return undefined;
}

/** The job summary GitHub shows on the run's page; appended, as other steps may write to it too. */
function appendSummary(file: string, result: LintResult, io: CliIO): void {
  try {
    appendFileSync(file, githubSummary(result, { cwd: io.cwd }));
  } catch (error) {
    throw new CliError(`cannot append the job summary to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Applies `--baseline` (recorded findings are kept, marked suppressed, and no longer count) and
 * writes `--write-baseline` from the run's unsilenced findings, old baselined ones included, so a
 * fixed problem leaves the baseline at the next write.
 */
function withBaseline<T extends LintResult>(result: T, options: LintCommandOptions, io: CliIO): T {
  let findings = result.findings;
  if (options.baseline !== undefined) {
    const file = options.baseline;
    let text: string;
    try {
      text = readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new CliError(`cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let applied;
    try {
      applied = applyBaseline(findings, parseBaseline(text, file), { source: file });
    } catch (error) {
      if (error instanceof BaselineError) throw new CliError(error.message);
      throw error;
    }
    findings = applied.findings;
    const fixed = applied.stale.reduce((sum, entry) => sum + entry.count, 0);
    if (fixed > 0) io.stderr(`kubegate: ${fixed} problem${fixed === 1 ? '' : 's'} in the baseline no longer occur${fixed === 1 ? 's' : ''}; run with --write-baseline ${file} to drop ${fixed === 1 ? 'it' : 'them'}\n`);
  }
  if (options.writeBaseline !== undefined) {
    const baseline = createBaseline(findings);
    const file = options.writeBaseline;
    try {
      writeFileSync(path.resolve(io.cwd, file), serializeBaseline(baseline));
    } catch (error) {
      throw new CliError(`cannot write the baseline to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // What was just recorded is the baseline from now on.
    findings = applyBaseline(findings, baseline, { source: file }).findings;
    const count = Object.values(baseline.files).flatMap((byRule) => Object.values(byRule)).flatMap((identities) => Object.values(identities)).reduce((sum, n) => sum + n, 0);
    io.stderr(`kubegate: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${file}\n`);
  }
  return findings === result.findings ? result : { ...result, findings };
}

/**
 * Renders the charts and overlays among the inputs. Options that only charts use, given where
 * there is no chart, are said to do nothing rather than silently ignored.
 */
async function render(units: readonly Renderable[], options: LintCommandOptions, config: ResolvedConfig | undefined, namespace: string | undefined, io: CliIO): Promise<RenderResult & { environments: Map<string, { path: string; environment: string }> }> {
  let renderWith;
  let plan;
  try {
    renderWith = renderOptions(options.render, config, { cwd: io.cwd, env: io.env, namespace, maxOutputBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES });
    plan = renderPlan(units, renderWith, options.render, config, { namespaceGiven: options.namespace !== undefined });
  } catch (error) {
    if (error instanceof RenderUsageError) throw new CliError(error.message);
    throw error;
  }
  const given = options.render;
  const helmOnly = [given.values.length > 0 && '--values', given.set.length > 0 && '--set', given.releaseName !== undefined && '--release-name', given.kubeVersion !== undefined && '--kube-version', given.includeTests && '--include-tests'].filter((flag): flag is string => typeof flag === 'string');
  const notices = helmOnly.length > 0 && !units.some((unit) => unit.renderer === 'helm') ? [`${helmOnly.join(', ')} appl${helmOnly.length === 1 ? 'ies' : 'y'} to Helm charts, and no chart was found among the inputs`] : [];
  const environments = new Map<string, { path: string; environment: string }>();
  if (units.length === 0) return { sources: [], failures: [], inputs: [], notices, errors: [], environments };
  // Most runs (pre-commit on plain manifests) render nothing: the render layer loads only when needed.
  const { renderInputs, renderedName } = await import('../render/index.js');
  const targets = plan.map(({ environment, unit, options: { helm } }) => (environment === undefined ? unit : { ...unit, environment, helm }));
  for (const { environment, unit } of plan) if (environment !== undefined) environments.set(renderedName(unit.path, environment), { path: unit.path, environment });
  const result = await renderInputs(targets, renderWith);
  return { ...result, notices: [...notices, ...result.notices], environments };
}

/** Whether ignorePatterns leave a chart or overlay out: its folder, or everything in it, matches. */
function isIgnored(unit: Renderable, ignored: (file: string) => boolean): boolean {
  return ignored(unit.path) || ignored(path.join(unit.path, unit.renderer === 'helm' ? 'Chart.yaml' : 'kustomization.yaml'));
}

function* concat<T>(first: Iterable<T>, second: Iterable<T>): Generator<T> {
  yield* first;
  yield* second;
}

function* filterSources<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

/** The configuration that applies to one file, as the run would use it. */
async function printConfig(file: string, choice: ConfigChoice, overrides: Record<string, Severity | 'off'>, io: CliIO): Promise<number> {
  const config = await runConfig(choice, overrides, io.cwd);
  const ids = [...DIAGNOSTIC_LIST.map((meta) => meta.id), ...rules.map((rule) => rule.meta.id)].sort();
  const settings = resolveSettings(rules, config.settings);
  const byId = new Map(settings.rules.map((entry) => [entry.rule.meta.id, entry]));
  const effective: Record<string, unknown> = {};
  for (const id of ids) {
    const diagnostic = (settings.diagnostics as Record<string, Severity | 'off'>)[id];
    const entry = byId.get(id);
    let severity: Severity | 'off' = diagnostic ?? entry?.severity ?? 'off';
    severity = config.resolved?.severityFor?.(file, id) ?? severity;
    effective[id] = entry?.options !== undefined && severity !== 'off' ? [severity, entry.options] : severity;
  }
  const printed = {
    file,
    configFile: config.file ?? null,
    ignored: config.resolved?.ignored(file) ?? false,
    environment: config.resolved?.environmentOf(file) ?? null,
    failOn: config.resolved?.failOn ?? 'error',
    rules: effective,
  };
  io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  return EXIT_OK;
}

function init(io: CliIO): number {
  const target = path.join(io.cwd, '.kubegaterc.yaml');
  if (existsSync(target)) throw new CliError('.kubegaterc.yaml already exists here; edit it, or remove it first');
  try {
    writeFileSync(target, STARTER_CONFIG, { flag: 'wx' });
  } catch (error) {
    throw new CliError(`cannot write .kubegaterc.yaml: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stdout('wrote .kubegaterc.yaml\n');
  return EXIT_OK;
}

function listRules(io: CliIO): number {
  const rows = ruleDescriptors()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((meta) => [meta.id, meta.category, meta.severity, meta.description]);
  const header = ['rule', 'category', 'severity', 'description'];
  const widths = [0, 1, 2].map((column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  io.stdout(`${[header, ...rows].map(line).join('\n')}\n`);
  return EXIT_OK;
}

/** Only SARIF carries each rule's long help; its examples are read from the package's docs only then. */
async function ruleHelpLookup(): Promise<(ruleId: string) => RuleHelp | undefined> {
  const { readExamples, ruleHelp } = await import('../docs/rule-docs.js');
  const root = packageInfo().root;
  const byId = new Map(ruleDescriptors().map((meta) => [meta.id, meta]));
  return (ruleId) => {
    const meta = byId.get(ruleId);
    return meta ? ruleHelp(meta, readExamples(root, ruleId)) : undefined;
  };
}

async function explainRule(ruleId: string, io: CliIO): Promise<number> {
  const { docEntries, readExamples, ruleDocText } = await import('../docs/rule-docs.js');
  const entry = docEntries(rules).find((candidate) => candidate.meta.id === ruleId);
  if (!entry) throw new CliError(`unknown rule "${ruleId}". Run \`kubegate rules\` to list them.`);
  io.stdout(ruleDocText(entry, readExamples(packageInfo().root, ruleId), rules));
  return EXIT_OK;
}

/** `kubegate drift`: the report, then the exit code from the differences as lint's from its findings. */
async function drift(options: DriftCommandOptions, io: CliIO, debug: boolean): Promise<number> {
  const { runDrift } = await import('./drift.js');
  const outcome = await runDrift(options, io, (findings, failOn) => failureReason(findings, failOn, undefined));
  if (options.outputFile !== undefined) writeReport(options.outputFile, outcome.chunks, io);
  else for (const block of inBlocks(outcome.chunks)) io.stdout(block);
  for (const notice of outcome.notices) io.stderr(`kubegate: ${notice}\n`);
  for (const error of outcome.internalErrors) {
    io.stderr(`kubegate: internal error (please report it): ${escapeControl(error.message)}\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
  }
  if (outcome.internalErrors.length > 0) return EXIT_ERROR;
  return outcome.failure === undefined ? EXIT_OK : EXIT_FINDINGS;
}

/** What went wrong, in one line; the stack only when asked for. */
function reportFailure(error: unknown, debug: boolean, io: CliIO): number {
  if (error instanceof UsageError) {
    io.stderr(`kubegate: error: ${escapeControl(error.message)}\nRun \`kubegate --help\` for usage.\n`);
  } else if (error instanceof CliError || error instanceof ConfigError || error instanceof DriftUsageError) {
    io.stderr(`kubegate: error: ${escapeControl(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`kubegate: error: ${escapeControl(message)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('kubegate: this looks like a bug; run again with --debug for details and please report it.\n');
  }
  return EXIT_ERROR;
}

/** Runs the CLI and returns its exit code. Never throws: every failure becomes a message and exit 2. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kubegate: error: ${escapeControl(error.message)}\nRun \`kubegate --help\` for usage.\n`);
      return EXIT_ERROR;
    }
    return reportFailure(error, argv.includes('--debug'), io);
  }
  try {
    switch (command.name) {
      case 'help':
        io.stdout(HELP);
        return EXIT_OK;
      case 'version':
        io.stdout(`${packageInfo().version}\n`);
        return EXIT_OK;
      case 'rules':
        return listRules(io);
      case 'explain':
        return await explainRule(command.ruleId, io);
      case 'init':
        return init(io);
      case 'print-config':
        return await printConfig(command.file, command.config, command.rules, io);
      case 'lint':
        return await runLint(command.options, io, command.debug);
      case 'drift':
        return await drift(command.options, io, command.debug);
    }
  } catch (error) {
    return reportFailure(error, command.name !== 'help' && command.name !== 'version' && command.debug, io);
  }
}
