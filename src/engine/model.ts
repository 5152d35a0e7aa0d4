import type { DiagnosticId, FindingOrigin, InternalError, ObjectPath, Range, ResourceRef, Skip, Source } from '../core/types.js';
import { ResourceIndex } from '../model/index.js';
import { isObject, readObject, resourceRef, type Resource } from '../model/resource.js';
import { parseSource, type ParsedDocument } from '../parse/parse.js';

/** A problem with the input itself, before severities and messages are applied. */
export interface Diagnostic {
  id: DiagnosticId;
  messageId: string;
  data?: Record<string, string | number>;
  file: string;
  range: Range;
  resource?: ResourceRef;
  path?: ObjectPath;
  origin?: FindingOrigin;
}

/** Everything a run knows about its input, before any rule has looked at it. */
export interface Model {
  fileCount: number;
  /** Files the parser failed on: a bug, kept with its stack for `--debug`. */
  failures: InternalError[];
  resources: Resource[];
  index: ResourceIndex;
  diagnostics: Diagnostic[];
  skips: Skip[];
}

/** Reads a document's objects: the document itself, or each item of a `List`. */
function readDocument(document: ParsedDocument, resources: Resource[], diagnostics: Diagnostic[], skips: Skip[]): Resource[] {
  const { value, locator, origin } = document;
  const found: Resource[] = [];
  const read = (object: Record<string, unknown>, basePath: ObjectPath) => {
    const reading = readObject(object, locator, basePath, origin);
    if (reading.kind === 'resource') {
      found.push(reading.resource);
      resources.push(reading.resource);
    } else if (reading.kind === 'skip') {
      skips.push({ file: locator.file, line: locator.line, reason: reading.reason });
    } else {
      const diagnostic: Diagnostic = {
        id: 'incomplete-resource',
        messageId: 'missing',
        data: { fields: reading.fields.join(', '), kind: reading.objectKind },
        file: locator.file,
        range: locator.rangeOf(reading.path, 'key'),
        path: reading.path,
      };
      if (origin) diagnostic.origin = origin;
      diagnostics.push(diagnostic);
    }
  };
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item: unknown, i) => {
      if (isObject(item)) read(item, ['items', i]);
      else skips.push({ file: locator.file, line: locator.line, reason: `item ${i} of ${kind} is not an object` });
    });
  } else {
    read(value, []);
  }
  return found;
}

/**
 * Parses every source and reads its objects into resources, indexed for cross-resource rules.
 * Pure: the same sources always give the same model, and no rule runs, so commands that compare
 * inputs (drift) build models without linting them.
 */
export function buildModel(sources: readonly Source[]): Model {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  const skips: Skip[] = [];
  const failures: InternalError[] = [];
  for (const source of sources) {
    // The last safety net: whatever one file does to the parser, the others are still read.
    const before = { resources: resources.length, diagnostics: diagnostics.length, skips: skips.length };
    try {
      readSource(source, resources, diagnostics, skips);
    } catch (error) {
      resources.length = before.resources;
      diagnostics.length = before.diagnostics;
      skips.length = before.skips;
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      diagnostics.push({ id: 'internal-error', messageId: 'failed', data: { detail }, file: source.path, range: { line: 1, column: 1, endLine: 1, endColumn: 2 } });
      failures.push(error instanceof Error && error.stack ? { message: `reading ${source.path} failed: ${detail}`, stack: error.stack } : { message: `reading ${source.path} failed: ${detail}` });
    }
  }
  return { fileCount: sources.length, failures, resources, index: new ResourceIndex(resources), diagnostics, skips };
}

function readSource(source: Source, resources: Resource[], diagnostics: Diagnostic[], skips: Skip[]): void {
  const parsed = parseSource(source);
  const skipped = [...parsed.skips];
  const resourcesOf = new Map<ParsedDocument, Resource[]>();
  for (const document of parsed.documents) resourcesOf.set(document, readDocument(document, resources, diagnostics, skipped));
  // The parser's skips and the model's interleave: keep them in the order of the file.
  skipped.sort((a, b) => a.line - b.line);
  for (const skip of skipped) skips.push(skip);
  for (const found of parsed.diagnostics) {
    const diagnostic: Diagnostic = { id: found.id, messageId: found.messageId, file: found.file, range: found.range };
    if (found.data) diagnostic.data = found.data;
    if (found.origin) diagnostic.origin = found.origin;
    // A problem in a document that still became one resource is about that resource.
    const owners = found.document ? resourcesOf.get(found.document) : undefined;
    if (owners?.length === 1) diagnostic.resource = resourceRef(owners[0]!);
    diagnostics.push(diagnostic);
  }
}
