import type { Range } from '../engine/types.js';
import { existingPrefixLength } from '../model/resource.js';
import { yamlLibrary } from './lazy-yaml.js';
import { locateInYamlDocument } from './locate-yaml.js';
import { locateFast, newLocatorCache, type Span } from './locate.js';
import type { Location, ParsedDocument } from './parse.js';

function spanInDocument(document: ParsedDocument, path: Extract<Location, { document: ParsedDocument }>): Span {
  const { file, span } = document;
  const reachable = path.path.slice(0, existingPrefixLength(document.value, path.path));
  // A field that is missing is shown on its nearest existing parent, so the key form is what fits.
  const on = reachable.length === path.path.length ? path.on : 'value';
  if (!document.yamlDocument) {
    const fast = locateFast(file.text, span.start, span.end, reachable, on, (document.locatorCache ??= newLocatorCache()));
    if (fast) return fast;
    document.yamlDocument = yamlLibrary().parseDocument(file.text.slice(span.start, span.end), { merge: true, uniqueKeys: false, logLevel: 'silent' });
  }
  const located = locateInYamlDocument(file.text, span.start, document.yamlDocument, reachable, on);
  return located?.span ?? { start: span.start, end: span.start };
}

/** Turns where a finding is (a path in a document, or a place in a file) into a line/column range. */
export function resolveRange(location: Location): Range {
  if ('line' in location) {
    return { line: location.line, column: location.column, endLine: location.line, endColumn: location.column + 1 };
  }
  const file = 'document' in location ? location.document.file : location.file;
  const span = 'document' in location ? spanInDocument(location.document, location) : location;
  const lines = file.lineIndex();
  const start = lines.position(span.start);
  const end = lines.position(Math.max(span.end, span.start));
  if (end.line === start.line && end.column <= start.column) end.column = start.column + 1;
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
