import type { Finding, LintResult, Source } from '../core/types.js';
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
  const model = buildModel(sources);
  const ruled = runRules(model, settings);
  const suppressed = suppress(ruled.findings, config.suppressions ?? []);
  const findings = suppressed.findings.sort(compareFindings);
  return {
    findings,
    skips: model.skips,
    fileCount: model.fileCount,
    resourceCount: model.resources.length,
    internalErrors: [...model.failures, ...ruled.internalErrors],
    unusedSuppressions: suppressed.unused,
  };
}
