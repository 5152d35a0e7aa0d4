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
 * The directives by where they can match, so each finding looks only at those that may cover it:
 * a directive for one line of a file (an inline comment) or for one resource of a file (an
 * annotation) is found by key; only the others (configuration patterns, disable blocks) are
 * scanned for every finding of their rule. Thousands of annotations in a rendered chart then cost
 * one lookup per finding, not one comparison each.
 */
class DirectiveIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly scanned = new Map<string, number[]>();

  constructor(private readonly directives: readonly SuppressionDirective[]) {
    directives.forEach((directive, i) => {
      const key = keyOf(directive);
      const map = key === undefined ? this.scanned : this.byKey;
      const at = key ?? directive.ruleId;
      const list = map.get(at);
      if (list) list.push(i);
      else map.set(at, [i]);
    });
  }

  /** The directives that cover a finding, in the order they were given. */
  covering(finding: Finding): SuppressionDirective[] {
    const found: number[] = [];
    for (const ruleId of finding.ruleId === '*' ? ['*'] : [finding.ruleId, '*']) {
      this.collect(this.byKey.get(lineKey(ruleId, finding.file, finding.range.line)), finding, found);
      if (finding.resource) this.collect(this.byKey.get(resourceKey(ruleId, finding.file, finding.resource.kind, finding.resource.namespace ?? '', finding.resource.name)), finding, found);
      this.collect(this.scanned.get(ruleId), finding, found);
    }
    if (found.length > 1) found.sort((a, b) => a - b);
    return found.map((i) => this.directives[i]!);
  }

  private collect(candidates: readonly number[] | undefined, finding: Finding, found: number[]): void {
    if (!candidates) return;
    for (const i of candidates) if (matches(this.directives[i]!, finding)) found.push(i);
  }
}

const lineKey = (ruleId: string, file: string, line: number) => `${ruleId}\u0000${file}\u0000L${line}`;
const resourceKey = (ruleId: string, file: string, kind: string, namespace: string, name: string) => `${ruleId}\u0000${file}\u0000R${kind}\u0000${namespace}\u0000${name}`;

/** The key a directive can be found by, when it is confined to one line or one resource of a file. */
function keyOf(directive: SuppressionDirective): string | undefined {
  if (directive.file === undefined) return undefined;
  if (directive.lines) return directive.lines.from === directive.lines.to ? lineKey(directive.ruleId, directive.file, directive.lines.from) : undefined;
  const wanted = directive.resource;
  if (wanted?.kind === undefined || wanted.namespace === undefined || wanted.name === undefined) return undefined;
  return resourceKey(directive.ruleId, directive.file, wanted.kind, wanted.namespace, wanted.name);
}

/**
 * Marks the findings each directive covers as suppressed (they stay in the result, for reports
 * that show them, but no longer count) and reports the directives that matched nothing.
 */
export function suppress(findings: readonly Finding[], directives: readonly SuppressionDirective[]): SuppressResult {
  if (directives.length === 0) return { findings: [...findings], unused: [] };
  const index = new DirectiveIndex(directives);
  const used = new Set<SuppressionDirective>();
  const result = findings.map((finding) => {
    const suppressions: Suppression[] = [];
    for (const directive of index.covering(finding)) {
      used.add(directive);
      suppressions.push({ kind: directive.kind, justification: directive.justification });
    }
    return suppressions.length > 0 ? { ...finding, suppressions: [...(finding.suppressions ?? []), ...suppressions] } : finding;
  });
  return { findings: result, unused: directives.filter((directive) => !used.has(directive)) };
}
