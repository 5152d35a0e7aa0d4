import type { Finding, Suppression, SuppressionKind } from '../core/types.js';

/**
 * One deliberate exception: which findings it silences and the reason given. Annotations, inline
 * comments, configuration and baselines are all turned into directives by whoever reads them, so
 * silencing stays one pure pass after the rules.
 */
export interface SuppressionDirective {
  kind: SuppressionKind;
  justification: string;
  /** A rule id, or `*` for every rule. */
  ruleId: string;
  /** Only findings in this file (as findings name it). */
  file?: string;
  /** Only findings on this resource; fields left out match any value. */
  resource?: { kind?: string; namespace?: string; name?: string };
  /** Only findings starting on these lines (inclusive), as an inline comment covers. */
  lines?: { from: number; to: number };
  /** Where the directive itself is written, so an unused one can be pointed at. */
  source?: { file: string; line: number };
}

export interface SuppressResult {
  findings: Finding[];
  /** Directives that silenced nothing: stale exceptions worth removing. */
  unused: SuppressionDirective[];
}

function matches(directive: SuppressionDirective, finding: Finding): boolean {
  if (directive.file !== undefined && directive.file !== finding.file) return false;
  if (directive.lines && (finding.range.line < directive.lines.from || finding.range.line > directive.lines.to)) return false;
  const wanted = directive.resource;
  if (wanted) {
    const resource = finding.resource;
    if (!resource) return false;
    if (wanted.kind !== undefined && wanted.kind !== resource.kind) return false;
    if (wanted.name !== undefined && wanted.name !== resource.name) return false;
    if (wanted.namespace !== undefined && wanted.namespace !== (resource.namespace ?? '')) return false;
  }
  return true;
}

/**
 * Marks the findings each directive covers as suppressed (they stay in the result, for reports
 * that show them, but no longer count) and reports the directives that matched nothing.
 */
export function suppress(findings: readonly Finding[], directives: readonly SuppressionDirective[]): SuppressResult {
  if (directives.length === 0) return { findings: [...findings], unused: [] };
  const byRule = new Map<string, SuppressionDirective[]>();
  for (const directive of directives) {
    const list = byRule.get(directive.ruleId);
    if (list) list.push(directive);
    else byRule.set(directive.ruleId, [directive]);
  }
  const used = new Set<SuppressionDirective>();
  const result = findings.map((finding) => {
    const suppressions: Suppression[] = [];
    for (const directive of [...(byRule.get(finding.ruleId) ?? []), ...(byRule.get('*') ?? [])]) {
      if (!matches(directive, finding)) continue;
      used.add(directive);
      suppressions.push({ kind: directive.kind, justification: directive.justification });
    }
    return suppressions.length > 0 ? { ...finding, suppressions: [...(finding.suppressions ?? []), ...suppressions] } : finding;
  });
  return { findings: result, unused: directives.filter((directive) => !used.has(directive)) };
}
