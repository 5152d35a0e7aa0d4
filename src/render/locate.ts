import path from 'node:path';
import jsyaml from 'js-yaml';
import type { DocumentLocator, Finding, HighlightTarget, LintResult, ObjectPath, Range, RelatedLocation, ResourceRef, Source } from '../core/types.js';
import { helmSource, positionText } from '../parse/parse.js';
import { YamlDocumentLocator, type SourceFile } from '../parse/positions.js';
import { LineIndex, splitDocuments, type DocumentSpan } from '../parse/text.js';
import { FileCache } from './files.js';
import { chooseDocument, documentStart, locateInTemplate, locateRenderedLine, scanTemplate, type HelmTemplate } from './helm-template-locator.js';
import { locateKustomized } from './kustomize-locator.js';

/**
 * Moves findings on rendered charts and overlays to the files an author edits: a finding on
 * `helm template` output goes to the template (`# Source:`) and the line of its key there; one
 * on `kustomize build` output goes to the resource file its origin annotation names, or to the
 * patch that set the field. The rendered place is kept as a related location, so nothing is lost
 * where the template line is only the nearest one written literally.
 */

/** The messages of the related location that keeps a finding's place in the rendered output. */
export const RENDERED_LOCATION_MESSAGE = {
  helm: 'as rendered by helm template',
  kustomize: 'as rendered by kustomize build',
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A document of the rendered text, read only when a finding is in it. */
interface RenderedDocument {
  value: Json;
  locator: DocumentLocator;
}

/**
 * One chart's or overlay's rendered text. Rendered output can be megabytes with findings in a few
 * of its documents, so it is split at document markers (a line scan) and only the documents that
 * hold findings are parsed, once each.
 */
class RenderedInput {
  private lines: string[] | undefined;
  private readonly text: string;
  private readonly spans: DocumentSpan[];
  private readonly file: SourceFile;
  private readonly parsed = new Map<number, RenderedDocument | undefined>();
  private readonly heads = new Map<number, string | undefined>();
  private ordinals: number[] | undefined;

  constructor(
    readonly source: Source,
    readonly renderer: 'helm' | 'kustomize',
    /** Absolute directory of the chart or overlay. */
    readonly dir: string,
  ) {
    this.text = positionText(source.text);
    this.spans = splitDocuments(this.text);
    let index: LineIndex | undefined;
    const text = this.text;
    this.file = { path: source.path, text, lineIndex: () => (index ??= new LineIndex(text)) };
  }

  /** The document holding a 1-based line. */
  indexAt(line: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.spans[mid]!.line <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Helm's `# Source:` above the document's content. */
  template(index: number): string | undefined {
    if (!this.heads.has(index)) {
      const span = this.spans[index];
      let found: string | undefined;
      for (let at = span?.start ?? 0; span && at < span.end; ) {
        const newline = this.text.indexOf('\n', at);
        const end = newline === -1 || newline > span.end ? span.end : newline;
        const content = this.text.slice(at, end).trim();
        const named = helmSource(content);
        if (named !== undefined) found = named;
        else if (content !== '' && !content.startsWith('#') && !content.startsWith('---')) break;
        at = end + 1;
      }
      this.heads.set(index, found);
    }
    return this.heads.get(index);
  }

  /** The text of a 1-based line. */
  line(line: number): string {
    this.lines ??= this.text.split('\n');
    return this.lines[line - 1] ?? '';
  }

  /** The document's object, with the locator plain files get, or undefined when it is not an object that parses. */
  document(index: number): RenderedDocument | undefined {
    if (!this.parsed.has(index)) {
      const span = this.spans[index];
      let document: RenderedDocument | undefined;
      if (span) {
        try {
          // As the project's parser reads a repeated key: the last one wins (`json`), rather than failing the document.
          const value = jsyaml.load(this.text.slice(span.start, span.end), { schema: jsyaml.CORE_SCHEMA, json: true });
          if (isObject(value)) document = { value, locator: new YamlDocumentLocator(this.file, span, span.line, value, undefined) };
        } catch {
          document = undefined;
        }
      }
      this.parsed.set(index, document);
    }
    return this.parsed.get(index);
  }

  /**
   * The document's position among the documents of its kind from the same template (Helm) or
   * resource file (Kustomize), read from each document's `kind:` line and origin without parsing.
   */
  ordinal(index: number): number {
    if (!this.ordinals) {
      const counts = new Map<string, number>();
      this.ordinals = this.spans.map((span, i) => {
        const body = this.text.slice(span.start, span.end);
        const kind = /^kind:[ \t]*["']?([^\s"'#]+)/m.exec(body)?.[1] ?? '';
        const group = this.renderer === 'helm' ? this.template(i) : /config\.kubernetes\.io\/origin:[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+path:[ \t]*([^\n]+)/.exec(body)?.[1]?.trim();
        const key = `${group ?? ''}\u0000${kind}`;
        const ordinal = counts.get(key) ?? 0;
        counts.set(key, ordinal + 1);
        return ordinal;
      });
    }
    return this.ordinals[index] ?? 0;
  }
}

/** The object a finding is about inside its document (an item of a `List`, or the document itself), and the path to it. */
function objectIn(document: RenderedDocument, resource: ResourceRef | undefined): { object: Json; base: ObjectPath } {
  const { value } = document;
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) && resource) {
    const index = value.items.findIndex((item: unknown) => isObject(item) && item.kind === resource.kind && isObject(item.metadata) && item.metadata.name === resource.name);
    if (index !== -1) return { object: value.items[index] as Json, base: ['items', index] };
  }
  return { object: value, base: [] };
}

function sameRange(a: Range, b: Range): boolean {
  return a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** What is being moved: a finding's own location, or one of its related locations. */
interface Located {
  range: Range;
  path?: ObjectPath;
  resource?: ResourceRef;
  origin?: { file: string };
}

/** Where a rendered object's template is, and which of its documents wrote the object. */
interface HelmDocument {
  /** Helm's name for the template (`shop/templates/deployment.yaml`). */
  name: string;
  /** Absolute path of the template. */
  file: string;
  template: HelmTemplate;
  chosen: number;
  object?: Json;
}

interface Placement {
  /** Absolute path. */
  file: string;
  range: Range;
  /** For `finding.origin`: Helm's name for the template, or the file shown. */
  originFile?: string;
}

class Relocator {
  private readonly files = new FileCache();
  private readonly inputs = new Map<string, { source: Source; renderer: 'helm' | 'kustomize'; dir: string }>();
  private readonly read = new Map<string, RenderedInput>();
  private readonly displayed = new Map<string, string>();
  private readonly templates = new Map<string, HelmTemplate | undefined>();
  /** Per rendered document (and object, for a `List`): its template and the template document it came from. */
  private readonly helmDocuments = new Map<RenderedInput, Map<string, HelmDocument | undefined>>();

  constructor(
    rendered: readonly Source[],
    private readonly cwd: string,
  ) {
    for (const source of rendered) {
      const { origin } = source;
      if (origin?.kind !== 'rendered') continue;
      this.inputs.set(source.path, { source, renderer: origin.renderer, dir: path.resolve(cwd, origin.input) });
    }
  }

  get empty(): boolean {
    return this.inputs.size === 0;
  }

  private rendered(file: string): RenderedInput | undefined {
    const input = this.inputs.get(file);
    if (!input) return undefined;
    let read = this.read.get(file);
    if (!read) this.read.set(file, (read = new RenderedInput(input.source, input.renderer, input.dir)));
    return read;
  }

  /** As the user would type the path from the working directory (`../` included; absolute only across roots). */
  display(file: string): string {
    let shown = this.displayed.get(file);
    if (shown === undefined) {
      const relative = path.relative(this.cwd, file);
      shown = relative === '' ? '.' : path.isAbsolute(relative) ? file : relative;
      this.displayed.set(file, shown);
    }
    return shown;
  }

  private template(file: string): HelmTemplate | undefined {
    if (!this.templates.has(file)) {
      const text = this.files.isFile(file) ? this.files.text(file) : undefined;
      this.templates.set(file, text === undefined ? undefined : scanTemplate(text));
    }
    return this.templates.get(file);
  }

  /** Every finding on one rendered object comes from the same template document: found once. */
  private helmDocument(input: RenderedInput, index: number, located: Located): HelmDocument | undefined {
    let known = this.helmDocuments.get(input);
    if (!known) this.helmDocuments.set(input, (known = new Map()));
    const key = `${index}\u0000${located.resource?.kind ?? ''}\u0000${located.resource?.name ?? ''}`;
    if (known.has(key)) return known.get(key);
    const found = this.findHelmDocument(input, index, located);
    known.set(key, found);
    return found;
  }

  private findHelmDocument(input: RenderedInput, index: number, located: Located): HelmDocument | undefined {
    const name = input.template(index) ?? located.origin?.file;
    if (name === undefined) return undefined;
    // `# Source: <chart>/templates/x.yaml` or `<chart>/charts/<sub>/templates/x.yaml`: below the chart's own name, a path in its folder.
    const inChart = name.split('/').slice(1);
    if (inChart.length === 0 || inChart.includes('..')) return undefined;
    const file = path.join(input.dir, ...inChart);
    const template = this.template(file);
    if (!template) return undefined;
    const document = input.document(index);
    const object = document ? objectIn(document, located.resource).object : undefined;
    const kind = located.resource?.kind ?? (typeof object?.kind === 'string' ? object.kind : undefined);
    const objectName = located.resource?.name ?? (isObject(object?.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : undefined);
    const chosen = template.documents.length <= 1 ? 0 : chooseDocument(template, { ...(kind !== undefined ? { kind } : {}), ...(objectName !== undefined ? { name: objectName } : {}), ordinal: input.ordinal(index) });
    return object ? { name, file, template, chosen, object } : { name, file, template, chosen };
  }

  private placeHelm(input: RenderedInput, index: number, located: Located): Placement | undefined {
    const found = this.helmDocument(input, index, located);
    if (!found) return undefined;
    const { template, chosen, object } = found;
    let range: Range;
    if (located.path !== undefined && object !== undefined) {
      range = locateInTemplate(template, chosen, located.path, object).range;
    } else {
      const line = input.line(located.range.line);
      range = locateRenderedLine(template, chosen, line, located.range.column) ?? documentStart(template, chosen);
    }
    return { file: found.file, range, originFile: found.name };
  }

  private placeKustomize(input: RenderedInput, index: number, located: Located): Placement | undefined {
    const document = input.document(index);
    if (!document) return undefined;
    const { object, base } = objectIn(document, located.resource);
    const objectPath = located.path ?? [];
    // Whether the rule highlighted the key or the value, read back from the rendered range.
    const on: HighlightTarget = located.path !== undefined && sameRange(document.locator.rangeOf([...base, ...objectPath], 'key'), located.range) ? 'key' : 'value';
    const placed = locateKustomized(this.files, input.dir, object, objectPath, on, () => input.ordinal(index));
    return placed && { file: placed.file, range: placed.range };
  }

  place(file: string, located: Located): (Placement & { input: RenderedInput }) | undefined {
    const input = this.rendered(file);
    if (!input) return undefined;
    const index = input.indexAt(located.range.line);
    const placed = input.renderer === 'helm' ? this.placeHelm(input, index, located) : this.placeKustomize(input, index, located);
    return placed && { ...placed, input };
  }

  relocate(finding: Finding): Finding {
    const related = finding.related?.map((location) => this.relocateRelated(location));
    const placed = this.place(finding.file, finding);
    if (!placed) return related && related.some((location, i) => location !== finding.related![i]) ? { ...finding, related } : finding;
    const environment = placed.input.source.origin?.kind === 'rendered' ? placed.input.source.origin.environment : undefined;
    // Two environments' renderings can put a finding on the same template line: the message tells them apart.
    const message = environment === undefined ? RENDERED_LOCATION_MESSAGE[placed.input.renderer] : `${RENDERED_LOCATION_MESSAGE[placed.input.renderer]} for ${environment}`;
    const rendered: RelatedLocation = { file: finding.file, range: finding.range, message };
    if (finding.resource) rendered.resource = finding.resource;
    if (finding.path) rendered.path = finding.path;
    const file = this.display(placed.file);
    const moved: Finding = {
      ...finding,
      file,
      range: placed.range,
      origin: { file: placed.originFile ?? file, line: placed.range.line },
      related: [...(related ?? []), rendered],
    };
    // Edits of the rendered text cannot be applied to the template or the resource file.
    if (moved.fix && moved.fix.file === finding.file) delete moved.fix;
    return moved;
  }

  /** A related location in rendered output (the other object of a cross-resource check) moves the same way; its message stays. */
  private relocateRelated(location: RelatedLocation): RelatedLocation {
    if (!location.resource || location.path === undefined) return location;
    const placed = this.place(location.file, location);
    return placed ? { ...location, file: this.display(placed.file), range: placed.range } : location;
  }
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.line - b.range.line || a.range.column - b.range.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * The result with every finding on a rendered source (`rendered`: the sources of charts and
 * overlays) placed on the template, resource file or patch it came from, keeping the rendered
 * place as a related location. Findings that cannot be placed (a subchart packed as a `.tgz`, a
 * remote base) stay where they are. Each file is read and parsed once per call.
 */
export function relocateFindings(result: LintResult, rendered: readonly Source[], cwd: string): LintResult {
  const relocator = new Relocator(rendered, cwd);
  if (relocator.empty) return result;
  const findings = result.findings.map((finding) => relocator.relocate(finding));
  if (findings.every((finding, i) => finding === result.findings[i])) return result;
  return { ...result, findings: findings.sort(compareFindings) };
}
