import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import type { Finding, Range, Severity } from '../core/types.js';
import type { Diagnostic } from '../engine/model.js';
import { RuleRunner } from '../engine/run.js';
import { resolveSettings, type RuleSettings } from '../engine/settings.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { ResourceIndex } from '../model/index.js';
import type { RenderFailure } from '../render/failures.js';
import type { RenderOptions } from '../render/index.js';

/** Per chart or overlay, unless --render-timeout says otherwise. */
const DEFAULT_RENDER_TIMEOUT_MS = 60_000;
import type { RenderCommandOptions } from './args.js';

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
  for (const file of values) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      // Reported below.
    }
    if (!isFile) {
      const shown = path.relative(cwd, file) || file;
      throw new RenderUsageError(`the values file ${shown} (${given.values.length > 0 ? '--values' : 'helm.values in the configuration'}) does not exist or is not a file`);
    }
  }
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
export function renderFailureFindings(failures: readonly RenderFailure[], settings: RuleSettings, severityFor: ((file: string, ruleId: string) => Severity | 'off' | undefined) | undefined, cwd: string): Finding[] {
  if (failures.length === 0) return [];
  const resolved = resolveSettings(rules, settings);
  const runner = new RuleRunner({ rules: [], diagnostics: resolved.diagnostics }, new ResourceIndex([]));
  runner.diagnose(failures.map((failure): Diagnostic => ({ id: 'render-failed', messageId: failure.messageId, data: { ...failure.data }, file: failure.file, range: rangeOf(failure, cwd) })));
  const findings: Finding[] = [];
  for (const finding of runner.finish().findings) {
    const severity = severityFor?.(finding.file, finding.ruleId);
    if (severity === 'off') continue;
    findings.push(severity === undefined ? finding : { ...finding, severity });
  }
  return findings;
}
