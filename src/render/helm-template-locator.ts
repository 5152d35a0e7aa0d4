import { existingPrefixLength } from '../parse/positions.js';
import type { ObjectPath, Range } from '../core/types.js';

/**
 * Finds, in a Helm template's own text, the line of the key a finding's path names.
 *
 * A template is not YAML until Helm renders it: `{{ }}` actions stand anywhere, `{{- if }}` and
 * `{{- with }}` wrap blocks without moving them, and `toYaml`/`include` output whole subtrees that
 * are not in the text at all. But the literal lines of a template keep the indentation they will
 * have once rendered, so a line scan that reads keys and list dashes by indentation, and treats
 * action-only lines as markers of generated or conditional content, rebuilds the literal skeleton
 * of each document. A path is walked along that skeleton as far as it goes: the place shown is
 * always a key of the path (or a list item of it), never a line that holds another key.
 */

/** One key or list item the template writes literally. */
export interface TemplateNode {
  kind: 'root' | 'key' | 'item';
  /** The key's name; null when the key itself is templated (`{{ $key }}: value`). */
  name?: string | null;
  /** 1-based line. */
  line: number;
  /** 0-based column of the key or dash: the node's YAML indentation. */
  indent: number;
  /** 0-based columns on the line of what to highlight: the key or dash through the end of its value. */
  start: number;
  end: number;
  /** The inline value as written (quotes and actions kept), for keys with one and scalar list items. */
  value?: string;
  children: TemplateNode[];
  /**
   * Where content the text does not show (a conditional, a loop, generated output) stands among
   * the children: each entry is the number of literal children written before it.
   */
  dynamic: number[];
  /** Output of `toYaml`, `include` and the like lands among the children. */
  generated: boolean;
}

export interface TemplateDocument {
  root: TemplateNode;
  /** 1-based line where the document starts: its `---` line, or the first line of the file. */
  line: number;
  /** Whether that line is a `---` separator (a line that holds no key). */
  separator: boolean;
  /** The first literal key or item of the document, where a finding about the whole object is shown. */
  first?: TemplateNode;
  /** 1-based lines the document spans, for the text fallback. */
  endLine: number;
}

export interface HelmTemplate {
  lines: readonly string[];
  documents: TemplateDocument[];
}

export interface TemplateLocation {
  range: Range;
  /** How many segments of the path the location stands for: 0 when none could be found. */
  depth: number;
}

const PLACEHOLDER = '\u0001';

interface Action {
  start: number;
  end: number;
  /** Between the delimiters, trim markers and blanks removed. */
  inner: string;
}

type ActionKind = 'comment' | 'control' | 'define' | 'open-output' | 'assign' | 'output';

const CONTROL = /^(?:if|else|end|with|range|break|continue)\b/;
const GENERATES = /\b(?:toYaml|toJson|toPrettyJson|include|template|tpl|nindent|indent|fromYaml|Files)\b/;

function classify(inner: string): ActionKind {
  if (inner.startsWith('/*')) return 'comment';
  if (/^define\b/.test(inner)) return 'define';
  if (/^block\b/.test(inner)) return 'open-output';
  if (CONTROL.test(inner)) return 'control';
  if (/^\$[\w]*\s*:?=/.test(inner)) return 'assign';
  return 'output';
}

/** Every `{{ }}` action of the text, skipping quoted strings inside actions (a `"}}"` argument is not the end). */
function findActions(text: string): Action[] {
  const actions: Action[] = [];
  let at = text.indexOf('{{');
  while (at !== -1) {
    let i = at + 2;
    let end = -1;
    const body = text.slice(i).match(/^-?\s*/)![0].length + i;
    if (text.startsWith('/*', body)) {
      const close = text.indexOf('*/', body + 2);
      const brace = close === -1 ? -1 : text.indexOf('}}', close + 2);
      end = brace === -1 ? text.length : brace + 2;
    } else {
      for (i = body; i < text.length; i++) {
        const ch = text[i];
        if (ch === '"') {
          for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
        } else if (ch === '`') {
          const close = text.indexOf('`', i + 1);
          i = close === -1 ? text.length : close;
        } else if (ch === "'") {
          // A Go character literal: '{' or '\n'.
          const close = text.indexOf("'", i + 1);
          if (close !== -1 && close - i <= 4) i = close;
        } else if (ch === '}' && text[i + 1] === '}') {
          end = i + 2;
          break;
        }
      }
      if (end === -1) end = text.length;
    }
    let inner = text.slice(at + 2, Math.max(at + 2, end - 2));
    inner = inner.replace(/^-\s/, '').replace(/^-$/, '').replace(/\s-$/, '').trim();
    actions.push({ start: at, end, inner });
    at = text.indexOf('{{', end);
  }
  return actions;
}

/** The text with every action's characters (but not its line breaks) replaced, so YAML structure can be read around them. */
function mask(text: string, actions: readonly Action[]): string {
  if (actions.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const { start, end } of actions) {
    parts.push(text.slice(last, start), text.slice(start, end).replace(/[^\r\n]/g, PLACEHOLDER));
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Offsets covered by `define` blocks: their text is output where they are included, not here. */
function defineRegions(actions: readonly Action[]): [number, number][] {
  const regions: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (const action of actions) {
    const kind = classify(action.inner);
    if (depth === 0) {
      if (kind === 'define') {
        depth = 1;
        start = action.start;
      }
      continue;
    }
    if (kind === 'define' || kind === 'open-output' || /^(?:if|with|range)\b/.test(action.inner)) depth++;
    else if (/^end\b/.test(action.inner)) depth--;
    if (depth === 0) regions.push([start, action.end]);
  }
  if (depth > 0) regions.push([start, Number.MAX_SAFE_INTEGER]);
  return regions;
}

function unquote(text: string): string {
  if (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'")))) return text.slice(1, -1);
  return text;
}

/** Where a trailing comment starts in a masked line (a `#` after a blank, outside quotes), or the line's length. */
function contentEnd(masked: string, from: number): number {
  let quote = '';
  for (let i = from; i < masked.length; i++) {
    const ch = masked[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === from || /[\s:,[{-]/.test(masked[i - 1]!))) quote = ch;
    else if (ch === '#' && (i === from || masked[i - 1] === ' ' || masked[i - 1] === '\t')) {
      let end = i;
      while (end > from && (masked[end - 1] === ' ' || masked[end - 1] === '\t')) end--;
      return end;
    }
  }
  let end = masked.length;
  while (end > from && (masked[end - 1] === ' ' || masked[end - 1] === '\t')) end--;
  return end;
}

/** The end of a simple mapping key starting at `at` (the offset of its colon), or -1 when the text there is not a key. */
function keyColon(masked: string, at: number, end: number): number {
  const first = masked[at];
  if (first === '"' || first === "'") {
    const close = masked.indexOf(first, at + 1);
    if (close === -1 || close >= end) return -1;
    let i = close + 1;
    while (masked[i] === ' ') i++;
    return masked[i] === ':' && (i + 1 >= end || masked[i + 1] === ' ' || masked[i + 1] === '\t') ? i : -1;
  }
  if (first === undefined || '[{|>&*!?%@`#'.includes(first)) return -1;
  for (let i = at; i < end; i++) {
    if (masked[i] === ':' && (i + 1 >= end || masked[i + 1] === ' ' || masked[i + 1] === '\t')) return i;
  }
  return -1;
}

function bracketBalance(masked: string, from: number, end: number): number {
  let balance = 0;
  let quote = '';
  for (let i = from; i < end; i++) {
    const ch = masked[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      balance++;
    } else if (ch === ']' || ch === '}') {
      balance--;
    }
  }
  return balance;
}

function newNode(kind: TemplateNode['kind'], line: number, indent: number, start: number, end: number): TemplateNode {
  return { kind, line, indent, start, end, children: [], dynamic: [], generated: false };
}

/**
 * The node content at column `column` belongs to, without closing any: a template line's own
 * indentation says little (authors indent `{{- if }}` as they like), but generated output's
 * column (its `nindent`) says where it lands.
 */
function ownerAt(stack: readonly TemplateNode[], column: number): TemplateNode {
  for (let i = stack.length - 1; i > 0; i--) {
    const node = stack[i]!;
    if (node.indent < column) return node;
    // A list written at its key's own indentation (`containers:` then `- name:` below it).
    if (node.kind === 'key' && node.indent === column && node.children.length > 0 && node.children.every((child) => child.kind === 'item')) return node;
  }
  return stack[0]!;
}

/** Reads the literal skeleton of every document of a template. */
export function scanTemplate(source: string): HelmTemplate {
  const text = source.replace(/\r\n?/g, '\n');
  const actions = findActions(text);
  const masked = mask(text, actions);
  const defines = defineRegions(actions);
  const lines = text.split('\n');
  const maskedLines = masked.split('\n');
  const lineStarts: number[] = [];
  for (let i = 0, offset = 0; i < lines.length; i++) {
    lineStarts.push(offset);
    offset += lines[i]!.length + 1;
  }
  const actionsByLine = new Map<number, Action[]>();
  {
    let lineIndex = 0;
    for (const action of actions) {
      while (lineIndex + 1 < lineStarts.length && lineStarts[lineIndex + 1]! <= action.start) lineIndex++;
      const list = actionsByLine.get(lineIndex);
      if (list) list.push(action);
      else actionsByLine.set(lineIndex, [action]);
    }
  }
  // Lines are visited in order and regions are sorted, so one cursor finds the region a line is in.
  let region = 0;
  const inDefine = (offset: number) => {
    while (region < defines.length && defines[region]![1] <= offset) region++;
    return region < defines.length && offset >= defines[region]![0];
  };

  const documents: TemplateDocument[] = [];
  let document: TemplateDocument | undefined;
  let stack: TemplateNode[] = [];
  /** Template lines seen since the last literal line: they stand before whatever comes next. */
  let pendingDynamic = false;
  /** Lines more indented than this belong to a block scalar (`|`, `>`) and hold no keys. */
  let blockIndent = -1;
  /** Lines of a flow collection or quoted scalar that spans lines. */
  let flowBalance = 0;
  let openQuote = '';

  const startDocument = (line: number, separator: boolean) => {
    const root = newNode('root', line, -1, 0, 0);
    document = { root, line, separator, endLine: line };
    documents.push(document);
    stack = [root];
    pendingDynamic = false;
    blockIndent = -1;
    flowBalance = 0;
    openQuote = '';
  };
  const attach = (parent: TemplateNode, node: TemplateNode) => {
    if (pendingDynamic) parent.dynamic.push(parent.children.length);
    pendingDynamic = false;
    parent.children.push(node);
    stack.push(node);
    document!.first ??= node;
  };

  startDocument(1, false);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index]!;
    const m = maskedLines[index]!;
    if (inDefine(lineStarts[index]!)) continue;
    if (/^---(?:[ \t]|$)/.test(m)) {
      document!.endLine = line - 1;
      startDocument(line, true);
      continue;
    }
    document!.endLine = line;
    let indent = 0;
    while (m[indent] === ' ') indent++;
    const end = contentEnd(m, indent);
    const content = m.slice(indent, end);
    if (content === '') continue;
    const templateOnly = /^[\u0001\s]*$/.test(content);

    if (openQuote) {
      if (m.slice(indent).includes(openQuote)) openQuote = '';
      continue;
    }
    if (flowBalance > 0) {
      flowBalance += bracketBalance(m, indent, m.length);
      continue;
    }
    if (blockIndent >= 0) {
      if (templateOnly || indent > blockIndent) continue;
      blockIndent = -1;
    }

    if (templateOnly) {
      // Only actions that start on this line count; the rest of a multi-line action was counted where it began.
      for (const action of actionsByLine.get(index) ?? []) {
        const kind = classify(action.inner);
        if (kind === 'comment' || kind === 'assign') continue;
        pendingDynamic = true;
        if (kind === 'output' || kind === 'open-output') {
          const nindent = /\bn?indent\s+(\d+)/.exec(action.inner);
          const column = nindent ? Number(nindent[1]) : action.start - lineStarts[index]!;
          const owner = ownerAt(stack, column);
          owner.generated = true;
          owner.dynamic.push(owner.children.length);
        }
      }
      continue;
    }
    if (content.startsWith('#')) continue;

    let at = indent;
    // Dashes of list items, possibly several on one line (`- - x`).
    let lastItem: TemplateNode | undefined;
    while (m[at] === '-' && (at + 1 >= end || m[at + 1] === ' ' || m[at + 1] === '\t')) {
      const column = at;
      while (stack.length > 1) {
        const top = stack[stack.length - 1]!;
        if (top.indent > column || (top.indent === column && top.kind === 'item')) stack.pop();
        else break;
      }
      const item = newNode('item', line, column, column, end);
      attach(stack[stack.length - 1]!, item);
      lastItem = item;
      at++;
      while (m[at] === ' ' || m[at] === '\t') at++;
      if (at >= end) break;
    }
    if (at >= end) continue;

    const colon = keyColon(m, at, end);
    if (colon === -1) {
      const valueText = raw.slice(at, end);
      if (lastItem) lastItem.value = valueText;
      if (m[at] === '|' || m[at] === '>') blockIndent = lastItem ? lastItem.indent : indent;
      else if (m[at] === '[' || m[at] === '{') flowBalance = Math.max(0, bracketBalance(m, at, end));
      else if ((m[at] === '"' || m[at] === "'") && m.lastIndexOf(m[at]!, end - 1) === at) openQuote = m[at]!;
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= at) stack.pop();
    const keyText = m.slice(at, colon).trimEnd();
    const name = keyText.includes(PLACEHOLDER) ? null : unquote(raw.slice(at, at + keyText.length));
    const node = newNode('key', line, at, lastItem ? lastItem.start : at, end);
    node.name = name;
    let valueAt = colon + 1;
    while (m[valueAt] === ' ' || m[valueAt] === '\t') valueAt++;
    if (valueAt < end) {
      node.value = raw.slice(valueAt, end);
      const first = m[valueAt]!;
      if (first === '|' || first === '>') blockIndent = at;
      else if (first === '[' || first === '{') flowBalance = Math.max(0, bracketBalance(m, valueAt, end));
      else if ((first === '"' || first === "'") && m.lastIndexOf(first, end - 1) === valueAt) openQuote = first;
      if (m.slice(valueAt, end).includes(PLACEHOLDER)) {
        const inline = (actionsByLine.get(index) ?? []).filter((action) => action.start >= lineStarts[index]! + valueAt);
        if (inline.some((action) => GENERATES.test(action.inner))) node.generated = true;
      }
    }
    attach(stack[stack.length - 1]!, node);
  }
  return { lines, documents };
}

// ---------------------------------------------------------------------------------------------
// Matching what was rendered against what is written

type Match = 'exact' | 'pattern' | 'wildcard' | 'unknown' | 'mismatch';

/**
 * How a value written in the template (actions and all) compares with a rendered value: equal
 * text, a match of its literal parts (`{{ .Release.Name }}-web` against `shop-web`), a value
 * entirely produced by an action (matches anything), or a mismatch.
 */
export function compareWritten(written: string | undefined, rendered: unknown): Match {
  if (written === undefined || rendered === undefined || rendered === null || typeof rendered === 'object') return 'unknown';
  const matcher = matcherOf(written);
  const value = String(rendered);
  if (matcher.kind === 'exact') return matcher.text === value ? 'exact' : 'mismatch';
  if (matcher.kind === 'wildcard') return 'wildcard';
  return matcher.pattern.test(value) ? 'pattern' : 'mismatch';
}

type Matcher = { kind: 'exact'; text: string } | { kind: 'pattern'; pattern: RegExp } | { kind: 'wildcard' };

/** Written values seen in this process, as what they match: their text, anything, or a pattern of their literal parts. */
const MATCHERS = new Map<string, Matcher>();

function matcherOf(written: string): Matcher {
  let matcher = MATCHERS.get(written);
  if (matcher) return matcher;
  const text = unquote(written.trim());
  const actions = findActions(text);
  if (actions.length === 0) {
    matcher = { kind: 'exact', text };
  } else {
    const parts: string[] = [];
    let last = 0;
    for (const action of actions) {
      parts.push(text.slice(last, action.start));
      last = action.end;
    }
    parts.push(text.slice(last));
    matcher = parts.every((part) => part.trim() === '')
      ? { kind: 'wildcard' }
      : { kind: 'pattern', pattern: new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`) };
  }
  if (MATCHERS.size > 10_000) MATCHERS.clear();
  MATCHERS.set(written, matcher);
  return matcher;
}

function childKey(node: TemplateNode, name: string): TemplateNode | undefined {
  return node.children.find((child) => child.kind === 'key' && child.name === name);
}

/** How a written list item compares with a rendered one: by its scalar text, or by its `name`. */
function compareItem(item: TemplateNode, rendered: unknown): Match {
  if (item.children.length === 0 && item.value !== undefined) return compareWritten(item.value, rendered);
  if (typeof rendered === 'object' && rendered !== null && !Array.isArray(rendered)) {
    const written = childKey(item, 'name');
    const renderedName = (rendered as Record<string, unknown>).name;
    if (written && renderedName !== undefined) return compareWritten(written.value, renderedName);
  }
  return 'unknown';
}

/** The written item a rendered list item came from, when that can be told; undefined leaves the finding at the list's key. */
function itemFor(list: TemplateNode, index: number, renderedList: unknown): TemplateNode | undefined {
  const items = list.children.filter((child) => child.kind === 'item');
  const rendered = Array.isArray(renderedList) ? renderedList[index] : undefined;
  const matches = items.map((item) => compareItem(item, rendered));
  // Nothing conditional, looped or generated stands before it: the n-th written item is the n-th rendered one.
  const inOrder = list.dynamic.every((position) => position > index);
  if (inOrder && index < items.length && matches[index] !== 'mismatch') return items[index];
  const only = (kind: Match) => {
    const found = matches.flatMap((match, i) => (match === kind ? [items[i]!] : []));
    return found.length === 1 ? found[0] : undefined;
  };
  const exact = only('exact');
  if (exact) return exact;
  if (matches.includes('exact')) return undefined;
  const pattern = only('pattern');
  if (pattern) return pattern;
  if (matches.includes('pattern')) return undefined;
  // An item whose identity is all template: only when no generated item could be the one rendered.
  if (!list.generated) return only('wildcard');
  return undefined;
}

function childValue(value: unknown, segment: string | number): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
}


/** Written scalars of a key's subtree that disagree with what was rendered there (an `if`/`else` branch not taken). */
function disagreements(node: TemplateNode, rendered: unknown, depth = 0): number {
  if (node.kind === 'key' && node.children.length === 0 && node.value !== undefined) return compareWritten(node.value, rendered) === 'mismatch' ? 1 : 0;
  if (depth > 3) return 0;
  let count = 0;
  for (const child of node.children) {
    if (child.kind !== 'key' || child.name === null || child.name === undefined) continue;
    const value = childValue(rendered, child.name);
    if (value === undefined) count++;
    else count += disagreements(child, value, depth + 1);
  }
  return count;
}

interface Reached {
  node: TemplateNode;
  depth: number;
}

/** Each written node is visited at most once: the subtrees of repeated keys are disjoint. */
function walk(node: TemplateNode, path: ObjectPath, depth: number, rendered: unknown): Reached {
  if (depth >= path.length) return { node, depth };
  const segment = path[depth]!;
  const renderedHere = childValue(rendered, segment);
  if (typeof segment === 'number') {
    const item = node.kind === 'key' ? itemFor(node, segment, rendered) : undefined;
    return item ? walk(item, path, depth + 1, renderedHere) : { node, depth };
  }
  const candidates = node.children.filter((child) => child.kind === 'key' && child.name === segment);
  if (candidates.length === 0) return { node, depth };
  if (candidates.length === 1) return walk(candidates[0]!, path, depth + 1, renderedHere);
  // The same key written more than once: branches of an `if`/`else`. The one that goes deepest
  // wins, then the one whose written values agree with what was rendered, then the first.
  let best: { reached: Reached; off: number } | undefined;
  for (const candidate of candidates) {
    const reached = walk(candidate, path, depth + 1, renderedHere);
    const off = disagreements(candidate, renderedHere);
    if (!best || reached.depth > best.reached.depth || (reached.depth === best.reached.depth && off < best.off)) best = { reached, off };
  }
  return best!.reached;
}

function nodeRange(node: TemplateNode): Range {
  return { line: node.line, column: node.start + 1, endLine: node.line, endColumn: Math.max(node.end, node.start + 1) + 1 };
}

function lineRange(template: HelmTemplate, line: number): Range {
  const text = template.lines[line - 1] ?? '';
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { line, column: start + 1, endLine: line, endColumn: Math.max(end, start + 1) + 1 };
}

/**
 * Where nothing of the path is written literally: the document's `---` line (which holds no
 * key), or line 1 of the template for its first document.
 */
export function documentStart(template: HelmTemplate, index: number): Range {
  return documentRange(template, template.documents[index] ?? template.documents[0]!);
}

function documentRange(template: HelmTemplate, document: TemplateDocument): Range {
  return document.separator ? lineRange(template, document.line) : { line: 1, column: 1, endLine: 1, endColumn: Math.max(1, (template.lines[0] ?? '').trimEnd().length) + 1 };
}

/**
 * The line of the deepest key of `path` written in the template's document `index`. `rendered`
 * is the object as rendered: only the part of the path that exists there is looked for (a
 * missing field is shown at its parent, as in plain files, even when the template writes it in
 * a branch that was not taken), and list items are matched against it.
 */
export function locateInTemplate(template: HelmTemplate, index: number, path: ObjectPath, rendered: unknown): TemplateLocation {
  const document = template.documents[index] ?? template.documents[0]!;
  const reachable = path.slice(0, existingPrefixLength(rendered, path));
  if (reachable.length === 0) {
    return { range: document.first ? nodeRange(document.first) : documentRange(template, document), depth: 0 };
  }
  const reached = walk(document.root, reachable, 0, rendered);
  if (reached.depth === 0) return { range: documentRange(template, document), depth: 0 };
  return { range: nodeRange(reached.node), depth: reached.depth };
}

/**
 * For a finding with no path (a YAML problem in the rendered text): the template line written
 * exactly as the rendered line reads, if the document has one; the column keeps its offset
 * within the line.
 */
export function locateRenderedLine(template: HelmTemplate, index: number, renderedLine: string, column: number): Range | undefined {
  const document = template.documents[index] ?? template.documents[0]!;
  const wanted = renderedLine.trim();
  if (wanted === '' || wanted.startsWith('#')) return undefined;
  const renderedIndent = renderedLine.length - renderedLine.trimStart().length;
  for (let line = document.line; line <= document.endLine; line++) {
    const text = template.lines[line - 1] ?? '';
    if (text.trim() !== wanted) continue;
    const indent = text.length - text.trimStart().length;
    const at = Math.max(indent + 1, column - renderedIndent + indent);
    return { line, column: at, endLine: line, endColumn: Math.max(at + 1, text.trimEnd().length + 1) };
  }
  return undefined;
}

/** What identifies a rendered object, to pick the template document it came from. */
export interface RenderedIdentity {
  kind?: string;
  name?: string;
  /** Among the objects rendered from this template with this kind, which one (0-based). */
  ordinal: number;
}

const RANK: Record<Match, number> = { exact: 4, pattern: 3, wildcard: 2, unknown: 1, mismatch: 0 };

/**
 * Which document of a template (split at `---` lines) an object came from: the one whose written
 * kind and name match it, and among equals (a `range` that writes one document per item, or
 * documents told apart only by values) the one at the object's position among its kind.
 */
export function chooseDocument(template: HelmTemplate, object: RenderedIdentity): number {
  const { documents } = template;
  if (documents.length <= 1) return 0;
  const scored = documents.map((document, index) => {
    const kind = compareWritten(childKey(document.root, 'kind')?.value, object.kind);
    const metadata = childKey(document.root, 'metadata');
    const name = compareWritten(metadata ? childKey(metadata, 'name')?.value : undefined, object.name);
    return { index, kind: RANK[kind], name: RANK[name], empty: document.root.children.length === 0 };
  });
  const viable = scored.filter((entry) => entry.kind > 0 && entry.name > 0 && !entry.empty);
  if (viable.length === 0) return scored.find((entry) => !entry.empty)?.index ?? 0;
  const bestKind = Math.max(...viable.map((entry) => entry.kind));
  const sameKind = viable.filter((entry) => entry.kind === bestKind);
  const bestName = Math.max(...sameKind.map((entry) => entry.name));
  const best = sameKind.filter((entry) => entry.name === bestName);
  return best[Math.min(object.ordinal, best.length - 1)]!.index;
}
