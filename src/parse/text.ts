/** A slice of a file's text holding one YAML document, in absolute offsets of that text. */
export interface DocumentSpan {
  start: number;
  end: number;
  /** 1-based line of `start`, so findings in the document need no scan from the top of the file. */
  line: number;
}

const MARKER_START = 0x2d; // '-'
const MARKER_END = 0x2e; // '.'

function isMarkerLine(text: string, at: number, ch: number): boolean {
  if (text.charCodeAt(at) !== ch || text.charCodeAt(at + 1) !== ch || text.charCodeAt(at + 2) !== ch) return false;
  const next = text.charCodeAt(at + 3);
  // A marker is followed by white space or the end of the line/file (YAML 1.2, c-forbidden).
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

/**
 * Splits a YAML stream at its document markers. A `---` or `...` at the start of a line always
 * ends a document in YAML, even inside a block scalar, so a line scan is exact; each piece can
 * then be parsed, and fail, on its own.
 */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let docStart = 0;
  let docLine = 1;
  let lineStart = 0;
  let line = 1;
  // Directives (`%YAML 1.2`) belong to the document whose `---` follows them, so a marker that
  // follows nothing but directives and comments does not start a new piece.
  let directives = false;
  let content = false;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (isMarkerLine(text, lineStart, MARKER_START)) {
      if (!(directives && !content)) {
        if (lineStart > docStart) spans.push({ start: docStart, end: lineStart, line: docLine });
        docStart = lineStart;
        docLine = line;
      }
      directives = false;
      content = true;
    } else if (isMarkerLine(text, lineStart, MARKER_END)) {
      spans.push({ start: docStart, end: lineEnd, line: docLine });
      docStart = lineEnd;
      docLine = line + 1;
      directives = false;
      content = false;
    } else if (!content) {
      const first = text.charCodeAt(lineStart);
      if (first === 0x25) directives = true; // '%'
      else if (!/^\s*(#.*)?$/.test(text.slice(lineStart, lineEnd))) content = true;
    }
    if (newline === -1) break;
    lineStart = lineEnd;
    line++;
  }
  if (docStart < text.length) spans.push({ start: docStart, end: text.length, line: docLine });
  return spans;
}

/**
 * Offsets of line starts, for files with something to report, read only as far as the furthest
 * offset asked about: in a rendered chart of many megabytes the findings are often near the top.
 */
export class LineIndex {
  private readonly starts: number[];
  /** Where the next unread line break may be; -1 once the whole text is read. */
  private scanned: number;

  /**
   * `from` must be a line start, on line `firstLine`: an index of one document's lines reads none
   * of the documents before it. Offsets before `from` are not asked about.
   */
  constructor(
    private readonly text: string,
    from = 0,
    private readonly firstLine = 1,
  ) {
    this.starts = [from];
    this.scanned = from;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const { starts } = this;
    if (this.scanned !== -1 && offset >= this.scanned) this.readThrough(offset);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.firstLine, column: offset - starts[lo]! + 1 };
  }

  private readThrough(offset: number): void {
    let i = this.text.indexOf('\n', this.scanned);
    while (i !== -1) {
      this.starts.push(i + 1);
      if (i >= offset) {
        this.scanned = i + 1;
        return;
      }
      i = this.text.indexOf('\n', i + 1);
    }
    this.scanned = -1;
  }
}
