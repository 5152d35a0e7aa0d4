import { SCHEMA } from './yaml-schema.js';
// The same patterns as yaml11Ambiguities (parse.ts) uses: the list found here must equal its list,
// including its document-level pre-test, which decides whether it looks at all.
import { FILE_MODE_KEY, YAML11_BOOLEAN, YAML11_CANDIDATE, YAML11_OCTAL, type AmbiguousScalar } from './yaml11.js';

/**
 * A reader for the part of YAML that Kubernetes manifests are written in: block mappings and
 * sequences, plain, quoted and block scalars, and flow collections. It exists because js-yaml is
 * the largest cost of a lint run, and it answers only where it is certain to give what
 * `jsyaml.load(source, { schema: SCHEMA })` gives (the same values, types and key order); for
 * anything else (anchors, tags, merge keys, duplicate keys, tabs in indentation, errors, and the
 * corners of js-yaml's own behaviour) it gives up with `undefined`, and the caller asks js-yaml.
 * The rules below follow js-yaml 4's loader; where a comment names a js-yaml function, that is
 * the behaviour being matched.
 */

export interface FastLoadResult {
  value: unknown;
  /** What `yaml11Ambiguities` (parse.ts) finds in the same source. */
  ambiguous: AmbiguousScalar[];
}

/** One of js-yaml's implicit scalar types; `compiledImplicit` is missing from its type definitions. */
interface ImplicitType {
  resolve(data: string): boolean;
  construct(data: string): unknown;
}
const IMPLICIT_TYPES = (SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;

/**
 * What js-yaml rejects in plain and block scalars (its PATTERN_NON_PRINTABLE: C0 and C1 controls
 * but NEL, U+FFFE, U+FFFF, lone surrogates). Plain and quoted scalars are checked as they are
 * scanned; block scalars, which are not, with these, the first a quick test for the second.
 */
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/**
 * Nesting of collections beyond which the document goes to js-yaml: its own limit counts every
 * node (keys and scalars too) up to 100, and a collection costs at most two of those levels.
 */
const MAX_DEPTH = 40;

const TAB = 0x09;
const LF = 0x0a;
const SPACE = 0x20;
const BANG = 0x21;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const SINGLE_QUOTE = 0x27;
const ASTERISK = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const GREATER = 0x3e;
const QUESTION = 0x3f;
const AT = 0x40;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const BACKTICK = 0x60;
const LEFT_BRACE = 0x7b;
const PIPE = 0x7c;
const RIGHT_BRACE = 0x7d;

const CHOMP_CLIP = 0;
const CHOMP_STRIP = 1;
const CHOMP_KEEP = 2;

/**
 * First characters of the plain scalars some implicit type (null, bool, int, float, merge) may
 * claim; every other plain scalar is a string. Of the words, only null, true and false (in three
 * spellings each) are typed, so a scalar opening with their letters is one only at 4 or 5 characters.
 */
const MAY_BE_TYPED = new Uint8Array(128);
const TYPED_ANY_LENGTH = 1;
const TYPED_AS_WORD = 2;
for (const ch of '~0123456789+-.<') MAY_BE_TYPED[ch.charCodeAt(0)] = TYPED_ANY_LENGTH;
for (const ch of 'nNtTfF') MAY_BE_TYPED[ch.charCodeAt(0)] = TYPED_AS_WORD;

/** First characters of the plain scalars YAML 1.1 may read as a boolean or an octal number. */
const MAY_BE_YAML11 = new Uint8Array(128);
for (const ch of 'yYnNoO0+-') MAY_BE_YAML11[ch.charCodeAt(0)] = 1;

/** Characters that may not open a plain scalar (js-yaml's readPlainScalar). */
const NOT_PLAIN_START = new Uint8Array(128);
for (const code of [TAB, LF, SPACE, COMMA, LEFT_BRACKET, RIGHT_BRACKET, LEFT_BRACE, RIGHT_BRACE, HASH, AMPERSAND, ASTERISK, BANG, PIPE, GREATER, SINGLE_QUOTE, DOUBLE_QUOTE, PERCENT, AT, BACKTICK]) {
  NOT_PLAIN_START[code] = 1;
}

/** Double-quoted escapes of one character (js-yaml's simpleEscapeSequence). */
const SIMPLE_ESCAPES: (string | undefined)[] = [];
for (const [ch, text] of [
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['t', '\t'],
  ['\t', '\t'],
  ['n', '\n'],
  ['v', '\v'],
  ['f', '\f'],
  ['r', '\r'],
  ['e', '\x1b'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
  ['N', '\x85'],
  ['_', '\xa0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
] as const) {
  SIMPLE_ESCAPES[ch.charCodeAt(0)] = text;
}

const LINE_FEEDS: string[] = [];
for (let count = 0; count < 16; count++) LINE_FEEDS.push('\n'.repeat(count));
function lineFeeds(count: number): string {
  return count < LINE_FEEDS.length ? LINE_FEEDS[count]! : '\n'.repeat(count);
}

/** Thrown to give up on a document; caught in `fastLoad`. A shared object, so giving up costs no stack trace. */
const GIVE_UP = { reason: 'not handled by the fast YAML reader' };
function giveUp(): never {
  throw GIVE_UP;
}

// The reader's state lives in module variables rather than an object passed around: the hot
// loops then read plain locals, and a load is synchronous, so no two loads share it.
/** The document's text, always ending in a line feed (js-yaml appends one where it is missing). */
let src = '';
/** Where the reader is. Between nodes, the first character of a content line, or `src.length`. */
let pos = 0;
/** The indentation of the content line `pos` is on, or -1 when no content is left. */
let indent = -1;
/** Collections open around `pos`. */
let depth = 0;
let ambiguous: AmbiguousScalar[] = [];
/** Where the content of the plain scalar line last scanned ends (trailing white space excluded). */
let plainEnd = 0;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isBlankOrLineFeed(code: number): boolean {
  return code === SPACE || code === LF || code === TAB;
}

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === LEFT_BRACKET || code === RIGHT_BRACKET || code === LEFT_BRACE || code === RIGHT_BRACE;
}

/** `---` or `...` followed by white space or the end: a document marker when it starts a line. */
function isDocumentMarker(at: number): boolean {
  const code = src.charCodeAt(at);
  if ((code !== DASH && code !== DOT) || src.charCodeAt(at + 1) !== code || src.charCodeAt(at + 2) !== code) return false;
  const next = src.charCodeAt(at + 3);
  return Number.isNaN(next) || isBlankOrLineFeed(next);
}

/** A block sequence entry indicator: `-` followed by white space. */
function isEntryIndicator(at: number): boolean {
  return src.charCodeAt(at) === DASH && isBlankOrLineFeed(src.charCodeAt(at + 1));
}

/** Can a plain scalar start here (in block context, or in a flow collection)? */
function isPlainStart(at: number, inFlow: boolean): boolean {
  const code = src.charCodeAt(at);
  if (code < 128 && NOT_PLAIN_START[code] === 1) return false;
  if (code === DASH || code === QUESTION || code === COLON) {
    // A `:` here would end the scalar before it began; `-` and `?` are indicators.
    const next = src.charCodeAt(at + 1);
    if (isBlankOrLineFeed(next) || (inFlow && isFlowIndicator(next))) return false;
  }
  return true;
}

/**
 * Moves to the next content line at or after the line starting at `from`, skipping blank lines
 * and comment lines, and sets `pos` and `indent` (-1 at the end). A line indented with a tab,
 * and any document marker but a final `...`, make the document one for js-yaml.
 */
function seekContent(from: number): void {
  const text = src;
  const length = text.length;
  let lineStart = from;
  while (lineStart < length) {
    let at = lineStart;
    while (text.charCodeAt(at) === SPACE) at++;
    let code = text.charCodeAt(at);
    if (code === TAB) {
      let after = at + 1;
      while (isBlank(text.charCodeAt(after))) after++;
      code = text.charCodeAt(after);
      if (code !== LF && code !== HASH) giveUp();
      at = after;
    }
    if (code === LF) {
      lineStart = at + 1;
      continue;
    }
    if (code === HASH) {
      lineStart = text.indexOf('\n', at) + 1;
      continue;
    }
    if (at === lineStart && isDocumentMarker(at)) {
      if (code === DASH) giveUp();
      endAtDocumentEnd(at + 3);
      return;
    }
    pos = at;
    indent = at - lineStart;
    return;
  }
  pos = length;
  indent = -1;
}

/** A `...` ends the document; only white space and comments may follow it in this source. */
function endAtDocumentEnd(from: number): void {
  const text = src;
  let at = from;
  while (isBlank(text.charCodeAt(at))) at++;
  const code = text.charCodeAt(at);
  if (code === HASH) at = text.indexOf('\n', at);
  else if (code !== LF) giveUp();
  // Anything else, another marker included, would start a second document.
  for (let lineStart = at + 1; lineStart < text.length; ) {
    at = lineStart;
    while (isBlank(text.charCodeAt(at))) at++;
    const next = text.charCodeAt(at);
    if (next === HASH) at = text.indexOf('\n', at);
    else if (next !== LF) giveUp();
    lineStart = at + 1;
  }
  pos = text.length;
  indent = -1;
}

/** After a node that ended mid-line: only white space and a comment may follow on its line. */
function finishLine(from: number): void {
  const text = src;
  let at = from;
  let code = text.charCodeAt(at);
  while (code === SPACE || code === TAB) code = text.charCodeAt(++at);
  // js-yaml takes a `#` right after a quoted scalar or a flow collection as a comment too.
  if (code === HASH) at = text.indexOf('\n', at);
  else if (code !== LF) giveUp();
  seekContent(at + 1);
}

/**
 * Past a character from DEL up in a plain scalar, or gives up where js-yaml would reject it:
 * control characters but NEL, U+FFFE and U+FFFF, and a surrogate that is not half of a pair.
 */
function afterWideCharacter(at: number): number {
  const code = src.charCodeAt(at);
  if (code <= 0x9f) {
    if (code !== 0x85) giveUp();
  } else if (code >= 0xd800 && code <= 0xdfff) {
    const low = src.charCodeAt(at + 1);
    if (code > 0xdbff || low < 0xdc00 || low > 0xdfff) giveUp();
    return at + 2;
  } else if (code >= 0xfffe) {
    giveUp();
  }
  return at + 1;
}

/**
 * Scans one line of a plain scalar in block context from `from`, stopping at a `:` followed by
 * white space (a key's end), a `#` after white space (a comment) or the line feed, and returns
 * where it stopped; `plainEnd` is set to the end of the content before that.
 */
function scanPlainLine(from: number): number {
  const text = src;
  let at = from;
  let end = from;
  for (;;) {
    const code = text.charCodeAt(at);
    // Letters and most punctuation sort above ':'; they are content.
    if (code > COLON) {
      at = code < 0x7f ? at + 1 : afterWideCharacter(at);
      end = at;
      continue;
    }
    if (code === LF) break;
    if (code < SPACE && code !== TAB) giveUp();
    if (code === COLON) {
      if (isBlankOrLineFeed(text.charCodeAt(at + 1))) break;
      end = at + 1;
    } else if (code === HASH) {
      if (isBlank(text.charCodeAt(at - 1))) break;
      end = at + 1;
    } else if (code !== SPACE && code !== TAB) {
      end = at + 1;
    }
    at++;
  }
  plainEnd = end;
  return at;
}

/** The same inside a flow collection, where flow indicators end a plain scalar too. */
function scanFlowPlainLine(from: number): number {
  const text = src;
  let at = from;
  let end = from;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === LF || code === COMMA || code === LEFT_BRACKET || code === RIGHT_BRACKET || code === LEFT_BRACE || code === RIGHT_BRACE) break;
    if (code >= 0x7f) {
      at = end = afterWideCharacter(at);
      continue;
    }
    if (code < SPACE && code !== TAB) giveUp();
    if (code === COLON) {
      const next = text.charCodeAt(at + 1);
      if (isBlankOrLineFeed(next) || isFlowIndicator(next)) break;
      end = at + 1;
    } else if (code === HASH) {
      if (isBlank(text.charCodeAt(at - 1))) break;
      end = at + 1;
    } else if (code !== SPACE && code !== TAB) {
      end = at + 1;
    }
    at++;
  }
  plainEnd = end;
  return at;
}

/** A plain scalar's value: js-yaml tries its implicit types in order, which only some first characters can satisfy. */
function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first >= 128) return text;
  const typed = MAY_BE_TYPED[first];
  if (typed === TYPED_ANY_LENGTH || (typed === TYPED_AS_WORD && (text.length === 4 || text.length === 5))) {
    for (const type of IMPLICIT_TYPES) {
      if (type.resolve(text)) return type.construct(text);
    }
  }
  return text;
}

function mayBeYaml11(text: string): boolean {
  const first = text.charCodeAt(0);
  return first < 128 && MAY_BE_YAML11[first] === 1 && (YAML11_BOOLEAN.test(text) || YAML11_OCTAL.test(text));
}

/** Records a one-line plain value that YAML 1.1 reads differently, as `yaml11Ambiguities` does. */
function noteAmbiguity(start: number, text: string): void {
  if (!mayBeYaml11(text)) return;
  // File modes (`defaultMode: 0644`) are octal on purpose; parse.ts tests the text before the value on its line.
  if (!YAML11_BOOLEAN.test(text) && FILE_MODE_KEY.test(src.slice(lineStartBefore(start), start))) return;
  ambiguous.push({ start, end: start + text.length, text });
}

/** Longest stretch of a line searched back for its start; a flow collection on one huge line goes to js-yaml, so the search stays linear. */
const MAX_LINE_SEARCH = 4096;

function lineStartBefore(at: number): number {
  const text = src;
  const limit = Math.max(0, at - MAX_LINE_SEARCH);
  for (let before = at - 1; before >= limit; before--) {
    if (text.charCodeAt(before) === LF) return before + 1;
  }
  if (limit === 0) return 0;
  giveUp();
}

/** A mapping key: js-yaml reads it as a node and turns the node into a string. */
function keyOf(text: string, quoted: boolean): string {
  if (!quoted) {
    // js-yaml's listener reports these keys too; the caller's js-yaml path will.
    if (mayBeYaml11(text)) giveUp();
    if (text === '<<') giveUp();
    const value = resolvePlain(text);
    text = typeof value === 'string' ? value : String(value);
  }
  // js-yaml defines `__proto__` as an own property; plain assignment would set the prototype.
  if (text === '__proto__') giveUp();
  return text;
}

/**
 * Gives up on a mapping that was given a key twice (js-yaml rejects it): a repeated key adds no
 * property, so the mapping has fewer keys than entries. Counting once costs less than looking
 * every key up before it is stored.
 */
function checkNoRepeatedKey(mapping: Record<string, unknown>, entries: number): void {
  if (Object.keys(mapping).length !== entries) giveUp();
}

/**
 * A plain scalar in block context whose first line was scanned up to `stop`: continuation lines
 * indented at least `nodeIndent` are folded into it (js-yaml's readPlainScalar). Leaves the
 * reader on the next content line, which the search for continuation lines has usually found
 * already; `isValue` records a one-line value's YAML 1.1 ambiguity.
 */
function readBlockPlain(start: number, stop: number, nodeIndent: number, isValue: boolean): unknown {
  const text = src;
  let code = text.charCodeAt(stop);
  if (code === COLON) giveUp();
  let end = plainEnd;
  let folded: string | undefined;
  let lineFeed = stop;
  while (code === LF) {
    let breaks = 1;
    let lineStart = lineFeed + 1;
    let at: number;
    for (;;) {
      at = lineStart;
      while (text.charCodeAt(at) === SPACE) at++;
      code = text.charCodeAt(at);
      if (code === TAB) {
        while (isBlank(text.charCodeAt(at))) at++;
        code = text.charCodeAt(at);
        if (code !== LF && code !== HASH) giveUp();
      }
      if (code !== LF) break;
      breaks++;
      lineStart = at + 1;
    }
    // The end of the text, a line indented less than the scalar, or a comment ends the scalar.
    if (at >= text.length || at - lineStart < nodeIndent || code === HASH) {
      if (at >= text.length) {
        pos = text.length;
        indent = -1;
      } else if (code === HASH || (at === lineStart && isDocumentMarker(at))) {
        seekContent(lineStart);
      } else {
        pos = at;
        indent = at - lineStart;
      }
      return plainValue(start, end, folded, isValue);
    }
    const next = scanPlainLine(at);
    code = text.charCodeAt(next);
    if (code === COLON) giveUp();
    folded = (folded ?? text.slice(start, end)) + (breaks === 1 ? ' ' : lineFeeds(breaks - 1)) + text.slice(at, plainEnd);
    end = plainEnd;
    lineFeed = next;
  }
  // A comment ended the scalar's last line.
  finishLine(lineFeed);
  return plainValue(start, end, folded, isValue);
}

function plainValue(start: number, end: number, folded: string | undefined, isValue: boolean): unknown {
  if (folded !== undefined) return resolvePlain(folded);
  const scalar = src.slice(start, end);
  if (isValue) noteAmbiguity(start, scalar);
  return resolvePlain(scalar);
}

/** Past a line feed inside a quoted scalar: js-yaml folds the break (and any blank lines) and drops leading white space. */
function skipQuotedBreak(lineFeed: number): { at: number; breaks: number } {
  const text = src;
  let at = lineFeed;
  let breaks = 0;
  while (text.charCodeAt(at) === LF) {
    breaks++;
    at++;
    while (isBlank(text.charCodeAt(at))) at++;
  }
  if (at >= text.length) giveUp();
  // A document marker inside a quoted scalar is an error in js-yaml.
  if (text.charCodeAt(at - 1) === LF && isDocumentMarker(at)) giveUp();
  return { at, breaks };
}

function folding(breaks: number): string {
  return breaks === 1 ? ' ' : lineFeeds(breaks - 1);
}

/** A single-quoted scalar at `pos`; leaves `pos` after its closing quote. */
function readSingleQuoted(): string {
  const text = src;
  const open = pos;
  let at = open + 1;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === SINGLE_QUOTE) {
      if (text.charCodeAt(at + 1) === SINGLE_QUOTE) break;
      pos = at + 1;
      return text.slice(open + 1, at);
    }
    if (code < SPACE && code !== TAB) {
      if (code === LF) break;
      // js-yaml allows no control character but a tab in a quoted scalar.
      giveUp();
    }
    at++;
  }
  // An escaped quote or a line break: js-yaml's readSingleQuotedScalar, step by step.
  let result = '';
  at = open + 1;
  let segmentStart = at;
  let segmentEnd = at;
  for (;;) {
    if (at >= text.length) giveUp();
    const code = text.charCodeAt(at);
    if (code === SINGLE_QUOTE) {
      result += text.slice(segmentStart, at);
      at++;
      if (text.charCodeAt(at) !== SINGLE_QUOTE) {
        pos = at;
        return result;
      }
      segmentStart = at;
      at++;
      segmentEnd = at;
    } else if (code === LF) {
      result += text.slice(segmentStart, segmentEnd);
      const next = skipQuotedBreak(at);
      result += folding(next.breaks);
      at = segmentStart = segmentEnd = next.at;
    } else {
      if (code < SPACE && code !== TAB) giveUp();
      at++;
      if (code !== SPACE && code !== TAB) segmentEnd = at;
    }
  }
}

function hexDigit(code: number): number {
  if (code >= ZERO && code <= NINE) return code - ZERO;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** js-yaml's charFromCodepoint, including what it does with values beyond Unicode. */
function charFromCodepoint(code: number): string {
  if (code <= 0xffff) return String.fromCharCode(code);
  return String.fromCharCode(((code - 0x10000) >> 10) + 0xd800, ((code - 0x10000) & 0x3ff) + 0xdc00);
}

/** A double-quoted scalar at `pos`; leaves `pos` after its closing quote. */
function readDoubleQuoted(): string {
  const text = src;
  const open = pos;
  let at = open + 1;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE) {
      pos = at + 1;
      return text.slice(open + 1, at);
    }
    if (code === BACKSLASH || code === LF) break;
    if (code < SPACE && code !== TAB) giveUp();
    at++;
  }
  // Escapes or a line break: js-yaml's readDoubleQuotedScalar, step by step.
  let result = '';
  at = open + 1;
  let segmentStart = at;
  let segmentEnd = at;
  for (;;) {
    if (at >= text.length) giveUp();
    let code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE) {
      pos = at + 1;
      return result + text.slice(segmentStart, at);
    }
    if (code === BACKSLASH) {
      result += text.slice(segmentStart, at);
      code = text.charCodeAt(++at);
      if (code === LF) {
        // An escaped line break joins the lines with nothing between them.
        at = skipQuotedBreak(at).at;
      } else {
        const simple = code < 256 ? SIMPLE_ESCAPES[code] : undefined;
        if (simple !== undefined) {
          result += simple;
          at++;
        } else {
          let digits = code === 0x78 ? 2 : code === 0x75 ? 4 : code === 0x55 ? 8 : 0;
          if (digits === 0) giveUp();
          let value = 0;
          for (; digits > 0; digits--) {
            const digit = hexDigit(text.charCodeAt(++at));
            if (digit < 0) giveUp();
            // Shifted as js-yaml does, in 32-bit integers.
            value = (value << 4) + digit;
          }
          result += charFromCodepoint(value);
          at++;
        }
      }
      segmentStart = segmentEnd = at;
    } else if (code === LF) {
      result += text.slice(segmentStart, segmentEnd);
      const next = skipQuotedBreak(at);
      result += folding(next.breaks);
      at = segmentStart = segmentEnd = next.at;
    } else {
      if (code < SPACE && code !== TAB) giveUp();
      at++;
      if (code !== SPACE && code !== TAB) segmentEnd = at;
    }
  }
}

function readQuoted(): string {
  return src.charCodeAt(pos) === SINGLE_QUOTE ? readSingleQuoted() : readDoubleQuoted();
}

function hasLineFeed(from: number, to: number): boolean {
  const text = src;
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === LF) return true;
  return false;
}

/**
 * A literal (`|`) or folded (`>`) block scalar at `pos`, ported from js-yaml's readBlockScalar
 * line for line, since its treatment of indentation, blank lines and chomping is what must be
 * matched. Leaves the reader on the next content line.
 */
function readBlockScalar(nodeIndent: number): string {
  const text = src;
  let at = pos;
  const folded = text.charCodeAt(at) === GREATER;
  let chomping = CHOMP_CLIP;
  let detectedIndent = false;
  let textIndent = nodeIndent;
  let code: number;
  for (;;) {
    code = text.charCodeAt(++at);
    if (code === PLUS || code === DASH) {
      if (chomping !== CHOMP_CLIP) giveUp();
      chomping = code === PLUS ? CHOMP_KEEP : CHOMP_STRIP;
    } else if (code >= ZERO && code <= NINE) {
      if (code === ZERO || detectedIndent) giveUp();
      textIndent = nodeIndent + (code - ZERO) - 1;
      detectedIndent = true;
    } else {
      break;
    }
  }
  if (isBlank(code)) {
    do code = text.charCodeAt(++at);
    while (isBlank(code));
    if (code === HASH) {
      at = text.indexOf('\n', at);
      code = LF;
    }
  }
  if (code !== LF) giveUp();
  const firstLine = at + 1;
  let result = '';
  let emptyLines = 0;
  let didReadContent = false;
  let atMoreIndented = false;
  let lineStart: number;
  for (;;) {
    // `at` is on a line feed.
    lineStart = ++at;
    let lineIndent = 0;
    code = text.charCodeAt(at);
    while ((!detectedIndent || lineIndent < textIndent) && code === SPACE) {
      lineIndent++;
      code = text.charCodeAt(++at);
    }
    if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
    if (code === LF) {
      emptyLines++;
      continue;
    }
    if (!detectedIndent && textIndent === 0) giveUp();
    // The end of the text (NaN) lands here too, with no indentation.
    if (lineIndent < textIndent) {
      if (chomping === CHOMP_KEEP) result += lineFeeds(didReadContent ? 1 + emptyLines : emptyLines);
      else if (chomping === CHOMP_CLIP && didReadContent) result += '\n';
      break;
    }
    if (folded) {
      if (isBlank(code)) {
        atMoreIndented = true;
        result += lineFeeds(didReadContent ? 1 + emptyLines : emptyLines);
      } else if (atMoreIndented) {
        atMoreIndented = false;
        result += lineFeeds(emptyLines + 1);
      } else if (emptyLines === 0) {
        if (didReadContent) result += ' ';
      } else {
        result += lineFeeds(emptyLines);
      }
    } else {
      result += lineFeeds(didReadContent ? 1 + emptyLines : emptyLines);
    }
    didReadContent = true;
    detectedIndent = true;
    emptyLines = 0;
    const lineEnd = text.indexOf('\n', at);
    result += text.slice(at, lineEnd);
    at = lineEnd;
  }
  // Between the header and the line that ended the scalar there is only indentation, line feeds and content.
  const body = text.slice(firstLine, lineStart);
  if (MAYBE_NON_PRINTABLE.test(body) && NON_PRINTABLE.test(body)) giveUp();
  seekContent(lineStart);
  return result;
}

/** Skips white space, comments and line breaks inside a flow collection. */
function skipFlowSpace(): void {
  const text = src;
  let at = pos;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === SPACE) {
      at++;
    } else if (code === LF) {
      at++;
      if (isDocumentMarker(at)) giveUp();
    } else if (code === HASH) {
      at = text.indexOf('\n', at);
    } else if (code === TAB || Number.isNaN(code)) {
      // Tabs here are legal, but they would be the only ones outside scalars and comments.
      giveUp();
    } else {
      break;
    }
  }
  pos = at;
}

/**
 * Where a plain scalar in a flow collection, starting at `pos`, ends. It may not go on to the
 * next line: a following line that does not end it (by indentation, a comment or a flow
 * indicator) makes the document js-yaml's.
 */
function flowPlainEnd(nodeIndent: number): number {
  const text = src;
  const stop = scanFlowPlainLine(pos);
  const end = plainEnd;
  if (text.charCodeAt(stop) === LF) {
    let lineStart = stop + 1;
    let at: number;
    for (;;) {
      at = lineStart;
      while (isBlank(text.charCodeAt(at))) at++;
      if (text.charCodeAt(at) !== LF) break;
      lineStart = at + 1;
    }
    const code = text.charCodeAt(at);
    if (hasTab(lineStart, at)) giveUp();
    const ends = at >= text.length || at - lineStart < nodeIndent || code === HASH || code === COMMA || code === RIGHT_BRACKET || code === RIGHT_BRACE;
    if (!ends) giveUp();
  }
  return end;
}

function hasTab(from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (src.charCodeAt(at) === TAB) return true;
  return false;
}

/** A flow sequence's entry or a flow mapping's value (js-yaml's composeNode in flow context). */
function readFlowValue(nodeIndent: number): unknown {
  const code = src.charCodeAt(pos);
  if (code === LEFT_BRACKET || code === LEFT_BRACE) return readFlow(nodeIndent);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) return readQuoted();
  if (!isPlainStart(pos, true)) giveUp();
  const start = pos;
  pos = flowPlainEnd(nodeIndent);
  const scalar = src.slice(start, pos);
  noteAmbiguity(start, scalar);
  return resolvePlain(scalar);
}

/** A flow mapping's key: a quoted or plain scalar, made a string. */
function readFlowKey(nodeIndent: number): string {
  const code = src.charCodeAt(pos);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) return keyOf(readQuoted(), true);
  if (!isPlainStart(pos, true)) giveUp();
  const start = pos;
  pos = flowPlainEnd(nodeIndent);
  return keyOf(src.slice(start, pos), false);
}

/** A flow sequence or mapping at `pos` (js-yaml's readFlowCollection); leaves `pos` after its closing bracket. */
function readFlow(nodeIndent: number): unknown {
  if (++depth > MAX_DEPTH) giveUp();
  const text = src;
  const isMapping = text.charCodeAt(pos) === LEFT_BRACE;
  const terminator = isMapping ? RIGHT_BRACE : RIGHT_BRACKET;
  const sequence: unknown[] = [];
  const mapping: Record<string, unknown> = {};
  let entries = 0;
  pos++;
  let expectEntry = true;
  for (;;) {
    skipFlowSpace();
    let code = text.charCodeAt(pos);
    if (code === terminator) {
      pos++;
      depth--;
      if (!isMapping) return sequence;
      checkNoRepeatedKey(mapping, entries);
      return mapping;
    }
    // A missing comma, an empty entry, or an explicit `? key`.
    if (!expectEntry || code === COMMA || (code === QUESTION && isBlankOrLineFeed(text.charCodeAt(pos + 1)))) giveUp();
    const entryStart = pos;
    if (isMapping) {
      const key = readFlowKey(nodeIndent);
      skipFlowSpace();
      let value: unknown = null;
      if (text.charCodeAt(pos) === COLON) {
        // js-yaml pairs a key with a value only when the `:` is on the key's line.
        if (hasLineFeed(entryStart, pos)) giveUp();
        pos++;
        skipFlowSpace();
        code = text.charCodeAt(pos);
        // An entry with nothing after its `:` has a null value.
        if (code !== COMMA && code !== RIGHT_BRACE && code !== RIGHT_BRACKET) value = readFlowValue(nodeIndent);
      }
      mapping[key] = value;
      entries++;
    } else {
      const item = readFlowValue(nodeIndent);
      skipFlowSpace();
      // A one-pair mapping inside a flow sequence (`[a: 1]`).
      if (text.charCodeAt(pos) === COLON) giveUp();
      sequence.push(item);
    }
    skipFlowSpace();
    if (text.charCodeAt(pos) === COMMA) {
      expectEntry = true;
      pos++;
    } else {
      expectEntry = false;
    }
  }
}

/**
 * A block mapping's key at `pos`, up to and past its `:`. js-yaml reads keys like other scalars
 * and makes strings of them; a key on more than one line, or one it reads as a collection, an
 * alias or a tag, makes the document js-yaml's.
 */
function readKey(): string {
  const text = src;
  const start = pos;
  const code = text.charCodeAt(start);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
    const key = readQuoted();
    let at = pos;
    if (hasLineFeed(start, at)) giveUp();
    while (isBlank(text.charCodeAt(at))) at++;
    if (text.charCodeAt(at) !== COLON || !isBlankOrLineFeed(text.charCodeAt(at + 1))) giveUp();
    pos = at + 1;
    return keyOf(key, true);
  }
  if (!isPlainStart(start, false)) giveUp();
  const stop = scanPlainLine(start);
  if (text.charCodeAt(stop) !== COLON) giveUp();
  pos = stop + 1;
  return keyOf(text.slice(start, plainEnd), false);
}

/** A mapping value on its key's line (`key: value`), where js-yaml allows no block collection. */
function readInlineValue(mappingIndent: number): unknown {
  const text = src;
  const code = text.charCodeAt(pos);
  if (code === LEFT_BRACKET || code === LEFT_BRACE) {
    const value = readFlow(mappingIndent + 1);
    finishLine(pos);
    return value;
  }
  if (code === PIPE || code === GREATER) return readBlockScalar(mappingIndent + 1);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
    const value = readQuoted();
    finishLine(pos);
    return value;
  }
  if (!isPlainStart(pos, false)) giveUp();
  return readBlockPlain(pos, scanPlainLine(pos), mappingIndent + 1, true);
}

/**
 * A node whose first character is at `pos`, in column `column`, below a parent indented
 * `parentIndent`: on a line of its own, or after a sequence entry's `- ` (`afterEntry`). Here
 * js-yaml lets block collections start, and reads a scalar first as a possible mapping key.
 */
function readNode(parentIndent: number, column: number, afterEntry: boolean): unknown {
  const text = src;
  const start = pos;
  const code = text.charCodeAt(start);
  if (code === DASH && isBlankOrLineFeed(text.charCodeAt(start + 1))) return readBlockSequence(column);
  if (code === LEFT_BRACKET || code === LEFT_BRACE) {
    const value = readFlow(parentIndent + 1);
    finishLine(pos);
    return value;
  }
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
    const value = readQuoted();
    let at = pos;
    while (isBlank(text.charCodeAt(at))) at++;
    if (text.charCodeAt(at) === COLON) {
      pos = start;
      return readBlockMapping(column);
    }
    finishLine(pos);
    return value;
  }
  // js-yaml allows a block scalar header on a line of its own too, but manifests never need it.
  if (code === PIPE || code === GREATER) {
    if (!afterEntry) giveUp();
    return readBlockScalar(parentIndent + 1);
  }
  if (!isPlainStart(start, false)) giveUp();
  const stop = scanPlainLine(start);
  if (text.charCodeAt(stop) === COLON) return readBlockMapping(column);
  return readBlockPlain(start, stop, parentIndent + 1, true);
}

/**
 * A block mapping whose first key is at `pos`, in column `column` (js-yaml's readBlockMapping).
 * Returns with the reader on the first content line indented less, or at the end.
 */
function readBlockMapping(column: number): Record<string, unknown> {
  if (++depth > MAX_DEPTH) giveUp();
  const text = src;
  const mapping: Record<string, unknown> = {};
  let entries = 0;
  for (;;) {
    const key = readKey();
    let at = pos;
    let code = text.charCodeAt(at);
    while (code === SPACE) code = text.charCodeAt(++at);
    let value: unknown;
    if (code === LF || code === HASH) {
      if (code === HASH) at = text.indexOf('\n', at);
      seekContent(at + 1);
      if (indent > column) value = readNode(column, indent, false);
      // A sequence may stand at its key's indentation (`containers:\n- name: x`).
      else if (indent === column && isEntryIndicator(pos)) value = readBlockSequence(column);
      else value = null;
    } else if (code === TAB) {
      giveUp();
    } else {
      pos = at;
      value = readInlineValue(column);
    }
    mapping[key] = value;
    entries++;
    if (indent !== column) {
      if (indent > column) giveUp();
      depth--;
      checkNoRepeatedKey(mapping, entries);
      return mapping;
    }
  }
}

/**
 * A block sequence whose first `-` is at `pos`, in column `column` (js-yaml's readBlockSequence).
 * Returns with the reader on the first content line that is not one of its entries.
 */
function readBlockSequence(column: number): unknown[] {
  if (++depth > MAX_DEPTH) giveUp();
  const text = src;
  const items: unknown[] = [];
  for (;;) {
    const dash = pos;
    let at = dash + 1;
    let code = text.charCodeAt(at);
    while (code === SPACE) code = text.charCodeAt(++at);
    if (code === TAB) giveUp();
    if (code === LF || code === HASH) {
      if (code === HASH) at = text.indexOf('\n', at);
      seekContent(at + 1);
      if (indent > column) {
        items.push(readNode(column, indent, false));
      } else {
        items.push(null);
        // js-yaml would take a `-` indented less as this sequence's next entry.
        if (indent !== -1 && indent < column && isEntryIndicator(pos)) giveUp();
      }
    } else {
      pos = at;
      items.push(readNode(column, column + (at - dash), true));
    }
    if (indent !== column || !isEntryIndicator(pos)) {
      if (indent > column) giveUp();
      depth--;
      return items;
    }
  }
}

/** Whether the reader has passed the last content line (a function, so type narrowing does not assume `indent` stays put). */
function noContentLeft(): boolean {
  return indent === -1;
}

/** What js-yaml gives for a document without content: nothing at all, or one null document. */
function emptyDocumentValue(source: string): null | undefined {
  const last = source.charCodeAt(source.length - 1);
  const length = source.length === 0 || last === LF ? source.length : source.length + 1;
  let spaces = 0;
  while (source.charCodeAt(spaces) === SPACE) spaces++;
  return spaces >= length - 1 ? undefined : null;
}

function readDocument(source: string): FastLoadResult | undefined {
  // js-yaml rejects a NUL anywhere; a carriage return ends lines there, which this reader leaves
  // to it; a byte-order mark it drops, which would shift the offsets of ambiguities.
  if (source.charCodeAt(0) === 0xfeff || source.indexOf('\0') !== -1 || source.indexOf('\r') !== -1) return undefined;
  src = source.length === 0 || source.charCodeAt(source.length - 1) === LF ? source : `${source}\n`;
  depth = 0;
  ambiguous = [];
  const text = src;
  seekFirstContent();
  // js-yaml takes `---` at the start of a document as its marker whatever follows it (`---x`).
  if (indent === 0 && text.startsWith('---', pos) && !isDocumentMarker(pos)) return undefined;
  if (indent === 0 && text.charCodeAt(pos) === DASH && isDocumentMarker(pos)) {
    // The `---` opening the document; content on its line is left to js-yaml.
    let at = pos + 3;
    while (isBlank(text.charCodeAt(at))) at++;
    const code = text.charCodeAt(at);
    if (code === HASH) at = text.indexOf('\n', at);
    else if (code !== LF) return undefined;
    seekContent(at + 1);
    if (noContentLeft()) return { value: null, ambiguous: [] };
  } else if (indent === -1) {
    return { value: emptyDocumentValue(source), ambiguous: [] };
  }
  const column = indent;
  const code = text.charCodeAt(pos);
  let value: unknown;
  if (isEntryIndicator(pos)) {
    value = readBlockSequence(column);
  } else if (code === LEFT_BRACKET || code === LEFT_BRACE) {
    value = readFlow(column);
    finishLine(pos);
  } else {
    // A scalar alone is no manifest: readKey gives it up.
    value = readBlockMapping(column);
  }
  if (indent !== -1) return undefined;
  if (ambiguous.length > 0 && !YAML11_CANDIDATE.test(source)) ambiguous = [];
  return { value, ambiguous };
}

/** Like seekContent from the top, except that a `---` line is returned for the caller to judge. */
function seekFirstContent(): void {
  const text = src;
  let lineStart = 0;
  while (lineStart < text.length) {
    let at = lineStart;
    while (text.charCodeAt(at) === SPACE) at++;
    const code = text.charCodeAt(at);
    if (code === LF) {
      lineStart = at + 1;
    } else if (code === HASH) {
      lineStart = text.indexOf('\n', at) + 1;
    } else {
      if (at === lineStart && code === DASH && isDocumentMarker(at)) {
        pos = at;
        indent = 0;
        return;
      }
      break;
    }
  }
  seekContent(lineStart);
}

/**
 * Reads one YAML document (a piece `splitDocuments` cut) as `jsyaml.load(source, { schema:
 * SCHEMA })` would, with the plain scalars YAML 1.1 reads differently; `undefined` when the
 * document uses something this reader leaves to js-yaml (or is not valid YAML). Never throws.
 */
export function fastLoad(source: string): FastLoadResult | undefined {
  try {
    return readDocument(source);
  } catch {
    // Giving up, or a mistake of this reader: either way js-yaml decides.
    return undefined;
  } finally {
    src = '';
    ambiguous = [];
  }
}
