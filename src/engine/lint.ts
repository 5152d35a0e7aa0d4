import type { Finding, InternalError, LintResult, Skip, Source } from '../core/types.js';
import { buildModel } from './model.js';
import type { AnyRule } from './rule.js';
import { runRules } from './run.js';
import { resolveSettings, type RuleSettings } from './settings.js';
import { suppress, type SuppressionDirective } from './suppress.js';

export interface LintConfig {
  rules: readonly AnyRule[];
  /** Severity (or `off`) and options per rule or diagnostic id, over the rules' defaults. */
  settings?: RuleSettings;
  suppressions?: readonly SuppressionDirective[];
}

export interface LintRun extends LintResult {
  unusedSuppressions: SuppressionDirective[];
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.line - b.range.line || a.range.column - b.range.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * The pure core: sources in, findings out, in four stages each usable on its own. It reads no
 * files and prints nothing, so the CLI, the tests and the benchmark all drive the same code.
 * Throws ConfigError when the settings cannot be used.
 */
export function lint(sources: readonly Source[], config: LintConfig): LintRun {
  const settings = resolveSettings(config.rules, config.settings);
  // When no rule relates resources to each other, each file is linted on its own and its parsed
  // objects are let go before the next is read: memory then follows the largest file and the
  // findings, not the whole input. Otherwise every resource must be alive at once.
  const perFile = settings.rules.every(({ rule }) => rule.meta.scope === 'resource');
  const batches = perFile ? sources.map((source) => [source]) : [sources];
  const findings: Finding[] = [];
  const skips: Skip[] = [];
  const internalErrors: InternalError[] = [];
  let resourceCount = 0;
  for (const batch of batches) {
    const model = buildModel(batch);
    const ruled = runRules(model, settings);
    for (const finding of ruled.findings) findings.push(finding);
    for (const skip of model.skips) skips.push(skip);
    for (const error of model.failures) internalErrors.push(error);
    for (const error of ruled.internalErrors) internalErrors.push(error);
    resourceCount += model.resources.length;
  }
  const suppressed = suppress(findings, config.suppressions ?? []);
  return {
    findings: suppressed.findings.sort(compareFindings),
    skips,
    fileCount: sources.length,
    resourceCount,
    internalErrors,
    unusedSuppressions: suppressed.unused,
  };
}
