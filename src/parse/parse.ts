import jsyaml from 'js-yaml';
import type { Document } from 'yaml';
import type { DiagnosticId, FindingOrigin, ObjectPath, Range, Skip, Source } from '../core/types.js';
import { yamlLibrary } from './lazy-yaml.js';
import { rangeOfSpan, YamlDocumentLocator, type SourceFile } from './positions.js';
import { LineIndex, splitDocuments, type DocumentSpan } from './text.js';

export interface ParsedDocument {
  locator: YamlDocumentLocator;
  /** Documents that are not mappings are skipped before they become one of these. */
  value: Record<string, unknown>;
  /** Helm's `# Source: chart/templates/x.yaml`, naming the template an author edits. */
  origin?: FindingOrigin;
}

/** A problem the parser found: its id names an entry of the engine's diagnostic catalogue. */
export interface ParseDiagnostic {
  id: DiagnosticId;
  messageId: string;
  data?: Record<string, string | number>;
  file: string;
  range: Range;
  /** The document it was found in, when that document still parsed (a duplicate key). */
  document?: ParsedDocument;
  origin?: FindingOrigin;
}

export interface ParsedSource {
  file: string;
  documents: ParsedDocument[];
  diagnostics: ParseDiagnostic[];
  skips: Skip[];
}

/**
 * YAML 1.2 core types plus merge keys, as the API server's YAML decoder accepts them; timestamps
 * stay strings because Kubernetes fields are never YAML timestamps.
 */
// The merge type is in js-yaml's runtime `types` table, which its type definitions leave out.
const mergeType = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [mergeType], explicit: [] });

/**
 * Template actions that only Helm evaluates. Rendered output legitimately carries Go templates
 * for other programs (Alertmanager's `{{ if eq .Status "firing" }}`, Prometheus' `{{ $labels }}`),
 * so in a document that parses, only references to Helm's own objects and functions count.
 */
const HELM_ACTION = /\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\$\.Values|include\s|toYaml\s|tpl\s)/;

function makeSourceFile(path: string, text: string): SourceFile {
  let index: LineIndex | undefined;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return {
    path,
    text: body,
    lineIndex: () => (index ??= new LineIndex(body)),
  };
}

/**
 * The parser notices a missing closing quote only where the document ends; the author needs the
 * line where the quote was opened: the last value before that point that opens a quote it never closes.
 */
function unclosedQuote(source: string, before: number): [number, number] | undefined {
  const opening = /(?:^|[:\-,[{]\s*)(["'])/gm;
  let found: [number, number] | undefined;
  for (let match = opening.exec(source); match && match.index < before; match = opening.exec(source)) {
    const quoteAt = match.index + match[0].length - 1;
    const lineEnd = source.indexOf('\n', quoteAt);
    const rest = source.slice(quoteAt + 1, lineEnd === -1 ? source.length : lineEnd);
    if (!rest.includes(match[1]!)) found = [quoteAt, quoteAt + 1];
  }
  return found;
}

/** Likewise for a flow collection left open: the last line that opens more brackets than it closes. */
function unclosedBracket(source: string): [number, number] | undefined {
  let found: [number, number] | undefined;
  let lineStart = 0;
  for (const line of source.split('\n')) {
    const opens = (line.match(/[[{]/g) ?? []).length;
    const closes = (line.match(/[\]}]/g) ?? []).length;
    if (opens > closes) {
      const at = lineStart + line.search(/[[{]/);
      found = [at, at + 1];
    }
    lineStart += line.length + 1;
  }
  return found;
}

function firstLineOf(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

interface DocumentValue {
  value: unknown;
  yamlDocument?: Document;
  duplicateKeys: { start: number; end: number; key: string }[];
}

/**
 * js-yaml is the fast path. Where it fails (a syntax error, a duplicate key, or one of its own
 * indentation quirks on valid YAML), the `yaml` library parses the document again: its spec
 * compliance decides whether the document is really broken, and its errors carry exact positions.
 */
function parseDocumentValue(file: SourceFile, span: DocumentSpan, report: (id: DiagnosticId, messageId: string, start: number, end: number, data?: Record<string, string | number>) => void): DocumentValue | undefined {
  const source = file.text.slice(span.start, span.end);
  try {
    return { value: jsyaml.load(source, { schema: SCHEMA, filename: file.path }), duplicateKeys: [] };
  } catch {
    // Fall through to the precise parser.
  }
  const { parseDocument } = yamlLibrary();
  const yamlDocument = parseDocument(source, { merge: true, uniqueKeys: true, logLevel: 'silent', prettyErrors: false });
  const errors = yamlDocument.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  const at = (start: number, end: number): [number, number] => [span.start + start, span.start + Math.max(end, start + 1)];
  if (errors.length > 0) {
    const template = source.indexOf('{{');
    if (template !== -1) {
      const close = source.indexOf('}}', template);
      report('unrendered-template', 'unrendered', ...at(template, close === -1 ? template + 2 : close + 2));
    } else {
      const first = errors[0]!;
      const atEnd = first.pos[0] >= source.trimEnd().length;
      const opener = !atEnd ? undefined : /quote/i.test(first.message) ? unclosedQuote(source, first.pos[0]) : /flow|[\]}]/i.test(first.message) ? unclosedBracket(source) : undefined;
      const [start, end] = opener ?? first.pos;
      report('yaml-syntax-error', 'syntax', ...at(start, end), { detail: firstLineOf(first.message) });
    }
    return undefined;
  }
  const duplicateKeys = yamlDocument.errors.map((error) => {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:#\n]*[^:#\s])/.exec(source.slice(error.pos[0]))?.[0] ?? source.slice(error.pos[0], error.pos[1]);
    const [start, end] = at(error.pos[0], error.pos[0] + key.length);
    return { start, end, key: key.replace(/^["']|["']$/g, '') };
  });
  return { value: yamlDocument.toJS({ maxAliasCount: -1 }), yamlDocument, duplicateKeys };
}

/**
 * Finds whole values that are Helm template actions, in documents that parsed but were never
 * rendered. Each object is looked at once: YAML aliases share one object among many places, so an
 * alias bomb costs what its text costs, and a shared template string is reported once.
 */
function findUnrenderedValues(root: unknown): ObjectPath[] {
  const found: ObjectPath[] = [];
  const seen = new Set<object>();
  const path: (string | number)[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('\n') && value.trimStart().startsWith('{{') && HELM_ACTION.test(value)) found.push([...path]);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      // An unquoted `{{ x }}` value parses as a flow mapping whose key is itself a mapping.
      if (key === '[object Object]' || (key.startsWith('{') && key.endsWith('}'))) {
        found.push([...path]);
        return;
      }
      path.push(key);
      visit(child);
      path.pop();
    }
  };
  visit(root);
  return found;
}

/**
 * What precedes a document's content: the line where the content starts (a span begins at its
 * `---` marker or at the top of the file, often followed by comments) and Helm's `# Source:`
 * comment, which stands among those leading lines.
 */
function documentHead(text: string, span: DocumentSpan): { line: number; templateSource?: string } {
  let templateSource: string | undefined;
  let at = span.start;
  let line = span.line;
  while (at < span.end) {
    const newline = text.indexOf('\n', at);
    const content = text.slice(at, newline === -1 || newline > span.end ? span.end : newline).trim();
    if (content.startsWith('# Source: ')) templateSource = content.slice('# Source: '.length).trim();
    else if (content !== '' && !content.startsWith('#') && !content.startsWith('---')) break;
    if (newline === -1) break;
    at = newline + 1;
    line++;
  }
  return templateSource ? { line, templateSource } : { line };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one source into documents, each with a locator, plus the problems found on the way and
 * the documents that are not objects at all. Which objects are Kubernetes resources is the
 * model's business.
 */
export function parseSource(source: Source): ParsedSource {
  const file = makeSourceFile(source.path, source.text);
  const result: ParsedSource = { file: file.path, documents: [], diagnostics: [], skips: [] };
  const skip = (line: number, reason: string) => result.skips.push({ file: file.path, line, reason });
  if (source.encodingError) {
    const { line, column, reason } = source.encodingError;
    result.diagnostics.push({ id: 'invalid-encoding', messageId: 'encoding', data: { reason }, file: file.path, range: { line, column, endLine: line, endColumn: column + 1 } });
    return result;
  }
  if (file.text.trim() === '') {
    skip(1, 'empty file');
    return result;
  }
  for (const span of splitDocuments(file.text)) {
    const head = documentHead(file.text, span);
    const origin: FindingOrigin | undefined = head.templateSource ? { file: head.templateSource } : undefined;
    const diagnostic = (id: DiagnosticId, messageId: string, range: Range, data?: Record<string, string | number>, document?: ParsedDocument): void => {
      const found: ParseDiagnostic = { id, messageId, file: file.path, range };
      if (data) found.data = data;
      if (document) found.document = document;
      if (origin) found.origin = origin;
      result.diagnostics.push(found);
    };
    const parsed = parseDocumentValue(file, span, (id, messageId, start, end, data) => diagnostic(id, messageId, rangeOfSpan(file, { start, end }), data));
    if (!parsed) continue;
    const { value } = parsed;
    const document: ParsedDocument | undefined = isMapping(value) ? { locator: new YamlDocumentLocator(file, span, head.line, value, parsed.yamlDocument), value } : undefined;
    if (document && origin) document.origin = origin;
    for (const duplicate of parsed.duplicateKeys) {
      diagnostic('duplicate-key', 'duplicate', rangeOfSpan(file, duplicate), { key: duplicate.key }, document);
    }
    if (!document) {
      if (value !== null && value !== undefined) skip(head.line, `not a Kubernetes object (a YAML ${Array.isArray(value) ? 'sequence' : 'scalar'})`);
      continue;
    }
    const brace = file.text.indexOf('{{', span.start);
    if (brace !== -1 && brace < span.end) {
      const unrendered = findUnrenderedValues(document.value);
      if (unrendered.length > 0) {
        for (const path of unrendered) diagnostic('unrendered-template', 'unrendered', document.locator.rangeOf(path));
        continue;
      }
    }
    result.documents.push(document);
  }
  if (result.documents.length === 0 && result.diagnostics.length === 0 && result.skips.length === 0) {
    skip(1, 'no YAML content (only comments or empty documents)');
  }
  return result;
}
