import { ResourceIndex } from '../model/index.js';
import { resourceRef, type Resource } from '../model/resource.js';
import { WORKLOAD_KINDS } from '../model/workload.js';
import { parseSource, type ParseProblem, type Source } from '../parse/parse.js';
import { resolveRange } from '../parse/positions.js';
import { formatMessage } from './define-rule.js';
import type { Finding, LintResult, ReportDescriptor, Rule, RuleContext, Severity, Skip } from './types.js';

export interface LintOptions {
  rules: readonly Rule[];
  /** Severity per rule id, replacing the rule's default; `off` disables the rule. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.line - b.range.line || a.range.column - b.range.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Rules grouped by the kinds they declare, so each resource meets only the rules meant for it. */
function rulesByKind(rules: readonly Rule[]): Map<string, Rule[]> {
  const byKind = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (!rule.check) continue;
    const kinds = rule.meta.kinds === 'workloads' ? WORKLOAD_KINDS : rule.meta.kinds;
    for (const kind of kinds) {
      const list = byKind.get(kind);
      if (list) list.push(rule);
      else byKind.set(kind, [rule]);
    }
  }
  return byKind;
}

/**
 * The pure core: sources in, findings out. It reads no files and prints nothing, so the CLI, the
 * tests and the benchmark all drive exactly the same code.
 */
export function lint(sources: readonly Source[], options: LintOptions): LintResult {
  const ruleById = new Map(options.rules.map((rule) => [rule.meta.id, rule]));
  const severityOf = (rule: Rule): Severity | 'off' => options.severities?.[rule.meta.id] ?? rule.meta.severity;
  const enabled = options.rules.filter((rule) => severityOf(rule) !== 'off');

  const resources: Resource[] = [];
  const problems: ParseProblem[] = [];
  const skips: Skip[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    resources.push(...parsed.resources);
    problems.push(...parsed.problems);
    skips.push(...parsed.skips);
  }

  const findings: Finding[] = [];
  for (const problem of problems) {
    const rule = ruleById.get(problem.ruleId);
    if (!rule) throw new Error(`the parser reported ${problem.ruleId}, which has no rule metadata`);
    const severity = severityOf(rule);
    if (severity === 'off') continue;
    const location = problem.location;
    const file = 'document' in location ? location.document.file : location.file;
    const finding: Finding = {
      ruleId: problem.ruleId,
      severity,
      message: formatMessage(rule.meta.messages[problem.messageId] ?? problem.messageId, problem.data),
      file: file.path,
      range: resolveRange(location),
    };
    if ('document' in location) finding.path = location.path;
    if (problem.templateSource) finding.templateSource = problem.templateSource;
    findings.push(finding);
  }

  const internalErrors: string[] = [];
  const index = new ResourceIndex(resources);
  const byKind = rulesByKind(enabled);
  for (const resource of resources) {
    const rules = byKind.get(resource.kind);
    if (!rules) continue;
    for (const rule of rules) {
      const severity = severityOf(rule) as Severity;
      const context: RuleContext = {
        index,
        report(descriptor: ReportDescriptor) {
          findings.push(toFinding(rule, severity, resource, descriptor));
        },
      };
      try {
        rule.check!(resource, context);
      } catch (error) {
        const where = `${resource.document.file.path}:${resource.document.line}`;
        internalErrors.push(`rule ${rule.meta.id} failed on ${resource.kind}/${resource.name} (${where}): ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  }

  findings.sort(compareFindings);
  return { findings, skips, fileCount: sources.length, resourceCount: resources.length, internalErrors };
}

function toFinding(rule: Rule, severity: Severity, resource: Resource, descriptor: ReportDescriptor): Finding {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id ${descriptor.messageId}`);
  const location = { document: resource.document, path: [...resource.basePath, ...descriptor.path], on: descriptor.on ?? 'value' } as const;
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity,
    message: formatMessage(template, descriptor.data),
    file: resource.document.file.path,
    range: resolveRange(location),
    resource: resourceRef(resource),
    path: descriptor.path,
  };
  if (resource.templateSource) finding.templateSource = resource.templateSource;
  return finding;
}
