import type { Finding, InternalError, LintResult, Severity, Skip, Source } from '../core/types.js';
import { ResourceIndex, type IndexOptions } from '../model/index.js';
import { DIAGNOSTICS } from './diagnostics.js';
import { SourceSuppressions, type RuleStatus } from './directives.js';
import { buildModel, readSource } from './model.js';
import type { AnyRule } from './rule.js';
import { RuleRunner, runRules } from './run.js';
import { resolveSettings, type ResolvedSettings, type RuleSettings } from './settings.js';
import { suppress, type SuppressionDirective } from './suppress.js';

export interface LintConfig {
  /**
   * Every rule the run knows, enabled or not: a suppression in a manifest that names an id not
   * among them (nor an input diagnostic) is reported as naming no rule.
   */
  rules: readonly AnyRule[];
  /** Severity (or `off`) and options per rule or diagnostic id, over the rules' defaults. */
  settings?: RuleSettings;
  /**
   * Suppressions from outside the manifests (configuration, a baseline). Those written in the
   * manifests (`# kubegate-disable…` comments, `kubegate.io/ignore` annotations and the other
   * linters' annotations) are read by `lint` itself.
   */
  suppressions?: readonly SuppressionDirective[];
  /**
   * The severity for a rule's findings in one file, when configuration says so per file (`off`
   * drops them); undefined keeps the run's severity.
   */
  severityFor?: (file: string, ruleId: string) => Severity | 'off' | undefined;
  /** The default namespace, whether the input is a whole application, and objects known to exist outside it. */
  world?: IndexOptions;
}

export interface LintRun extends LintResult {
  /**
   * The directives of `config.suppressions` that silenced nothing. Suppressions written in the
   * manifests (comments, annotations) are reported as `unused-suppression` findings instead.
   */
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

/** Reads each source's suppression comments as the source goes by, for a run that builds a whole model. */
function* readingComments(sources: Iterable<Source>, written: SourceSuppressions): Generator<Source> {
  for (const source of sources) {
    written.readSource(source);
    yield source;
  }
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
  // Suppressions written in the sources: comments are read from each source's text, annotations
  // from each resource, as the run goes by; nothing is kept of either but the directives.
  const written = new SourceSuppressions();
  // When no rule relates resources to each other, each document is linted as soon as it is read
  // and its parsed objects are let go: memory then follows the findings, not the input (a 150 MB
  // rendered chart holds one document at a time). Otherwise every resource must be alive at once.
  if (settings.rules.every(({ rule }) => rule.meta.scope === 'resource')) {
    const runner = new RuleRunner(settings, new ResourceIndex([], config.world));
    for (const source of sources) {
      fileCount++;
      written.readSource(source);
      for (const piece of readSource(source)) {
        runner.useIndex(new ResourceIndex(piece.resources, config.world));
        runner.diagnose(piece.diagnostics);
        for (const resource of piece.resources) {
          written.readResource(resource);
          runner.check(resource);
        }
        for (const skip of piece.skips) skips.push(skip);
        if (piece.failure) failures.push(piece.failure);
        resourceCount += piece.resources.length;
      }
    }
    results = runner.finish();
  } else {
    const model = buildModel(readingComments(sources, written), config.world);
    fileCount = model.fileCount;
    resourceCount = model.resources.length;
    for (const resource of model.resources) written.readResource(resource);
    for (const skip of model.skips) skips.push(skip);
    for (const failure of model.failures) failures.push(failure);
    results = runRules(model, settings);
  }
  const given = config.suppressions ?? [];
  const suppressed = suppress(perFileSeverities(results.findings, config.severityFor), [...given, ...written.directives()]);
  const unused = new Set(suppressed.unused);
  const findings = suppressed.findings;
  // What is wrong with the suppressions written in the sources (no reason, silencing nothing) is
  // reported after the suppression pass, so none of them can silence the report about itself;
  // only the run's own directives (configuration, a baseline) apply to these findings.
  const problems = written.report(unused, ruleStatus(config, settings));
  if (problems.length > 0) {
    const runner = new RuleRunner({ rules: [], diagnostics: settings.diagnostics }, new ResourceIndex([], config.world));
    runner.diagnose(problems);
    const own = suppress(perFileSeverities(runner.finish().findings, config.severityFor), given);
    for (const finding of own.findings) findings.push(finding);
    const stillUnused = new Set(own.unused);
    for (const directive of given) if (!stillUnused.has(directive)) unused.delete(directive);
  }
  return {
    findings: findings.sort(compareFindings),
    skips,
    fileCount,
    resourceCount,
    internalErrors: [...failures, ...results.internalErrors],
    unusedSuppressions: given.filter((directive) => unused.has(directive)),
  };
}

/** Whether a rule can report in a file: a suppression of a rule that cannot is not held to be unused. */
function ruleStatus(config: LintConfig, settings: ResolvedSettings): (file: string, ruleId: string) => RuleStatus {
  const known = new Set<string>(Object.keys(DIAGNOSTICS));
  for (const rule of config.rules) known.add(rule.meta.id);
  const enabled = new Set<string>(settings.rules.map(({ rule }) => rule.meta.id));
  for (const [id, severity] of Object.entries(settings.diagnostics)) if (severity !== 'off') enabled.add(id);
  return (file, ruleId) => {
    if (!known.has(ruleId)) return 'unknown';
    if (!enabled.has(ruleId) || config.severityFor?.(file, ruleId) === 'off') return 'off';
    return 'on';
  };
}
