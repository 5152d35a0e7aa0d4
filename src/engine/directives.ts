import type { FindingOrigin, ObjectPath, Range, ResourceRef, Source } from '../core/types.js';
import { isObject, resourceRef, type Resource } from '../model/resource.js';
import { helmSource, positionText } from '../parse/parse.js';
import type { Diagnostic } from './model.js';
import { PEER_CHECKS, type PeerTool } from './peer-checks.js';
import type { SuppressionDirective } from './suppress.js';

/**
 * Suppressions the user writes in the manifests themselves, read from the sources' text and the
 * resources' annotations and turned into the same directives as configuration and baselines.
 *
 * Inline comments, each on a line of its own (after optional indentation):
 *
 *     # kubegate-disable-next-line rule-a, rule-b -- reason
 *     # kubegate-disable rule-a -- reason
 *     # kubegate-enable rule-a
 *
 * The first covers findings that start on the next line that is neither blank nor a comment; the
 * second, findings that start between it and the `kubegate-enable` of the same rules (or the end
 * of the file). Without a rule list (or with `*` or `all`) they cover every rule, and a bare
 * `# kubegate-enable` ends every open block. The reason is the text after ` -- `. A comment after
 * content on the same line is not a directive (it is reported as one that suppresses nothing).
 *
 * Annotations, covering that resource only:
 *
 *     kubegate.io/ignore: "rule-a,rule-b"        # or "*" / "all" for every rule
 *     kubegate.io/ignore-reason: "why"
 *
 * plus the annotations of kube-linter, Polaris and kube-score, for the kubegate rules that match
 * their checks (see `PEER_CHECKS`).
 */

export const IGNORE_ANNOTATION = 'kubegate.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'kubegate.io/ignore-reason';

/** Where a directive is written, as the findings about it will say. */
export interface DirectivePlace {
  file: string;
  range: Range;
  resource?: ResourceRef;
  path?: ObjectPath;
  origin?: FindingOrigin;
}

/** One suppression as the user wrote it: a comment or an annotation, covering one or more rules. */
export interface WrittenSuppression {
  kind: 'inline' | 'annotation';
  /** How messages name it: `kubegate-disable-next-line`, `kubegate.io/ignore`, ... */
  form: string;
  place: DirectivePlace;
  /** One per rule id it names (or one `*`). */
  directives: SuppressionDirective[];
}

/** Whether a rule id can have findings in a file: `unknown` ids and rules turned `off` there cannot. */
export type RuleStatus = 'on' | 'off' | 'unknown';

const WILDCARDS = new Set(['*', 'all']);
const EVERY_RULE = '*';
const NO_REASON = '';

function ruleList(text: string): string[] {
  const ids = text.split(/[\s,]+/).filter((id) => id !== '');
  return ids.length === 0 || ids.some((id) => WILDCARDS.has(id)) ? [EVERY_RULE] : [...new Set(ids)];
}

function problem(messageId: string, place: DirectivePlace, data: Record<string, string>): Diagnostic {
  return { id: 'unused-suppression', messageId, data, ...place };
}

/** Rule ids as a message lists them. */
function named(ids: readonly string[]): string {
  return ids.map((id) => `"${id}"`).join(', ');
}

// --- Inline comments -------------------------------------------------------------------------

const DIRECTIVE = /^#[ \t]*(kubegate-\S*)(.*)$/;
/** Words that are clearly meant as a directive; other `kubegate-…` comments are prose. */
const DIRECTIVE_LIKE = /^kubegate-(?:disable|enable|ignore)/;
/** A directive written after content; the part before it must close its quotes to be outside a string. */
const TRAILING = /[ \t]#[ \t]*kubegate-(?:disable|enable|ignore)\S*/;
/** A block scalar indicator ending a line, but for a comment: `|`, `>-`, `|2`, `>+1`. */
const BLOCK_INDICATOR = /(?:^|[ \t])[|>]([1-9]?)[+-]?([1-9]?)(?:[ \t]+#.*)?$/;

/**
 * Whether a line opens a block scalar (`key: |`, `- >-`, `key: &a !!str |2`), and the explicit
 * indentation it gives: the indicator must follow a key's colon, a sequence dash or a complex-key
 * mark, with only a tag or an anchor between. Linear in the line, whatever it holds.
 */
function blockHeader(content: string): { explicit: number } | undefined {
  const match = BLOCK_INDICATOR.exec(content);
  if (!match) return undefined;
  // Walks back over the tokens before the indicator: node properties, then what they belong to.
  const isBlank = (at: number) => content[at] === ' ' || content[at] === '\t';
  let end = match.index;
  for (;;) {
    while (end > 0 && isBlank(end - 1)) end--;
    let start = end;
    while (start > 0 && !isBlank(start - 1)) start--;
    if (start === end || (content[start] !== '!' && content[start] !== '&')) break;
    end = start;
  }
  if (end > 0 && !':?-'.includes(content[end - 1]!)) return undefined;
  // `key: x # see: |` ends in a comment, not in an indicator.
  if (/(?:^|[ \t])#/.test(content.slice(0, end))) return undefined;
  return { explicit: Number(match[1] || match[2] || 0) };
}
const DASHES = /^(?:-[ \t]+)*/;

function isDocumentMarker(content: string): boolean {
  return /^(?:---|\.\.\.)(?:[ \t]|$)/.test(content);
}

function quotesClosed(text: string): boolean {
  let double = false;
  let single = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && double) i++;
    else if (ch === '"' && !single) double = !double;
    else if (ch === "'" && !double) single = !single;
  }
  return !double && !single;
}

interface OpenBlock {
  directive: SuppressionDirective & { lines: { from: number; to: number } };
}

/**
 * Reads a source's kubegate comments in one pass over its lines; a source whose text never says
 * `kubegate-` (nearly all of them) is not scanned at all. A line whose first non-blank character
 * is `#` is a comment unless it lies inside a block scalar (`key: |`), whose content lines are
 * recognised by their indentation. Known limit: a `#` line inside a quoted or plain scalar that
 * spans several lines is read as a comment.
 */
export function scanComments(source: Source, written: WrittenSuppression[], problems: Diagnostic[]): void {
  if (source.encodingError || source.sizeLimit || !source.text.includes('kubegate-')) return;
  const text = positionText(source.text);
  const file = source.path;
  let templateSource: string | undefined;
  /** `disable-next-line` directives waiting for the line they cover. */
  let pending: SuppressionDirective[] = [];
  const open = new Map<string, OpenBlock[]>();
  /** The open block scalar: its parent's indentation, and its content's once the first content line shows it. */
  let block: { parent: number; content: number | undefined } | undefined;
  const placeOf = (line: number, from: number, to: number): DirectivePlace => {
    const place: DirectivePlace = { file, range: { line, column: from + 1, endLine: line, endColumn: to + 1 } };
    if (templateSource !== undefined) place.origin = { file: templateSource };
    return place;
  };
  let line = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    line++;
    let newline = text.indexOf('\n', lineStart);
    if (newline === -1) newline = text.length;
    const lineEnd = text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
    const raw = text.slice(lineStart, Math.max(lineStart, lineEnd));
    lineStart = newline + 1;
    const content = raw.trimStart();
    const indent = raw.length - content.length;
    if (content.trimEnd() === '') continue;
    if (block) {
      if (block.content === undefined && indent > block.parent) block.content = indent;
      if (block.content !== undefined && indent >= block.content) {
        pending = cover(pending, line);
        continue;
      }
      block = undefined;
    }
    if (content.startsWith('#')) {
      templateSource = helmSource(content) ?? templateSource;
      const match = DIRECTIVE.exec(content.trimEnd());
      if (!match) continue;
      const place = placeOf(line, indent, indent + content.trimEnd().length);
      const form = match[1]!;
      const [listText, reason] = splitReason(match[2]!);
      const directive = (ruleId: string, lines: { from: number; to: number }): SuppressionDirective & { lines: { from: number; to: number } } => ({
        kind: 'inline',
        justification: reason,
        ruleId,
        file,
        lines,
        source: { file, line },
      });
      if (form === 'kubegate-disable-next-line') {
        const directives = ruleList(listText).map((ruleId) => directive(ruleId, { from: 0, to: -1 }));
        written.push({ kind: 'inline', form, place, directives });
        for (const one of directives) pending.push(one);
        if (reason === NO_REASON) problems.push({ id: 'suppression-without-reason', messageId: 'inline', data: { directive: form }, ...place });
      } else if (form === 'kubegate-disable') {
        const directives = ruleList(listText).map((ruleId) => directive(ruleId, { from: line + 1, to: Number.MAX_SAFE_INTEGER }));
        written.push({ kind: 'inline', form, place, directives });
        for (const one of directives) {
          const blocks = open.get(one.ruleId);
          if (blocks) blocks.push({ directive: one });
          else open.set(one.ruleId, [{ directive: one }]);
        }
        if (reason === NO_REASON) problems.push({ id: 'suppression-without-reason', messageId: 'inline', data: { directive: form }, ...place });
      } else if (form === 'kubegate-enable') {
        const ids = ruleList(listText);
        const stray: string[] = [];
        if (ids[0] === EVERY_RULE && open.size === 0) stray.push(EVERY_RULE);
        for (const ruleId of ids[0] === EVERY_RULE ? [...open.keys()] : ids) {
          const blocks = open.get(ruleId);
          if (!blocks) {
            stray.push(ruleId);
            continue;
          }
          for (const { directive: one } of blocks) one.lines.to = line - 1;
          open.delete(ruleId);
        }
        if (stray.length > 0) problems.push(problem('strayEnable', place, { rules: stray[0] === EVERY_RULE ? 'any rule' : named(stray) }));
      } else if (DIRECTIVE_LIKE.test(form)) {
        problems.push(problem('unknownDirective', place, { directive: form }));
      }
      continue;
    }
    pending = cover(pending, line);
    if (isDocumentMarker(content)) {
      templateSource = undefined;
      continue;
    }
    const header = blockHeader(content.trimEnd());
    if (header) {
      const dashes = DASHES.exec(content)![0].length;
      const afterDashes = content[dashes];
      // `- |`: the scalar is the sequence entry itself, so the dash is its parent; otherwise the key is.
      const parent = dashes > 0 && (afterDashes === '|' || afterDashes === '>' || afterDashes === '!' || afterDashes === '&') ? indent + dashes - 2 : indent + dashes;
      block = { parent, content: header.explicit > 0 ? parent + header.explicit : undefined };
    }
    const trailing = content.includes('kubegate-') ? TRAILING.exec(content) : null;
    if (trailing && quotesClosed(content.slice(0, trailing.index))) {
      const at = indent + trailing.index + 1;
      problems.push(problem('trailing', placeOf(line, at, indent + content.trimEnd().length), {}));
    }
  }
  // A `disable-next-line` at the end of the file covers nothing; an unclosed block runs to the end.
  for (const one of pending) one.lines = { from: line + 1, to: line + 1 };
  for (const blocks of open.values()) for (const { directive } of blocks) directive.lines.to = line;
}

/** Gives the waiting `disable-next-line` directives the line they cover. */
function cover(pending: SuppressionDirective[], line: number): SuppressionDirective[] {
  if (pending.length === 0) return pending;
  for (const one of pending) one.lines = { from: line, to: line };
  return [];
}

/** The rule list and the reason of a directive: the reason is what follows ` -- `. */
function splitReason(rest: string): [string, string] {
  const at = rest.search(/(?:^|[ \t])--(?:[ \t]|$)/);
  if (at === -1) return [rest, NO_REASON];
  const dashes = rest.indexOf('--', at);
  return [rest.slice(0, at), rest.slice(dashes + 2).trim()];
}

// --- Annotations -----------------------------------------------------------------------------

const KUBE_LINTER_CHECK = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const POLARIS_PREFIX = 'polaris.fairwinds.com/';
const POLARIS_ALL = 'polaris.fairwinds.com/exempt';
const KUBE_SCORE_IGNORE = 'kube-score/ignore';

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/**
 * Reads a resource's suppression annotations: kubegate's own (reported when they lack a reason or
 * go unused) and the other linters' (honoured for the matching rules, never reported).
 */
export function readAnnotations(resource: Resource, written: WrittenSuppression[], migrated: SuppressionDirective[], problems: Diagnostic[]): void {
  const metadata = resource.object.metadata;
  const annotations = isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : undefined;
  if (!annotations) return;
  const file = resource.document.file;
  const target = { kind: resource.kind, namespace: resource.namespace ?? '', name: resource.name };
  // One directive per tool and rule, with the first reason given for it.
  const peers = new Map<string, SuppressionDirective>();
  const honour = (tool: PeerTool, checks: readonly string[] | 'all', reason: unknown) => {
    const mapping = PEER_CHECKS[tool];
    const justification = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : `migrated from ${mapping.name}`;
    for (const check of checks === 'all' ? Object.keys(mapping.checks) : checks) {
      for (const ruleId of mapping.checks[check] ?? []) {
        const key = `${tool}\u0000${ruleId}`;
        if (!peers.has(key)) peers.set(key, { kind: 'annotation', justification, ruleId, file, resource: target });
      }
    }
  };
  for (const [key, value] of Object.entries(annotations)) {
    if (key === IGNORE_ANNOTATION) {
      readIgnore(resource, target, value, annotations[IGNORE_REASON_ANNOTATION], written, problems);
    } else if (key.startsWith(KUBE_LINTER_CHECK)) {
      honour('kube-linter', [key.slice(KUBE_LINTER_CHECK.length)], value);
    } else if (key === KUBE_LINTER_ALL) {
      honour('kube-linter', 'all', value);
    } else if (key.startsWith(POLARIS_PREFIX) && isTrue(value)) {
      if (key === POLARIS_ALL) honour('polaris', 'all', undefined);
      else if (key.endsWith('-exempt')) honour('polaris', [key.slice(POLARIS_PREFIX.length, -'-exempt'.length)], undefined);
    } else if (key === KUBE_SCORE_IGNORE && typeof value === 'string') {
      honour('kube-score', value.split(',').map((check) => check.trim()), undefined);
    }
  }
  for (const directive of peers.values()) migrated.push(directive);
}

function readIgnore(resource: Resource, target: SuppressionDirective['resource'], value: unknown, reasonValue: unknown, written: WrittenSuppression[], problems: Diagnostic[]): void {
  const path: ObjectPath = ['metadata', 'annotations', IGNORE_ANNOTATION];
  const place: DirectivePlace = {
    file: resource.document.file,
    range: resource.document.rangeOf([...resource.basePath, ...path], 'key'),
    resource: resourceRef(resource),
    path,
  };
  if (resource.origin) place.origin = resource.origin;
  if (typeof value !== 'string' || value.replace(/[\s,]+/g, '') === '') {
    problems.push(problem('noRules', place, {}));
    return;
  }
  const justification = typeof reasonValue === 'string' ? reasonValue.trim() : NO_REASON;
  const directives = ruleList(value).map((ruleId): SuppressionDirective => ({
    kind: 'annotation',
    justification,
    ruleId,
    file: resource.document.file,
    resource: target,
    source: { file: resource.document.file, line: place.range.line },
  }));
  written.push({ kind: 'annotation', form: IGNORE_ANNOTATION, place, directives });
  if (justification === NO_REASON) problems.push({ id: 'suppression-without-reason', messageId: 'annotation', data: {}, ...place });
}

// --- Collecting and reporting ----------------------------------------------------------------

/**
 * Everything a run's sources say about suppressing their findings, collected as the sources and
 * resources go by (so a run that lints as it reads keeps no document for it), then judged once
 * the findings are known.
 */
export class SourceSuppressions {
  readonly written: WrittenSuppression[] = [];
  /** Other linters' annotations: they suppress like the rest but are never reported. */
  readonly migrated: SuppressionDirective[] = [];
  /** Problems known as soon as the directive is read: no reason, a stray enable, a misspelt directive. */
  readonly problems: Diagnostic[] = [];

  readSource(source: Source): void {
    scanComments(source, this.written, this.problems);
  }

  readResource(resource: Resource): void {
    readAnnotations(resource, this.written, this.migrated, this.problems);
  }

  /** Every directive, for the suppression pass over the rules' findings. */
  directives(): SuppressionDirective[] {
    const all: SuppressionDirective[] = [];
    for (const entry of this.written) for (const directive of entry.directives) all.push(directive);
    for (const directive of this.migrated) all.push(directive);
    return all;
  }

  /**
   * The problems with what was written: those found while reading, and each suppression whose
   * rules silenced nothing (a rule that could not report there, being off, is not held against
   * it; an id that names no rule is).
   */
  report(unused: ReadonlySet<SuppressionDirective>, status: (file: string, ruleId: string) => RuleStatus): Diagnostic[] {
    const found = [...this.problems];
    for (const entry of this.written) {
      const stale: string[] = [];
      const unknown: string[] = [];
      for (const directive of entry.directives) {
        if (!unused.has(directive)) continue;
        const ruleStatus = directive.ruleId === EVERY_RULE ? 'on' : status(entry.place.file, directive.ruleId);
        if (ruleStatus === 'on') stale.push(directive.ruleId);
        else if (ruleStatus === 'unknown') unknown.push(directive.ruleId);
      }
      if (unknown.length > 0) found.push(problem('unknownRule', entry.place, { directive: entry.form, rules: named(unknown) }));
      if (stale.length === 0) continue;
      if (stale[0] === EVERY_RULE) found.push(problem('unusedAll', entry.place, { directive: entry.form }));
      else found.push(problem('unused', entry.place, { directive: entry.form, rules: named(stale) }));
    }
    return found;
  }
}
