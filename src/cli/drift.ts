import { existsSync } from 'node:fs';
import path from 'node:path';
import { TOOL_NAME } from '../core/tool.js';
import type { Finding, LintResult, Source } from '../core/types.js';
import { describeRule } from '../engine/rule.js';
import { compareFindings } from '../engine/lint.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { CapacityError, compareEnvironments, type EnvironmentInput } from '../drift/run.js';
import { driftRules } from '../drift/rules/index.js';
import { environmentWords } from '../drift/match.js';
import { DEFAULT_MAX_FILE_BYTES, openSources } from '../load/sources.js';
import { kustomizationReader } from '../render/kustomize.js';
import { escapeControl } from '../report/escape.js';
import { loadReporter } from '../report/index.js';
import type { ChunkedReporter } from '../report/types.js';
import { picomatchLibrary } from '../config/lazy.js';
import { DriftUsageError, UsageError, type DriftCommandOptions } from './args.js';
import { runConfig } from './config.js';
import { packageInfo } from './package-info.js';
import { environmentHelm, renderOptions, RenderUsageError } from './rendering.js';

/** What the command line or the configuration says one environment is. */
interface EnvironmentSpec {
  name: string;
  profile: string;
  paths: string[];
  local: boolean;
  capacity: ResolvedConfig['environments'][number]['capacity'];
  values: string[];
  set: string[];
  namespace: string | undefined;
}


/** `production`, `prod-eu` → production; `dev` → development; anything else staging-like. */
function profileFromName(name: string): string {
  const tokens = name.toLowerCase().split(/[^a-z0-9]+/);
  for (const profile of ['production', 'staging', 'development']) {
    const words = environmentWords(profile);
    if (tokens.some((token) => words.has(token))) return profile;
  }
  return tokens.includes('local') ? 'development' : 'staging';
}

/** `overlays/production` → production, `envs/staging.yaml` → staging, `charts/shop` → shop. */
function nameFromPath(given: string): string {
  const base = path.basename(path.resolve(given));
  return base.replace(/\.(ya?ml|json)$/i, '') || given;
}

/** The environments to compare: those named on the command line, else every one of the configuration. */
function environmentSpecs(options: DriftCommandOptions, config: ResolvedConfig | undefined, cwd: string): EnvironmentSpec[] {
  const configured = new Map((config?.environments ?? []).map((environment) => [environment.name, environment]));
  const fromConfig = (name: string): EnvironmentSpec => {
    const environment = configured.get(name)!;
    return { name, profile: environment.profile, paths: environment.paths, local: environment.local, capacity: environment.capacity, values: environment.values, set: environment.set, namespace: environment.namespace };
  };
  const specs: EnvironmentSpec[] =
    options.environments.length === 0
      ? [...configured.keys()].map(fromConfig)
      : options.environments.map((argument) => {
          const equals = argument.indexOf('=');
          const named = equals > 0 && !existsSync(path.resolve(cwd, argument));
          const name = named ? argument.slice(0, equals) : argument;
          const where = named ? argument.slice(equals + 1) : argument;
          if (!named && configured.has(argument) && !existsSync(path.resolve(cwd, argument))) return fromConfig(argument);
          const own = configured.get(named ? name : nameFromPath(where));
          const environmentName = named ? name : nameFromPath(where);
          return {
            name: environmentName,
            profile: own?.profile ?? profileFromName(environmentName),
            paths: [where],
            local: own?.local ?? environmentName === 'local',
            capacity: own?.capacity,
            values: own?.values ?? [],
            set: own?.set ?? [],
            namespace: own?.namespace,
          };
        });
  if (specs.length < 2) {
    throw new UsageError(`drift compares at least two environments (got ${specs.length}): kubegate drift <env> <env> [<env>...], each a file, folder, chart or overlay (PATH or NAME=PATH), or name them under environments in the configuration`);
  }
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) throw new UsageError(`two environments are named "${spec.name}": name them apart with NAME=PATH`);
    seen.add(spec.name);
  }
  // `--values NAME=FILE` and `--set NAME:key=value` go to one environment; the rest to all.
  for (const value of options.render.values) {
    const equals = value.indexOf('=');
    const target = equals > 0 ? specs.find((spec) => spec.name === value.slice(0, equals)) : undefined;
    if (target) target.values.push(path.resolve(cwd, value.slice(equals + 1)));
    else for (const spec of specs) spec.values.push(path.resolve(cwd, value));
  }
  for (const setting of options.render.set) {
    const colon = setting.indexOf(':');
    const target = colon > 0 ? specs.find((spec) => spec.name === setting.slice(0, colon)) : undefined;
    const value = target ? setting.slice(colon + 1) : setting;
    if (!/^[^=\s][^=]*=/.test(value)) throw new UsageError(`--set must be key=value or NAME:key=value, such as production:image.tag=1.2.3 (got "${setting}")`);
    for (const spec of target ? [target] : specs) spec.set.push(value);
  }
  return specs;
}

/** The namespace of the environment's objects written without one: --namespace, then the environment's, then the configuration's. */
function namespaceOf(spec: EnvironmentSpec, options: DriftCommandOptions, config: ResolvedConfig | undefined): string | undefined {
  return options.namespace ?? spec.namespace ?? config?.namespace;
}

/** Reads one environment: its files as they are, its charts and overlays rendered for it. */
async function gatherEnvironment(spec: EnvironmentSpec, options: DriftCommandOptions, config: ResolvedConfig | undefined, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<{ sources: Source[]; rendered: Source[]; inputs: string[]; errors: string[]; notices: string[] }> {
  const loaded = await openSources(spec.paths, { cwd, readStdin: async () => new Uint8Array(), renderables: true, kustomizations: kustomizationReader });
  const sources = [...loaded.sources];
  const errors = loaded.errors.map((error) => `environment ${spec.name}: ${error}`);
  const notices = loaded.notices.map((notice) => `environment ${spec.name}: ${notice}`);
  let rendered: Source[] = [];
  if (loaded.renderables.length > 0) {
    const namespace = namespaceOf(spec, options, config);
    let base;
    try {
      base = renderOptions({ ...options.render, values: [], set: [] }, config, { cwd, env, namespace, maxOutputBytes: DEFAULT_MAX_FILE_BYTES });
    } catch (error) {
      if (error instanceof RenderUsageError) throw new DriftUsageError(error.message);
      throw error;
    }
    const helm = environmentHelm(base.helm, spec, { values: [], set: [] }, options.namespace !== undefined);
    const { renderInputs } = await import('../render/index.js');
    const result = await renderInputs(loaded.renderables, { ...base, helm });
    rendered = result.sources;
    errors.push(...result.errors.map((error) => `environment ${spec.name}: ${error}`));
    // A chart that does not render leaves its environment without objects to compare: that is an error here, not a finding.
    for (const failure of result.failures) errors.push(`environment ${spec.name}: ${failure.file}:${failure.line}: ${failure.messageId} ${Object.values(failure.data).join(' ')}`.trim());
    notices.push(...result.notices.map((notice) => `environment ${spec.name}: ${notice}`));
  }
  if (errors.length === 0 && sources.length === 0 && rendered.length === 0) errors.push(`environment ${spec.name}: ${spec.paths.join(', ')} holds no manifests, chart or overlay`);
  return { sources, rendered, inputs: spec.paths, errors, notices };
}

/** The drift reports: text and Markdown lay the environments side by side; the others are the lint formats. */
async function driftReporter(format: DriftCommandOptions['format']): Promise<ChunkedReporter> {
  if (format === 'text') return (await import('../report/drift.js')).driftTextChunks;
  if (format === 'markdown') return (await import('../report/drift.js')).driftMarkdownChunks;
  return loadReporter(format);
}

export interface DriftOutcome {
  findings: Finding[];
  chunks: Iterable<string>;
  failure: string | undefined;
  notices: string[];
  internalErrors: { message: string; stack?: string }[];
}

/**
 * Compares the environments and writes the report; the caller decides the exit code from the
 * findings, as for lint.
 */
export async function runDrift(options: DriftCommandOptions, io: { cwd: string; env: Readonly<Record<string, string | undefined>> }, failureReason: (findings: readonly Finding[], failOn: DriftCommandOptions['failOn']) => string | undefined): Promise<DriftOutcome> {
  const config = await runConfig(options.config, options.rules, io.cwd);
  const specs = environmentSpecs(options, config.resolved, io.cwd);
  const gathered: Awaited<ReturnType<typeof gatherEnvironment>>[] = [];
  for (const spec of specs) gathered.push(await gatherEnvironment(spec, options, config.resolved, io.cwd, io.env));
  const errors = gathered.flatMap((environment) => environment.errors);
  if (errors.length > 0) throw new DriftUsageError(errors.join('\n'));
  const allow = config.resolved?.driftAllow ?? [];
  const allowed = allow.length > 0 ? picomatchLibrary()(allow, { dot: true }) : undefined;
  const inputs: EnvironmentInput[] = specs.map((spec, i) => {
    const namespace = namespaceOf(spec, options, config.resolved);
    return {
      name: spec.name,
      profile: spec.profile,
      local: spec.local,
      ...(spec.capacity ? { capacity: spec.capacity } : {}),
      sources: [...gathered[i]!.sources, ...gathered[i]!.rendered],
      world: { complete: true, ...(namespace === undefined ? {} : { defaultNamespace: namespace }), ...(config.resolved?.external ? { external: config.resolved.external } : {}) },
    };
  });
  let run;
  try {
    run = compareEnvironments(inputs, { rules: driftRules, settings: config.driftSettings, ...(allowed ? { allowed } : {}) });
  } catch (error) {
    if (error instanceof CapacityError) throw new DriftUsageError(error.message);
    throw error;
  }
  const renderedSources = gathered.flatMap((environment) => environment.rendered);
  const result: LintResult = {
    findings: run.findings.sort(compareFindings),
    skips: run.models.flatMap((model) => model.skips),
    fileCount: run.models.reduce((sum, model) => sum + model.fileCount, 0),
    resourceCount: run.models.reduce((sum, model) => sum + model.resources.length, 0),
    internalErrors: run.internalErrors,
  };
  // Findings on rendered output move to the template, base or patch line an author edits.
  const placed = renderedSources.length > 0 ? (await import('../render/locate.js')).relocateFindings(result, renderedSources, io.cwd) : result;
  const failOn = options.failOnGiven ? options.failOn : (config.resolved?.failOn ?? options.failOn);
  const failure = failureReason(placed.findings, failOn);
  const info = packageInfo();
  const reporter = await driftReporter(options.format);
  const chunks = reporter(placed, {
    tool: { name: TOOL_NAME, version: info.version, informationUri: info.homepage },
    rules: driftRules.map((rule) => describeRule(rule.meta)),
    cwd: io.cwd,
    color: false,
    ...(failure === undefined ? {} : { failure }),
    category: 'drift',
    drift: { ...run.overview, environments: run.overview.environments.map((environment, i) => ({ ...environment, inputs: gathered[i]!.inputs })) },
  });
  return { findings: placed.findings, chunks, failure, notices: gathered.flatMap((environment) => environment.notices).map(escapeControl), internalErrors: run.internalErrors };
}
