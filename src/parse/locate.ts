import type { HighlightTarget, ObjectPath } from '../core/types.js';

/**
 * Finds where a path lies in a YAML document without building a syntax tree.
 *
 * Parsing every document with a position-keeping YAML library costs 6–12× a plain value parse,
 * and only documents with findings need positions at all. Almost every manifest is block-style
 * YAML, where a key's value is found by its indentation alone, so a line scan over the one
 * document is enough. Anything this scanner does not fully understand (flow collections on the
 * path, other than scalars in a one-line flow sequence; anchors, aliases, tags, explicit keys,
 * merge keys, tabs, escaped keys) makes it give up with `undefined`, and the caller asks the full
 * YAML library instead. A differential test holds the two to the same answers.
 */

/** A region on one line, in absolute offsets of the file text. */
export interface Span {
  start: number;
  end: number;
}


type Node =
  | { kind: 'map'; indent: number; start: number }
  | { kind: 'seq'; indent: number; start: number }
  | { kind: 'scalar'; span: Span }
  | { kind: 'empty'; span: Span };

class Unsupported extends Error {}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isLineBreak(ch: number): boolean {
  return ch === LF || ch === CR || Number.isNaN(ch);
}

function isBlank(ch: number): boolean {
  return ch === SPACE || ch === TAB;
}

/** End of a scalar or the first line of a collection that starts at `start`: before a comment and trailing blanks. */
export function firstLineEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  let i = start;
  if (first === DQUOTE || first === SQUOTE) {
    i++;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (isLineBreak(ch)) break;
      if (first === DQUOTE && ch === 0x5c) {
        i += 2;
        continue;
      }
      if (ch === first) {
        if (first === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
  }
  for (;;) {
    const ch = text.charCodeAt(i);
    if (isLineBreak(ch)) break;
    if (ch === HASH && i > start && isBlank(text.charCodeAt(i - 1))) break;
    i++;
  }
  while (i > start && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

interface Line {
  start: number;
  indent: number;
  /** Offset of the first non-blank character. */
  content: number;
}

interface KeyToken {
  name: string;
  span: Span;
  after: number;
}

class Scanner {
  constructor(
    private readonly text: string,
    private readonly end: number,
    /** Keys of the mappings read so far, by the offset where each mapping starts. */
    private readonly mappingKeys: Map<number, Map<string, KeyToken>>,
    /** Dashes of the sequence items read so far, by the offset where each sequence starts. */
    private readonly sequenceDashes: Map<number, number[]>,
  ) {}

  /**
   * The first line at or after `from` (a line start) with content, skipping blank and comment
   * lines. A document marker ends the document, except where the document itself begins with one.
   */
  contentLine(from: number, markerEnds = true): Line | undefined {
    return this.firstLineAtOrAbove(from, Infinity, false, markerEnds);
  }

  /**
   * The first content line after the one holding `offset` that is not nested below `indent`
   * (deeper lines, and with `dashesNested` the dashes of a sequence written at `indent` itself,
   * which belongs to the key before it). The same lines as stepping with contentLine, without
   * building a Line for each nested one: a mapping's keys are found by skipping everything below them.
   */
  nextAtOrAbove(offset: number, indent: number, dashesNested: boolean): Line | undefined {
    return this.firstLineAtOrAbove(this.nextLineStart(offset), indent, dashesNested, true);
  }

  private firstLineAtOrAbove(from: number, indent: number, dashesNested: boolean, markerEnds: boolean): Line | undefined {
    const { text } = this;
    let lineStart = from;
    while (lineStart < this.end) {
      let i = lineStart;
      while (text.charCodeAt(i) === SPACE) i++;
      const ch = text.charCodeAt(i);
      if (ch === TAB) throw new Unsupported();
      if (!isLineBreak(ch) && ch !== HASH && i < this.end) {
        const lineIndent = i - lineStart;
        if (lineIndent < indent || (lineIndent === indent && !(dashesNested && this.isSequenceDash(i)))) {
          if (markerEnds && i === lineStart && (this.isMarker(i, 0x2d) || this.isMarker(i, 0x2e))) return undefined;
          return { start: lineStart, indent: lineIndent, content: i };
        }
      }
      const newline = text.indexOf('\n', i);
      if (newline === -1) return undefined;
      lineStart = newline + 1;
    }
    return undefined;
  }

  nextLineStart(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.end : newline + 1;
  }

  private isMarker(at: number, ch: number): boolean {
    const { text } = this;
    return text.charCodeAt(at) === ch && text.charCodeAt(at + 1) === ch && text.charCodeAt(at + 2) === ch && (isLineBreak(text.charCodeAt(at + 3)) || isBlank(text.charCodeAt(at + 3)));
  }

  isSequenceDash(at: number): boolean {
    const next = this.text.charCodeAt(at + 1);
    return this.text.charCodeAt(at) === DASH && (isBlank(next) || isLineBreak(next));
  }

  /** Parses a simple mapping key at `at`; returns undefined when the line is not a key. */
  key(at: number): KeyToken | undefined {
    const { text } = this;
    const first = text.charCodeAt(at);
    let nameEnd: number;
    let name: string;
    let i: number;
    if (first === DQUOTE || first === SQUOTE) {
      const close = text.indexOf(String.fromCharCode(first), at + 1);
      const lineEnd = text.indexOf('\n', at);
      if (close === -1 || (lineEnd !== -1 && close > lineEnd)) return undefined;
      name = text.slice(at + 1, close);
      nameEnd = close + 1;
      i = nameEnd;
      while (isBlank(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== COLON) return undefined;
      if ((first === DQUOTE && name.includes('\\')) || (first === SQUOTE && text.charCodeAt(close + 1) === SQUOTE)) throw new Unsupported();
    } else {
      // Characters that start a flow collection, anchor, alias, tag, explicit key, block scalar or directive.
      if ('{[&*!?|>%@`'.includes(text[at] ?? '')) throw new Unsupported();
      i = at;
      for (;;) {
        const ch = text.charCodeAt(i);
        if (isLineBreak(ch)) return undefined;
        if (ch === HASH && i > at && isBlank(text.charCodeAt(i - 1))) return undefined;
        if (ch === COLON) {
          const next = text.charCodeAt(i + 1);
          if (isBlank(next) || isLineBreak(next)) break;
        }
        i++;
      }
      nameEnd = i;
      while (nameEnd > at && isBlank(text.charCodeAt(nameEnd - 1))) nameEnd--;
      name = text.slice(at, nameEnd);
      if (name === '<<') throw new Unsupported();
    }
    return { name, span: { start: at, end: nameEnd }, after: i + 1 };
  }

  /** The node whose text starts at `at` on a line whose mapping key or dash sits at column `parentIndent`. */
  valueAt(at: number, parentIndent: number, sameIndentSequenceAllowed: boolean): Node {
    const { text } = this;
    let i = at;
    while (isBlank(text.charCodeAt(i))) i++;
    const ch = text.charCodeAt(i);
    if (isLineBreak(ch) || ch === HASH) {
      const next = this.contentLine(this.nextLineStart(i));
      if (next) {
        if (next.indent > parentIndent) return this.nodeAtLineContent(next);
        if (sameIndentSequenceAllowed && next.indent === parentIndent && this.isSequenceDash(next.content)) {
          return { kind: 'seq', indent: next.indent, start: next.content };
        }
      }
      return { kind: 'empty', span: { start: at, end: at } };
    }
    if (ch === 0x26 || ch === 0x2a || ch === 0x21 || ch === 0x3f) throw new Unsupported(); // & * ! ?
    const column = i - this.lineStartOf(i);
    if (this.isSequenceDash(i)) return { kind: 'seq', indent: column, start: i };
    if (ch !== 0x7b && ch !== 0x5b && ch !== 0x7c && ch !== 0x3e && this.key(i)) {
      return { kind: 'map', indent: column, start: i };
    }
    return { kind: 'scalar', span: { start: i, end: firstLineEnd(text, i) } };
  }

  private nodeAtLineContent(line: Line): Node {
    if (this.isSequenceDash(line.content)) return { kind: 'seq', indent: line.indent, start: line.content };
    const ch = this.text.charCodeAt(line.content);
    if (ch === 0x26 || ch === 0x2a || ch === 0x21 || ch === 0x3f) throw new Unsupported();
    if (ch !== 0x7b && ch !== 0x5b && ch !== 0x7c && ch !== 0x3e && this.key(line.content)) {
      return { kind: 'map', indent: line.indent, start: line.content };
    }
    return { kind: 'scalar', span: { start: line.content, end: firstLineEnd(this.text, line.content) } };
  }

  lineStartOf(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /**
   * Every key of a block mapping, the last one winning where keys repeat (as in Kubernetes), read
   * in one pass and kept per mapping: checks ask one mapping for several keys (a container for its
   * image, probes and resources), and each answer needs the whole mapping read for a later repeat.
   */
  private keysOf(map: { indent: number; start: number }): Map<string, KeyToken> {
    const known = this.mappingKeys.get(map.start);
    if (known) return known;
    const keys = new Map<string, KeyToken>();
    let at = map.start;
    for (;;) {
      const key = this.key(at);
      if (!key) throw new Unsupported();
      keys.set(key.name, key);
      const line = this.nextAtOrAbove(at, map.indent, true);
      if (!line || line.indent < map.indent) break;
      at = line.content;
    }
    this.mappingKeys.set(map.start, keys);
    return keys;
  }

  /** The entry named `name` in a block mapping. */
  entry(map: { indent: number; start: number }, name: string): { key: Span; value: Node } | undefined {
    const found = this.keysOf(map).get(name);
    if (!found) return undefined;
    return { key: found.span, value: this.valueAt(found.after, map.indent, true) };
  }

  /**
   * The item at `index` of a block sequence, starting at its dash. The dashes found are kept per
   * sequence, so locating every item of a long list (each container of a big pod) reads it once.
   */
  item(seq: { indent: number; start: number }, index: number): { dash: number; value: Node } | undefined {
    let dashes = this.sequenceDashes.get(seq.start);
    if (!dashes) this.sequenceDashes.set(seq.start, (dashes = [seq.start]));
    while (dashes.length <= index) {
      const line = this.nextAtOrAbove(dashes[dashes.length - 1]!, seq.indent, false);
      if (!line || line.indent < seq.indent || !this.isSequenceDash(line.content)) return undefined;
      dashes.push(line.content);
    }
    const dash = dashes[index]!;
    return { dash, value: this.valueAt(dash + 1, seq.indent, false) };
  }

  opensFlowSequence(at: number): boolean {
    return this.text.charCodeAt(at) === 0x5b;
  }

  /**
   * Item `index` of a flow sequence written on one line, `[` at `open` (`verbs: ["get", "list"]`,
   * as RBAC rules are mostly written): its scalar, or undefined when it has fewer items. A
   * sequence that spans lines, nests collections or holds anything but plain and quoted scalars
   * is left to the YAML library.
   */
  flowSequenceItem(open: number, index: number): Span | undefined {
    const { text } = this;
    let i = open + 1;
    for (let item = 0; ; item++) {
      while (isBlank(text.charCodeAt(i))) i++;
      let ch = text.charCodeAt(i);
      if (ch === 0x5d) return undefined; // `]`: no such item
      if (isLineBreak(ch) || ch === HASH || ch === 0x5b || ch === 0x7b || ch === 0x26 || ch === 0x2a || ch === 0x21 || ch === 0x3f || ch === 0x2c) throw new Unsupported();
      const start = i;
      if (ch === DQUOTE || ch === SQUOTE) {
        i = firstLineEnd(text, i);
        if (i - start < 2 || text.charCodeAt(i - 1) !== ch) throw new Unsupported();
      } else {
        // A plain scalar in a flow ends at `,` or `]`; `: ` would make the item a mapping.
        while (!isLineBreak((ch = text.charCodeAt(i))) && ch !== 0x2c && ch !== 0x5d) {
          if (ch === 0x5b || ch === 0x7b || ch === 0x7d) throw new Unsupported();
          if (ch === COLON && (isBlank(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 0x2c || text.charCodeAt(i + 1) === 0x5d)) throw new Unsupported();
          if (ch === HASH && isBlank(text.charCodeAt(i - 1))) throw new Unsupported();
          i++;
        }
      }
      let end = i;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
      while (isBlank(text.charCodeAt(i))) i++;
      ch = text.charCodeAt(i);
      if (ch !== 0x2c && ch !== 0x5d) throw new Unsupported();
      if (item === index) return { start, end };
      if (ch === 0x5d) return undefined;
      i++;
    }
  }

  root(start: number): Node | undefined {
    let line = this.contentLine(start, false);
    if (line && line.indent === 0 && this.text.startsWith('---', line.content)) {
      const rest = line.content + 3;
      let i = rest;
      while (isBlank(this.text.charCodeAt(i))) i++;
      if (!isLineBreak(this.text.charCodeAt(i)) && this.text.charCodeAt(i) !== HASH) throw new Unsupported();
      line = this.contentLine(this.nextLineStart(rest));
    }
    if (!line) return undefined;
    const ch = this.text.charCodeAt(line.content);
    if (ch === 0x7b || ch === 0x5b || ch === 0x25) throw new Unsupported(); // { [ % : JSON, flow root, directive
    return this.nodeAtLineContent(line);
  }
}

function collectionLabel(text: string, start: number): Span {
  return { start, end: firstLineEnd(text, start) };
}

/** Where one step along a path arrived: the node, and the key or dash that led to it. */
interface Step {
  node: Node;
  key?: Span;
  dash?: number;
}

/** A path prefix already walked: where it arrived (`null`: it does not exist, or the scanner gave up), and the prefixes one segment longer. */
interface StepNode {
  step: Step | null;
  next: Map<string | number, StepNode> | undefined;
}

/**
 * What the scanner has already read of one document. Findings in a document share long path
 * prefixes (every check on a container walks `spec.template.spec.containers[n]`), so steps are
 * kept in a tree of path segments, and each mapping's keys are read once.
 */
export interface LocatorCache {
  root: StepNode | undefined;
  mappingKeys: Map<number, Map<string, KeyToken>>;
  sequenceDashes: Map<number, number[]>;
}

export function newLocatorCache(): LocatorCache {
  return { root: undefined, mappingKeys: new Map(), sequenceDashes: new Map() };
}

function attempt(compute: () => Step | undefined): Step | null {
  try {
    return compute() ?? null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function advance(scanner: Scanner, from: Node, segment: string | number): Step | undefined {
  if (typeof segment === 'string') {
    if (from.kind !== 'map') return undefined;
    const entry = scanner.entry(from, segment);
    return entry && { node: entry.value, key: entry.key };
  }
  if (from.kind === 'scalar' && scanner.opensFlowSequence(from.span.start)) {
    const span = scanner.flowSequenceItem(from.span.start, segment);
    return span && { node: { kind: 'scalar', span } };
  }
  if (from.kind !== 'seq') return undefined;
  const item = scanner.item(from, segment);
  return item && { node: item.value, dash: item.dash };
}

function labelOf(text: string, step: Step, on: HighlightTarget): Span {
  const { node } = step;
  if (step.key) return on === 'value' && node.kind === 'scalar' ? node.span : step.key;
  if (node.kind === 'map' || node.kind === 'seq') return collectionLabel(text, node.start);
  if (node.kind === 'scalar') return node.span;
  return step.dash === undefined ? node.span : { start: step.dash, end: step.dash + 1 };
}

/**
 * The span to highlight for `path` in the document at `[start, end)` of `text`: the scalar value,
 * or the key of a collection, or the first line of a sequence item. `undefined` when the
 * document is not plain block YAML along that path, or when the path does not exist in it.
 * Pass the same `cache` for every lookup in one document.
 */
export function locateFast(
  text: string,
  start: number,
  end: number,
  path: ObjectPath,
  on: HighlightTarget = 'value',
  cache: LocatorCache = newLocatorCache(),
): Span | undefined {
  // Most lookups walk only prefixes already known: the scanner is made when one is not.
  let scanner: Scanner | undefined;
  const scan = () => (scanner ??= new Scanner(text, end, cache.mappingKeys, cache.sequenceDashes));
  let node = (cache.root ??= {
    step: attempt(() => {
      const root = scan().root(start);
      return root && { node: root };
    }),
    next: undefined,
  });
  for (const segment of path) {
    const from = node.step;
    if (!from) return undefined;
    node.next ??= new Map();
    let child = node.next.get(segment);
    if (!child) node.next.set(segment, (child = { step: attempt(() => advance(scan(), from.node, segment)), next: undefined }));
    node = child;
  }
  const step = node.step;
  return step ? labelOf(text, step, on) : undefined;
}
