import type { Document } from 'yaml';
import type { DocumentLocator, HighlightTarget, ObjectPath, Range } from '../core/types.js';
import { yamlLibrary } from './lazy-yaml.js';
import { locateInYamlDocument } from './locate-yaml.js';
import { locateFast, newLocatorCache, type LocatorCache, type Span } from './locate.js';
import { LineIndex, type DocumentSpan } from './text.js';

/** A file's text as positions are counted in it (any byte-order mark removed). */
export interface SourceFile {
  path: string;
  text: string;
  lineIndex(): LineIndex;
}

/** How many leading segments of `path` exist in `value`: the deepest place a path can be shown at. */
export function existingPrefixLength(value: unknown, path: ObjectPath): number {
  let current = value;
  let length = 0;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) break;
    } else if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) {
      break;
    }
    current = (current as Record<string | number, unknown>)[segment];
    length++;
  }
  return length;
}

/** A span of a file's text as a line/column range; an empty span still covers one column. */
export function rangeOfSpan(file: SourceFile, span: Span, lines: LineIndex = file.lineIndex()): Range {
  const start = lines.position(span.start);
  const end = lines.position(Math.max(span.end, span.start));
  if (end.line === start.line && end.column <= start.column) end.column = start.column + 1;
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/**
 * Answers "where is this path?" for one document. The fast line scanner answers most questions;
 * where it gives up, the document is parsed once by the `yaml` library and kept for the next.
 */
export class YamlDocumentLocator implements DocumentLocator {
  private cache: LocatorCache | undefined;
  /**
   * The document's own line index, begun at its first line: a file of many documents has lines
   * counted only in those with findings, not in every document before them (a rendered chart's
   * CRDs, megabytes long, seldom have any).
   */
  private lines: LineIndex | undefined;

  constructor(
    private readonly source: SourceFile,
    private readonly span: DocumentSpan,
    readonly line: number,
    private readonly value: unknown,
    private yamlDocument: Document | undefined,
  ) {}

  get file(): string {
    return this.source.path;
  }

  rangeOf(path: ObjectPath, on: HighlightTarget = 'value'): Range {
    return rangeOfSpan(this.source, this.locate(path, on), (this.lines ??= new LineIndex(this.source.text, this.span.start, this.span.line)));
  }

  forget(): void {
    this.cache = undefined;
    this.lines = undefined;
  }

  text(): string {
    return this.source.text.slice(this.span.start, this.span.end);
  }

  spanOf(path: ObjectPath, on: HighlightTarget = 'value'): Span | undefined {
    if (existingPrefixLength(this.value, path) !== path.length) return undefined;
    return this.locate(path, on);
  }

  private locate(path: ObjectPath, on: HighlightTarget): Span {
    const { text } = this.source;
    const { start, end } = this.span;
    const reachable = path.slice(0, existingPrefixLength(this.value, path));
    // A field that is missing is shown on its nearest existing parent, so the key form is what fits.
    const target = reachable.length === path.length ? on : 'value';
    if (!this.yamlDocument) {
      const fast = locateFast(text, start, end, reachable, target, (this.cache ??= newLocatorCache()));
      if (fast) return fast;
      this.yamlDocument = yamlLibrary().parseDocument(text.slice(start, end), { merge: true, uniqueKeys: false, logLevel: 'silent' });
    }
    const located = locateInYamlDocument(text, start, this.yamlDocument, reachable, target);
    return located?.span ?? { start, end: start };
  }
}
