import jsyaml from 'js-yaml';
import type { Document } from 'yaml';
import type { DiagnosticId, FindingOrigin, ObjectPath, Range, Skip, Source } from '../core/types.js';
import { yamlLibrary } from './lazy-yaml.js';
import { fastLoad } from './fast-yaml.js';
import { FILE_MODE_KEY, YAML11_BOOLEAN, YAML11_CANDIDATE, YAML11_OCTAL, YAML11_TRUE, type AmbiguousScalar } from './yaml11.js';
import { SCHEMA } from './yaml-schema.js';
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
 * Template actions that only Helm evaluates. Rendered output legitimately carries Go templates
 * for other programs (Alertmanager's `{{ if eq .Status "firing" }}`, Prometheus' `{{ $labels }}`),
 * so in a document that parses, only references to Helm's own objects and functions count.
 */
const HELM_ACTION = /\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\$\.Values|include\s|toYaml\s|tpl\s)/;

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${bytes} bytes`;
}

/**
 * The text as positions are counted in it: a byte-order mark opening the file or any document is
 * dropped (YAML allows one before every document of a stream, as `cat a.yaml b.yaml` makes, and
 * editors show none), and a lone CR, an old Mac line end, becomes LF (one character for one, so
 * no offset moves) because YAML and editors alike break lines there.
 */
export function positionText(text: string): string {
  const body = text.includes('\uFEFF') ? text.replace(/(^|\n)\uFEFF/g, '$1') : text;
  return body.includes('\r') ? body.replace(/\r(?!\n)/g, '\n') : body;
}

function makeSourceFile(path: string, text: string): SourceFile {
  let index: LineIndex | undefined;
  const body = positionText(text);
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

/** Where a document holds such scalars, read with js-yaml's event listener (quoted scalars have no tag there). */
export function yaml11Ambiguities(source: string): AmbiguousScalar[] {
  if (!YAML11_CANDIDATE.test(source)) return [];
  const found: AmbiguousScalar[] = [];
  const starts: number[] = [];
  jsyaml.load(source, {
    schema: SCHEMA,
    // Repeated keys are reported on their own; here they must not stop the reading.
    json: true,
    listener(event, state) {
      if (event === 'open') {
        starts.push(state.position);
        return;
      }
      const start = starts.pop() ?? state.position;
      // js-yaml's state has the tag its type definitions leave out: '?' or a resolved type for a plain scalar, null when quoted.
      const tag = (state as unknown as { tag: string | null }).tag;
      if (state.kind !== 'scalar' || tag === null || !(tag === '?' || tag.endsWith(':int'))) return;
      const raw = source.slice(start, state.position);
      const text = raw.trim();
      if (!YAML11_BOOLEAN.test(text) && !YAML11_OCTAL.test(text)) return;
      const at = start + raw.indexOf(text);
      // File modes (`defaultMode: 0644`) are written in octal on purpose, and the API server reads them so.
      if (YAML11_OCTAL.test(text) && FILE_MODE_KEY.test(source.slice(source.lastIndexOf('\n', at) + 1, at))) return;
      found.push({ start: at, end: at + text.length, text });
    },
  });
  return found;
}

function reportAmbiguities(found: readonly AmbiguousScalar[], offset: number, report: Report): void {
  for (const ambiguous of found) {
    const { text } = ambiguous;
    const [messageId, data] = YAML11_OCTAL.test(text)
      ? ['octal', { text, decimal: String(Number(text)), octal: String(Number.parseInt(text, 8)), digits: text.replace(/^[-+]?0+/, '') }]
      : ['boolean', { text, value: String(YAML11_TRUE.test(text)) }];
    report('yaml-version-ambiguity', messageId, offset + ambiguous.start, offset + ambiguous.end, data);
  }
}

interface Frame {
  start: number;
  /** Closed children, in order: in a mapping, keys and values take turns. */
  children: { kind: string | null; key: string; start: number; end: number }[];
}

/**
 * A document whose only fault is a repeated key, read by js-yaml itself: with `json: true` it
 * keeps the last value (as tools that accept such a manifest do), and its event listener shows
 * each mapping's keys in turn, so every repeat is found in one pass and the slower `yaml` library
 * is never loaded for the most common broken document.
 */
function withDuplicateKeys(source: string, offset: number): { value: unknown; duplicateKeys: DocumentValue['duplicateKeys'] } {
  const duplicateKeys: DocumentValue['duplicateKeys'] = [];
  const frames: Frame[] = [];
  const value = jsyaml.load(source, {
    schema: SCHEMA,
    json: true,
    listener(event, state) {
      if (event === 'open') {
        frames.push({ start: state.position, children: [] });
        return;
      }
      const frame = frames.pop()!;
      if (state.kind === 'mapping') {
        const seen = new Set<string>();
        for (let i = 0; i < frame.children.length; i += 2) {
          const key = frame.children[i]!;
          if (key.kind !== 'scalar' || key.key === '<<') continue;
          if (seen.has(key.key)) duplicateKeys.push({ start: offset + key.start, end: offset + key.end, key: key.key });
          seen.add(key.key);
        }
      }
      const raw = source.slice(frame.start, state.position);
      const lead = raw.length - raw.trimStart().length;
      const text = state.kind === 'scalar' ? String(state.result) : '';
      frames.at(-1)?.children.push({ kind: state.kind, key: text, start: frame.start + lead, end: frame.start + raw.trimEnd().length });
    },
  });
  return { value, duplicateKeys: duplicateKeys.sort((a, b) => a.start - b.start) };
}

interface DocumentValue {
  value: unknown;
  yamlDocument?: Document;
  duplicateKeys: { start: number; end: number; key: string }[];
}

/** The `yaml` library's alias budget, the same as js-yaml's for merged keys: far beyond anything real, far below what exhausts a run. */
const MAX_ALIAS_COUNT = 10_000;

function firstLineEndOf(source: string, from: number): number {
  const newline = source.indexOf('\n', from);
  return newline === -1 ? source.length : newline;
}

/** A parser that recursed past the stack: the document nests too deeply to be read. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && /maximum call stack/i.test(error.message));
}

/**
 * Where a document nests deepest, counting flow brackets and block indentation levels (quotes
 * are not tracked: this only picks the place to show when a parser gave up on the depth).
 */
function deepestPoint(source: string): { offset: number; depth: number } {
  let best = { offset: 0, depth: 0 };
  let flow = 0;
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart < source.length) {
    let newline = source.indexOf('\n', lineStart);
    if (newline === -1) newline = source.length;
    let i = lineStart;
    while (source.charCodeAt(i) === 0x20 || source.charCodeAt(i) === 0x2d) i++;
    if (flow === 0 && i < newline && source[i] !== '#') {
      const indent = i - lineStart;
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
    }
    for (let k = lineStart; k < newline; k++) {
      const ch = source[k];
      if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      else continue;
      if (indents.length + flow > best.depth) best = { offset: k, depth: indents.length + flow };
    }
    if (indents.length > best.depth) best = { offset: i, depth: indents.length };
    lineStart = newline + 1;
  }
  return best;
}

type Report = (id: DiagnosticId, messageId: string, start: number, end: number, data?: Record<string, string | number>) => void;

/** What js-yaml says when it rejects a document: its reason and where, relative to the document. */
function jsYamlProblem(error: unknown): { reason: string; position: number } | undefined {
  const mark = (error as { mark?: { position?: number } } | undefined)?.mark;
  const reason = (error as { reason?: string } | undefined)?.reason;
  return typeof mark?.position === 'number' && typeof reason === 'string' ? { reason, position: mark.position } : undefined;
}

/**
 * js-yaml marks where it noticed a problem, which for an alias or a merge is just past it; the
 * author needs the alias (`*name`) or the merge key (`<<`) itself.
 */
function culprit(source: string, problem: { reason: string; position: number }): [number, number] {
  const alias = /unidentified alias "([^"]*)"/.exec(problem.reason)?.[1];
  const token = alias !== undefined ? `*${alias}` : /merge/.test(problem.reason) ? '<<' : undefined;
  const found = token === undefined ? -1 : source.lastIndexOf(token, problem.position);
  return found === -1 ? [problem.position, problem.position + 1] : [found, found + token!.length];
}

/**
 * Keys that appear twice in one mapping, found in one pass over the syntax tree (the `yaml`
 * library's own check compares every pair of keys, which a 50,000-key mapping makes quadratic),
 * and the first key that is itself a collection: no Kubernetes object has one, and turning nested
 * ones into strings costs the `yaml` library time exponential in their depth. Aliases are leaves
 * of the tree, so a shared subtree is read once.
 */
function inspectTree(document: Document, offset: number): { duplicateKeys: DocumentValue['duplicateKeys']; collectionKey?: [number, number] } {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  const found: DocumentValue['duplicateKeys'] = [];
  let collectionKey: [number, number] | undefined;
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const { key } = pair;
        if (isScalar(key) && key.range) {
          const name = String(key.value);
          if (seen.has(name)) found.push({ start: offset + key.range[0], end: offset + key.range[1], key: name });
          seen.add(name);
        } else if ((isMap(key) || isSeq(key)) && key.range) {
          // The earliest in the text: the walk runs from the end.
          if (!collectionKey || key.range[0] < collectionKey[0]) collectionKey = [key.range[0], key.range[1]];
          pending.push(key);
        } else {
          pending.push(key);
        }
        pending.push(pair.value);
      }
    }
  }
  // The tree is walked from the end; report in the order of the text.
  found.sort((a, b) => a.start - b.start);
  return collectionKey ? { duplicateKeys: found, collectionKey } : { duplicateKeys: found };
}

/**
 * The subset reader (fast-yaml.ts) reads nearly every manifest, and finds the YAML 1.1 scalars on
 * the way; what it does not read with certainty, js-yaml reads. Where js-yaml fails (a syntax
 * error, a duplicate key, or one of its own indentation quirks on valid YAML), the `yaml` library
 * parses the document again: its spec compliance decides whether the document is really broken,
 * and its errors carry exact positions. None is trusted not to throw: whatever a document does to
 * them ends as a finding on it.
 */
function parseDocumentValue(file: SourceFile, span: DocumentSpan, source: string, report: Report): DocumentValue | undefined {
  const read = fastLoad(source);
  if (read) {
    reportAmbiguities(read.ambiguous, span.start, report);
    return { value: read.value, duplicateKeys: [] };
  }
  let fastError: unknown;
  try {
    const value = jsyaml.load(source, { schema: SCHEMA, filename: file.path });
    reportAmbiguities(yaml11Ambiguities(source), span.start, report);
    return { value, duplicateKeys: [] };
  } catch (error) {
    fastError = error;
  }
  const at = (start: number, end: number): [number, number] => [span.start + start, span.start + Math.max(end, start + 1)];
  const tooDeep = () => {
    const deepest = deepestPoint(source);
    report('yaml-syntax-error', 'tooDeep', ...at(deepest.offset, deepest.offset + 1), { depth: deepest.depth });
    return undefined;
  };
  if (isStackOverflow(fastError)) return tooDeep();
  const aliasBudget = (position: number) => {
    report('yaml-syntax-error', 'aliasBudget', ...at(position, position + 1), { limit: MAX_ALIAS_COUNT });
    return undefined;
  };
  if (/duplicated mapping key/.test(String((fastError as Error | undefined)?.message))) {
    try {
      const withRepeats = withDuplicateKeys(source, span.start);
      reportAmbiguities(yaml11Ambiguities(source), span.start, report);
      return withRepeats;
    } catch {
      // Something else is wrong too: the precise parser decides what.
    }
  }
  // js-yaml's own budget for merged keys: the document expands beyond what any parser should follow.
  if (/maxTotalMergeKeys/.test(String((fastError as Error | undefined)?.message))) return aliasBudget(jsYamlProblem(fastError)?.position ?? 0);
  try {
    const { parseDocument } = yamlLibrary();
    const yamlDocument = parseDocument(source, { merge: true, uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
    if (yamlDocument.errors.some(isStackOverflow)) return tooDeep();
    if (yamlDocument.errors.length > 0) {
      const template = source.indexOf('{{');
      if (template !== -1) {
        const close = source.indexOf('}}', template);
        report('unrendered-template', 'unrendered', ...at(template, close === -1 ? template + 2 : close + 2));
      } else {
        const first = yamlDocument.errors[0]!;
        const atEnd = first.pos[0] >= source.trimEnd().length;
        const opener = !atEnd ? undefined : /quote/i.test(first.message) ? unclosedQuote(source, first.pos[0]) : /flow|[\]}]/i.test(first.message) ? unclosedBracket(source) : undefined;
        const [start, end] = opener ?? first.pos;
        report('yaml-syntax-error', 'syntax', ...at(start, end), { detail: firstLineOf(first.message) });
      }
      return undefined;
    }
    const tree = inspectTree(yamlDocument, span.start);
    if (tree.collectionKey) {
      const template = source.indexOf('{{');
      if (template !== -1) report('unrendered-template', 'unrendered', ...at(template, template + 2));
      else report('yaml-syntax-error', 'collectionKey', ...at(tree.collectionKey[0], Math.min(tree.collectionKey[1], firstLineEndOf(source, tree.collectionKey[0]))));
      return undefined;
    }
    let value: unknown;
    try {
      value = yamlDocument.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      if (isStackOverflow(error)) return tooDeep();
      // An alias to nothing, a merge of something that is not a mapping, a merge cycle, an alias
      // bomb: the parsers agree the document is broken, and js-yaml knows where.
      const problem = jsYamlProblem(fastError);
      const [start, end] = problem ? culprit(source, problem) : [0, 1];
      if (/alias count/i.test((error as Error).message)) return aliasBudget(start);
      report('yaml-syntax-error', 'syntax', ...at(start, end), { detail: problem?.reason ?? firstLineOf((error as Error).message) });
      return undefined;
    }
    return { value, yamlDocument, duplicateKeys: tree.duplicateKeys };
  } catch (error) {
    if (isStackOverflow(error)) return tooDeep();
    throw error;
  }
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

/** The template Helm names in a `# Source: chart/templates/x.yaml` line (already trimmed), if it is one. */
export function helmSource(line: string): string | undefined {
  return line.startsWith('# Source: ') ? line.slice('# Source: '.length).trim() : undefined;
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
    const source = helmSource(content);
    if (source !== undefined) templateSource = source;
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
/** What one document (or, for an unreadable file, the file) gives: at most one object to read, with its problems and skips. */
export interface ParsedPiece {
  document?: ParsedDocument;
  diagnostics: ParseDiagnostic[];
  skips: Skip[];
}

/**
 * Reads one source a document at a time: a caller that lints as it goes holds one document's
 * objects, not the whole file's. Which objects are Kubernetes resources is the model's business.
 */
export function* parseDocuments(source: Source): Generator<ParsedPiece> {
  const file = makeSourceFile(source.path, source.text);
  const fileLevel = (diagnostic: ParseDiagnostic): ParsedPiece => ({ diagnostics: [diagnostic], skips: [] });
  if (source.encodingError) {
    const { line, column, reason } = source.encodingError;
    yield fileLevel({ id: 'invalid-encoding', messageId: 'encoding', data: { reason }, file: file.path, range: { line, column, endLine: line, endColumn: column + 1 } });
    return;
  }
  if (source.sizeLimit) {
    const { limit, size } = source.sizeLimit;
    const [messageId, data] = size === undefined ? ['streamTooLarge', { limit: formatBytes(limit) }] : ['tooLarge', { limit: formatBytes(limit), size: formatBytes(size) }];
    yield fileLevel({ id: 'file-too-large', messageId, data, file: file.path, range: { line: 1, column: 1, endLine: 1, endColumn: 2 } });
    return;
  }
  if (file.text.trim() === '') {
    yield { diagnostics: [], skips: [{ file: file.path, line: 1, reason: 'empty file' }] };
    return;
  }
  let anything = false;
  for (const span of splitDocuments(file.text)) {
    const piece = parseSpan(file, span);
    if (piece.document || piece.diagnostics.length > 0 || piece.skips.length > 0) {
      anything = true;
      yield piece;
    }
  }
  if (!anything) yield { diagnostics: [], skips: [{ file: file.path, line: 1, reason: 'no YAML content (only comments or empty documents)' }] };
}

function parseSpan(file: SourceFile, span: DocumentSpan): ParsedPiece {
  const piece: ParsedPiece = { diagnostics: [], skips: [] };
  const head = documentHead(file.text, span);
  const origin: FindingOrigin | undefined = head.templateSource ? { file: head.templateSource } : undefined;
  const diagnostic = (id: DiagnosticId, messageId: string, range: Range, data?: Record<string, string | number>, document?: ParsedDocument): void => {
    const found: ParseDiagnostic = { id, messageId, file: file.path, range };
    if (data) found.data = data;
    if (document) found.document = document;
    if (origin) found.origin = origin;
    piece.diagnostics.push(found);
  };
  const text = file.text.slice(span.start, span.end);
  const parsed = parseDocumentValue(file, span, text, (id, messageId, start, end, data) => diagnostic(id, messageId, rangeOfSpan(file, { start, end }), data));
  if (!parsed) return piece;
  const { value } = parsed;
  const document: ParsedDocument | undefined = isMapping(value) ? { locator: new YamlDocumentLocator(file, span, head.line, value, parsed.yamlDocument), value } : undefined;
  if (document && origin) document.origin = origin;
  for (const duplicate of parsed.duplicateKeys) {
    diagnostic('duplicate-key', 'duplicate', rangeOfSpan(file, duplicate), { key: duplicate.key }, document);
  }
  if (!document) {
    if (value !== null && value !== undefined) piece.skips.push({ file: file.path, line: head.line, reason: `not a Kubernetes object (a YAML ${Array.isArray(value) ? 'sequence' : 'scalar'})` });
    return piece;
  }
  // Searched in this document's text only: a search of the rest of the file per document is quadratic.
  if (text.includes('{{')) {
    const unrendered = findUnrenderedValues(document.value);
    if (unrendered.length > 0) {
      for (const path of unrendered) diagnostic('unrendered-template', 'unrendered', document.locator.rangeOf(path));
      return piece;
    }
  }
  piece.document = document;
  return piece;
}

/** The whole source at once. */
export function parseSource(source: Source): ParsedSource {
  const result: ParsedSource = { file: source.path, documents: [], diagnostics: [], skips: [] };
  for (const piece of parseDocuments(source)) {
    if (piece.document) result.documents.push(piece.document);
    for (const diagnostic of piece.diagnostics) result.diagnostics.push(diagnostic);
    for (const skip of piece.skips) result.skips.push(skip);
  }
  return result;
}
