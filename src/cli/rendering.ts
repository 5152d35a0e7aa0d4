import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import type { Finding, Range } from '../core/types.js';
import type { Diagnostic } from '../engine/model.js';
import { RuleRunner } from '../engine/run.js';
import { resolveSettings, type RuleSettings } from '../engine/settings.js';
import type { ResolvedConfig, ResolvedEnvironment } from '../config/resolve.js';
import { ResourceIndex } from '../model/index.js';
import type { RenderFailure } from '../render/failures.js';
import type { RenderOptions } from '../render/index.js';
import type { Renderable } from '../load/sources.js';
import type { RenderCommandOptions } from './args.js';

/** Per chart or overlay, unless --render-timeout says otherwise. */
const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/** A mistake in what the user asked for (a values file that is not there): exit 2, with this message. */
export class RenderUsageError extends Error {}

/**
 * How this run renders charts and overlays: each option from the command line, else the
 * environment (binaries only), else the configuration, else the default.
 */
export function renderOptions(given: RenderCommandOptions, config: ResolvedConfig | undefined, context: { cwd: string; env: Readonly<Record<string, string | undefined>>; namespace: string | undefined; maxOutputBytes: number }): RenderOptions {
  const { cwd, env } = context;
  const helmConfig = config?.helm ?? {};
  const values = given.values.length > 0 ? given.values.map((file) => path.resolve(cwd, file)) : (helmConfig.values ?? []);
  checkValuesFiles(values, given.values.length > 0 ? '--values' : 'helm.values in the configuration', cwd);
  const fromEnv = (name: string) => (env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  const choose = (flag: string | undefined, flagName: string, variable: string, configured: string | undefined) => {
    if (flag !== undefined) return { binary: flag, from: flagName };
    const set = fromEnv(variable);
    if (set !== undefined) return { binary: set, from: variable };
    return configured === undefined ? {} : { binary: configured, from: 'the configuration' };
  };
  const releaseName = given.releaseName ?? helmConfig.releaseName;
  const kubeVersion = given.kubeVersion ?? helmConfig.kubeVersion;
  return {
    cwd,
    env,
    helm: {
      values,
      set: given.set.length > 0 ? given.set : (helmConfig.set ?? []),
      includeTests: given.includeTests ?? helmConfig.includeTests ?? false,
      ...(releaseName === undefined ? {} : { releaseName }),
      ...(kubeVersion === undefined ? {} : { kubeVersion }),
      ...(context.namespace === undefined ? {} : { namespace: context.namespace }),
    },
    helmBinary: choose(given.helmBinary, '--helm-binary', 'KUBEGATE_HELM', helmConfig.binary),
    kustomizeBinary: choose(given.kustomizeBinary, '--kustomize-binary', 'KUBEGATE_KUSTOMIZE', config?.kustomize.binary),
    timeoutMs: given.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS,
    maxOutputBytes: context.maxOutputBytes,
  };
}

function checkValuesFiles(files: readonly string[], from: string, cwd: string): void {
  for (const file of files) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      // Reported below.
    }
    if (!isFile) {
      const shown = path.relative(cwd, file) || file;
      throw new RenderUsageError(`the values file ${shown} (${from}) does not exist or is not a file`);
    }
  }
}

/** One rendering of a run: a chart or overlay, the environment it is rendered for (if any), and how. */
export interface RenderPlanEntry {
  environment: string | undefined;
  unit: Renderable;
  options: RenderOptions;
}

/**
 * What to render, and how: a chart under the paths of environments of the configuration renders
 * once per environment, with the run's values and sets, then the environment's, then the command
 * line's (last, so they win; the command line's replace the top-level `helm` ones, as each option
 * replaces its key), and the environment's namespace unless --namespace was given. Every other
 * chart, and every overlay (kustomize takes no values), renders once with `options`. The drift
 * command renders from the same plan.
 */
export function renderPlan(units: readonly Renderable[], options: RenderOptions, given: RenderCommandOptions, config: ResolvedConfig | undefined, context: { namespaceGiven: boolean }): RenderPlanEntry[] {
  const plan: RenderPlanEntry[] = [];
  const environments = config?.environments ?? [];
  for (const environment of environments) checkValuesFiles(environment.values, `environments.${environment.name}.values in the configuration`, options.cwd);
  for (const unit of units) {
    const under = unit.renderer === 'helm' ? environments.filter((environment) => environment.contains(unit.path) || environment.contains(path.join(unit.path, 'Chart.yaml'))) : [];
    if (under.length === 0) {
      plan.push({ environment: undefined, unit, options });
      continue;
    }
    for (const environment of under) {
      const helm = environmentHelm(options.helm, environment, given, context.namespaceGiven);
      plan.push({ environment: environment.name, unit, options: { ...options, helm } });
    }
  }
  return plan;
}

/**
 * How a chart renders for one environment: the run's values and sets, then the environment's, then
 * the command line's (last, so they win), and the environment's namespace unless --namespace was given.
 */
export function environmentHelm(helm: RenderOptions['helm'], environment: Pick<ResolvedEnvironment, 'values' | 'set' | 'namespace'>, given: Pick<RenderCommandOptions, 'values' | 'set'>, namespaceGiven: boolean): RenderOptions['helm'] {
  const namespace = namespaceGiven ? helm.namespace : (environment.namespace ?? helm.namespace);
  return {
    ...helm,
    values: given.values.length > 0 ? [...environment.values, ...helm.values] : [...helm.values, ...environment.values],
    set: given.set.length > 0 ? [...environment.set, ...helm.set] : [...helm.set, ...environment.set],
    ...(namespace === undefined ? {} : { namespace }),
  };
}

/** The failure's line, highlighted from its column to the line's end, as other input diagnostics are. */
function rangeOf(failure: RenderFailure, cwd: string): Range {
  let lineText: string | undefined;
  try {
    lineText = readFileSync(path.resolve(cwd, failure.file), 'utf8').split(/\r?\n/)[failure.line - 1];
  } catch {
    lineText = undefined;
  }
  const endColumn = lineText !== undefined && lineText.trimEnd().length + 1 > failure.column ? lineText.trimEnd().length + 1 : failure.column + 1;
  return { line: failure.line, column: failure.column, endLine: failure.line, endColumn };
}

/**
 * Charts and overlays that did not render, as `render-failed` findings: configurable like any
 * input diagnostic (a severity, off, per-file overrides), and counted like the rest.
 */
export function renderFailureFindings(failures: readonly RenderFailure[], settings: RuleSettings, severityFor: ResolvedConfig['severityFor'], cwd: string): Finding[] {
  if (failures.length === 0) return [];
  const resolved = resolveSettings(rules, settings);
  const findings: Finding[] = [];
  // A chart rendered for an environment fails with that environment's severities, whatever its path.
  for (const environment of new Set(failures.map((failure) => failure.environment))) {
    const runner = new RuleRunner({ rules: [], diagnostics: resolved.diagnostics }, new ResourceIndex([]));
    const these = failures.filter((failure) => failure.environment === environment);
    runner.diagnose(these.map((failure): Diagnostic => ({ id: 'render-failed', messageId: failure.messageId, data: { ...failure.data }, file: failure.file, range: rangeOf(failure, cwd) })));
    for (const finding of runner.finish().findings) {
      const severity = severityFor?.(finding.file, finding.ruleId, environment);
      if (severity === 'off') continue;
      findings.push(severity === undefined ? finding : { ...finding, severity });
    }
  }
  return findings;
}
