import jsyaml from 'js-yaml';
import type { Document } from 'yaml';
import type { ObjectPath, Skip } from '../engine/types.js';
import { isObject, type Resource } from '../model/resource.js';
import { yamlLibrary } from './lazy-yaml.js';
import type { HighlightTarget, LocatorCache } from './locate.js';
import { LineIndex, splitDocuments, type DocumentSpan } from './text.js';

/** A file or stdin, already read. `text` is what the loader decoded; `encodingError` says why it could not. */
export interface Source {
  path: string;
  text: string;
  encodingError?: { line: number; column: number; reason: string };
}

export interface SourceFile {
  path: string;
  /** The text with any byte-order mark removed, so columns match what an editor shows. */
  text: string;
  lineIndex(): LineIndex;
}

export interface ParsedDocument {
  file: SourceFile;
  span: DocumentSpan;
  /** 1-based line where the document's content starts, after its marker and leading comments. */
  line: number;
  value: unknown;
  /** Helm's `# Source: chart/templates/x.yaml`, naming the template an author edits. */
  templateSource?: string;
  /** A full syntax tree, built only when the fast path could not parse or locate something. */
  yamlDocument?: Document;
  /** Steps the fast locator has already taken in this document. */
  locatorCache?: LocatorCache;
}

export type Location =
  | { document: ParsedDocument; path: ObjectPath; on?: HighlightTarget }
  | { file: SourceFile; start: number; end: number }
  | { file: SourceFile; line: number; column: number };

/** A finding the parser raises before any rule runs: messages come from the parse-stage rule's metadata. */
export interface ParseProblem {
  ruleId: string;
  messageId: string;
  data?: Record<string, string | number>;
  location: Location;
  templateSource?: string;
}

export interface ParsedSource {
  file: SourceFile;
  resources: Resource[];
  problems: ParseProblem[];
  skips: Skip[];
}

/**
 * YAML 1.2 core types plus merge keys, as the API server's YAML decoder accepts them; timestamps
 * stay strings because Kubernetes fields are never YAML timestamps.
 */
// The merge type is in js-yaml's runtime `types` table, which its type definitions leave out.
const mergeType = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [mergeType], explicit: [] });

/** Configuration files read by client tools, which look like objects but never reach a cluster. */
const CLIENT_CONFIG_GROUPS = /^(kustomize\.config\.k8s\.io|config\.kubernetes\.io|kpt\.dev|skaffold|kind\.x-k8s\.io|helm\.sh|ctlptl\.dev|install\.istio\.io)\b/;

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
}

/**
 * js-yaml is the fast path. Where it fails (a syntax error, a duplicate key, or one of its own
 * indentation quirks on valid YAML), the `yaml` library parses the document again: its spec
 * compliance decides whether the document is really broken, and its errors carry exact positions.
 */
function parseDocumentValue(file: SourceFile, span: DocumentSpan, problems: ParseProblem[], templateSource: string | undefined): DocumentValue | undefined {
  const source = file.text.slice(span.start, span.end);
  try {
    return { value: jsyaml.load(source, { schema: SCHEMA, filename: file.path }) };
  } catch {
    // Fall through to the precise parser.
  }
  const { parseDocument } = yamlLibrary();
  const yamlDocument = parseDocument(source, { merge: true, uniqueKeys: true, logLevel: 'silent', prettyErrors: false });
  const errors = yamlDocument.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  const report = (ruleId: string, messageId: string, start: number, end: number, data?: Record<string, string | number>) => {
    const problem: ParseProblem = { ruleId, messageId, location: { file, start: span.start + start, end: span.start + Math.max(end, start + 1) } };
    if (data) problem.data = data;
    if (templateSource) problem.templateSource = templateSource;
    problems.push(problem);
  };
  if (errors.length > 0) {
    const template = source.indexOf('{{');
    if (template !== -1) {
      const close = source.indexOf('}}', template);
      report('unrendered-template', 'unrendered', template, close === -1 ? template + 2 : close + 2);
    } else {
      const first = errors[0]!;
      const atEnd = first.pos[0] >= source.trimEnd().length;
      const opener = !atEnd ? undefined : /quote/i.test(first.message) ? unclosedQuote(source, first.pos[0]) : /flow|[\]}]/i.test(first.message) ? unclosedBracket(source) : undefined;
      const [start, end] = opener ?? first.pos;
      report('yaml-syntax-error', 'syntax', start, end, { detail: firstLineOf(first.message) });
    }
    return undefined;
  }
  for (const error of yamlDocument.errors) {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:#\n]*[^:#\s])/.exec(source.slice(error.pos[0]))?.[0] ?? source.slice(error.pos[0], error.pos[1]);
    report('duplicate-key', 'duplicate', error.pos[0], error.pos[0] + key.length, { key: key.replace(/^["']|["']$/g, '') });
  }
  return { value: yamlDocument.toJS({ maxAliasCount: -1 }), yamlDocument };
}

/** Finds whole values that are Helm template actions, in documents that parsed but were never rendered. */
function findUnrenderedValues(value: unknown, path: (string | number)[], found: ObjectPath[]): void {
  if (typeof value === 'string') {
    if (!value.includes('\n') && value.trimStart().startsWith('{{') && HELM_ACTION.test(value)) found.push([...path]);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findUnrenderedValues(item, [...path, i], found));
    return;
  }
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      // An unquoted `{{ x }}` value parses as a flow mapping whose key is itself a mapping.
      if (key === '[object Object]' || (key.startsWith('{') && key.endsWith('}'))) {
        found.push(path);
        return;
      }
      findUnrenderedValues(child, [...path, key], found);
    }
  }
}

function skip(skips: Skip[], file: SourceFile, line: number, reason: string): void {
  skips.push({ file: file.path, line, reason });
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

function toResource(object: Record<string, unknown>, document: ParsedDocument, basePath: ObjectPath, problems: ParseProblem[], skips: Skip[]): Resource | undefined {
  const { apiVersion, kind } = object;
  const metadata = isObject(object.metadata) ? object.metadata : undefined;
  // Without a kind there is nothing to call it: a Chart.yaml or values file has an apiVersion too.
  if (typeof kind !== 'string') {
    skip(skips, document.file, document.line, 'not a Kubernetes object (no kind)');
    return undefined;
  }
  if (typeof apiVersion === 'string' && CLIENT_CONFIG_GROUPS.test(apiVersion)) {
    skip(skips, document.file, document.line, `client-side configuration (${String(kind)}), not a cluster object`);
    return undefined;
  }
  const missing: string[] = [];
  if (typeof apiVersion !== 'string' || apiVersion === '') missing.push('apiVersion');
  if (kind === '') missing.push('kind');
  const name = metadata?.name;
  if ((typeof name !== 'string' || name === '') && typeof metadata?.generateName !== 'string') missing.push('metadata.name');
  if (missing.length > 0) {
    const problem: ParseProblem = {
      ruleId: 'incomplete-resource',
      messageId: 'missing',
      data: { fields: missing.join(', '), kind: kind || 'object' },
      location: { document, path: [...basePath, missing[0] === 'metadata.name' && metadata ? 'metadata' : missing[0] === 'metadata.name' ? 'kind' : missing[0]!], on: 'key' },
    };
    if (document.templateSource) problem.templateSource = document.templateSource;
    problems.push(problem);
    return undefined;
  }
  const namespace = metadata?.namespace;
  const annotations = isObject(metadata?.annotations) ? metadata.annotations : undefined;
  return {
    apiVersion: apiVersion as string,
    kind: kind as string,
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : undefined,
    name: typeof name === 'string' ? name : String(metadata?.generateName),
    object,
    document,
    basePath,
    templateSource: document.templateSource ?? kustomizeOrigin(annotations?.[KUSTOMIZE_ORIGIN]),
  };
}

const KUSTOMIZE_ORIGIN = 'config.kubernetes.io/origin';

/** `kustomize build` with `buildMetadata: [originAnnotations]` records each object's source file as `path: <file>`. */
function kustomizeOrigin(annotation: unknown): string | undefined {
  if (typeof annotation !== 'string') return undefined;
  const path = /^path:\s*(\S.*?)\s*$/m.exec(annotation)?.[1];
  if (!path) return undefined;
  const repo = /^repo:\s*(\S.*?)\s*$/m.exec(annotation)?.[1];
  return repo ? `${repo} ${path}` : path;
}

export function parseSource(source: Source): ParsedSource {
  const file = makeSourceFile(source.path, source.text);
  const result: ParsedSource = { file, resources: [], problems: [], skips: [] };
  if (source.encodingError) {
    const { line, column, reason } = source.encodingError;
    result.problems.push({ ruleId: 'invalid-encoding', messageId: 'encoding', data: { reason }, location: { file, line, column } });
    return result;
  }
  if (file.text.trim() === '') {
    skip(result.skips, file, 1, 'empty file');
    return result;
  }
  for (const span of splitDocuments(file.text)) {
    const head = documentHead(file.text, span);
    const templateSource = head.templateSource;
    const parsed = parseDocumentValue(file, span, result.problems, templateSource);
    if (!parsed || parsed.value === null || parsed.value === undefined) continue;
    const document: ParsedDocument = { file, span, line: head.line, value: parsed.value };
    if (templateSource) document.templateSource = templateSource;
    if (parsed.yamlDocument) document.yamlDocument = parsed.yamlDocument;
    const { value } = parsed;
    if (!isObject(value)) {
      skip(result.skips, file, head.line, `not a Kubernetes object (a YAML ${Array.isArray(value) ? 'sequence' : 'scalar'})`);
      continue;
    }
    const brace = file.text.indexOf('{{', span.start);
    if (brace !== -1 && brace < span.end) {
      const unrendered: ObjectPath[] = [];
      findUnrenderedValues(value, [], unrendered);
      if (unrendered.length > 0) {
        for (const path of unrendered) {
          const problem: ParseProblem = { ruleId: 'unrendered-template', messageId: 'unrendered', location: { document, path } };
          if (templateSource) problem.templateSource = templateSource;
          result.problems.push(problem);
        }
        continue;
      }
    }
    const kind = value.kind;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (!isObject(item)) {
          skip(result.skips, file, head.line, `item ${i} of ${kind} is not an object`);
          return;
        }
        const resource = toResource(item, document, ['items', i], result.problems, result.skips);
        if (resource) result.resources.push(resource);
      });
      continue;
    }
    const resource = toResource(value, document, [], result.problems, result.skips);
    if (resource) result.resources.push(resource);
  }
  if (result.resources.length === 0 && result.problems.length === 0 && result.skips.length === 0) {
    skip(result.skips, file, 1, 'no YAML content (only comments or empty documents)');
  }
  return result;
}
