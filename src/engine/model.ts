import type { DiagnosticId, FindingOrigin, InternalError, ObjectPath, Range, ResourceRef, Skip, Source } from '../core/types.js';
import { ResourceIndex, type IndexOptions } from '../model/index.js';
import { isObject, readObject, resourceRef, type Resource } from '../model/resource.js';
import { parseDocuments, type ParsedDocument, type ParsedPiece } from '../parse/parse.js';

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
function readDocument(document: ParsedDocument, resources: Resource[], diagnostics: Diagnostic[], skips: Skip[]): void {
  const { value, locator, origin } = document;
  const read = (object: Record<string, unknown>, basePath: ObjectPath) => {
    const reading = readObject(object, locator, basePath, origin);
    if (reading.kind === 'resource') {
      resources.push(reading.resource);
      if (reading.missingName) {
        // About the resource, which is linted all the same: the report names it `<unnamed Kind>`
        // beside its other findings, and an annotation on it can silence this one too.
        const { resource } = reading;
        const diagnostic: Diagnostic = {
          id: 'incomplete-resource',
          messageId: 'missing',
          data: { fields: 'metadata.name', kind: resource.kind },
          file: locator.file,
          range: locator.rangeOf([...basePath, ...reading.missingName.path], 'key'),
          resource: resourceRef(resource),
          path: reading.missingName.path,
        };
        if (resource.origin) diagnostic.origin = resource.origin;
        diagnostics.push(diagnostic);
      }
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
}

/** One document's share of a model: what a run that lints as it reads holds at a time. */
export interface ModelPiece {
  resources: Resource[];
  diagnostics: Diagnostic[];
  skips: Skip[];
  /** Set when reading the source failed here: a bug, kept with its stack for `--debug`. */
  failure?: InternalError;
}

/**
 * Reads a source a document at a time into resources, input problems and skips. The last safety
 * net is here: whatever one file does to the parser, it ends as a finding on that file (and an
 * internal error, so the run exits 2), what was read before it stands, and the next file is read.
 */
export function* readSource(source: Source): Generator<ModelPiece> {
  let pieces: Iterator<ParsedPiece> | undefined;
  for (;;) {
    let next: IteratorResult<ParsedPiece>;
    try {
      pieces ??= parseDocuments(source);
      next = pieces.next();
      if (next.done) return;
    } catch (error) {
      yield failedPiece(source, error);
      return;
    }
    const piece: ModelPiece = { resources: [], diagnostics: [], skips: [...next.value.skips] };
    const { document } = next.value;
    if (document) readDocument(document, piece.resources, piece.diagnostics, piece.skips);
    for (const found of next.value.diagnostics) {
      const diagnostic: Diagnostic = { id: found.id, messageId: found.messageId, file: found.file, range: found.range };
      if (found.data) diagnostic.data = found.data;
      if (found.origin) diagnostic.origin = found.origin;
      // A problem in a document that still became one resource is about that resource.
      if (found.document === document && piece.resources.length === 1) diagnostic.resource = resourceRef(piece.resources[0]!);
      piece.diagnostics.push(diagnostic);
    }
    yield piece;
  }
}

function failedPiece(source: Source, error: unknown): ModelPiece {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const message = `reading ${source.path} failed: ${detail}`;
  return {
    resources: [],
    diagnostics: [{ id: 'internal-error', messageId: 'failed', data: { detail }, file: source.path, range: { line: 1, column: 1, endLine: 1, endColumn: 2 } }],
    skips: [],
    failure: error instanceof Error && error.stack ? { message, stack: error.stack } : { message },
  };
}

/**
 * Parses every source and reads its objects into resources, indexed for cross-resource rules.
 * Pure: the same sources always give the same model, and no rule runs, so commands that compare
 * inputs (drift) build models without linting them.
 */
export function buildModel(sources: Iterable<Source>, world?: IndexOptions): Model {
  let fileCount = 0;
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  const skips: Skip[] = [];
  const failures: InternalError[] = [];
  for (const source of sources) {
    fileCount++;
    for (const piece of readSource(source)) {
      for (const resource of piece.resources) resources.push(resource);
      for (const diagnostic of piece.diagnostics) diagnostics.push(diagnostic);
      for (const skip of piece.skips) skips.push(skip);
      if (piece.failure) failures.push(piece.failure);
    }
  }
  // An object kubegate could not read may be the very one a reference names, so a set with an
  // unreadable document is not known to be whole: nothing in it is reported missing or unused. An
  // object missing only its name was read (its incomplete-resource finding names it), and a
  // reference cannot name it, so it leaves the set whole.
  const unread = failures.length > 0 || diagnostics.some((diagnostic) => UNREADABLE.has(diagnostic.id) && !(diagnostic.id === 'incomplete-resource' && diagnostic.resource));
  const index = new ResourceIndex(resources, unread ? { ...world, complete: false } : world);
  return { fileCount, failures, resources, index, diagnostics, skips };
}

/** Input problems that leave a document's objects out of the model. */
const UNREADABLE: ReadonlySet<DiagnosticId> = new Set(['yaml-syntax-error', 'unrendered-template', 'invalid-encoding', 'incomplete-resource', 'file-too-large', 'internal-error']);
