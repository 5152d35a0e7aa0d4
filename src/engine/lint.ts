import type { Finding, InternalError, LintResult, Severity, Skip, Source } from '../core/types.js';
import { ResourceIndex } from '../model/index.js';
import { buildModel, readSource } from './model.js';
import type { AnyRule } from './rule.js';
import { RuleRunner, runRules } from './run.js';
import { resolveSettings, type RuleSettings } from './settings.js';
import { suppress, type SuppressionDirective } from './suppress.js';

export interface LintConfig {
  rules: readonly AnyRule[];
  /** Severity (or `off`) and options per rule or diagnostic id, over the rules' defaults. */
  settings?: RuleSettings;
  suppressions?: readonly SuppressionDirective[];
  /**
   * The severity for a rule's findings in one file, when configuration says so per file (`off`
   * drops them); undefined keeps the run's severity.
   */
  severityFor?: (file: string, ruleId: string) => Severity | 'off' | undefined;
}

export interface LintRun extends LintResult {
  unusedSuppressions: SuppressionDirective[];
}

function perFileSeverities(findings: Finding[], severityFor: LintConfig['severityFor']): Finding[] {
  if (!severityFor) return findings;
  const kept: Finding[] = [];
  for (const finding of findings) {
    const severity = severityFor(finding.file, finding.ruleId);
    if (severity === 'off') continue;
    kept.push(severity === undefined || severity === finding.severity ? finding : { ...finding, severity });
  }
  return kept;
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
export function lint(sources: Iterable<Source>, config: LintConfig): LintRun {
  const settings = resolveSettings(config.rules, config.settings);
  const skips: Skip[] = [];
  const failures: InternalError[] = [];
  let fileCount = 0;
  let resourceCount = 0;
  let results;
  // When no rule relates resources to each other, each document is linted as soon as it is read
  // and its parsed objects are let go: memory then follows the findings, not the input (a 150 MB
  // rendered chart holds one document at a time). Otherwise every resource must be alive at once.
  if (settings.rules.every(({ rule }) => rule.meta.scope === 'resource')) {
    const runner = new RuleRunner(settings, new ResourceIndex([]));
    for (const source of sources) {
      fileCount++;
      for (const piece of readSource(source)) {
        runner.useIndex(new ResourceIndex(piece.resources));
        runner.diagnose(piece.diagnostics);
        for (const resource of piece.resources) runner.check(resource);
        for (const skip of piece.skips) skips.push(skip);
        if (piece.failure) failures.push(piece.failure);
        resourceCount += piece.resources.length;
      }
    }
    results = runner.finish();
  } else {
    const model = buildModel(sources);
    fileCount = model.fileCount;
    resourceCount = model.resources.length;
    for (const skip of model.skips) skips.push(skip);
    for (const failure of model.failures) failures.push(failure);
    results = runRules(model, settings);
  }
  const suppressed = suppress(perFileSeverities(results.findings, config.severityFor), config.suppressions ?? []);
  return {
    findings: suppressed.findings.sort(compareFindings),
    skips,
    fileCount,
    resourceCount,
    internalErrors: [...failures, ...results.internalErrors],
    unusedSuppressions: suppressed.unused,
  };
}
