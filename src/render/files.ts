import { readFileSync, statSync, type Stats } from 'node:fs';
import jsyaml from 'js-yaml';
import type { DocumentLocator } from '../core/types.js';
import { parseSource, positionText } from '../parse/parse.js';
import { YamlDocumentLocator } from '../parse/positions.js';
import { LineIndex, splitDocuments } from '../parse/text.js';

/** A document of a file read to place findings: its value and the locator plain files use. */
export interface YamlDocument {
  value: unknown;
  locator: DocumentLocator;
}

/**
 * Templates, resource files, patches and kustomizations are far smaller than this; a file beyond
 * it is not worth reading to move a finding (the finding stays on the rendered output).
 */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Every file one relocation pass reads, each read and parsed once: the findings of one chart
 * share a handful of templates, and every object of an overlay shares its kustomizations.
 */
export class FileCache {
  private readonly stats = new Map<string, Stats | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly documents = new Map<string, YamlDocument[] | undefined>();
  private readonly memos = new Map<string, unknown>();

  private stat(file: string): Stats | undefined {
    if (!this.stats.has(file)) {
      let stats: Stats | undefined;
      try {
        stats = statSync(file);
      } catch {
        stats = undefined;
      }
      this.stats.set(file, stats);
    }
    return this.stats.get(file);
  }

  isFile(file: string): boolean {
    return this.stat(file)?.isFile() ?? false;
  }

  isDirectory(file: string): boolean {
    return this.stat(file)?.isDirectory() ?? false;
  }

  text(file: string): string | undefined {
    if (!this.texts.has(file)) {
      const stats = this.stat(file);
      let text: string | undefined;
      if (stats?.isFile() && stats.size <= MAX_BYTES) {
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          text = undefined;
        }
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file);
  }

  lines(file: string): string[] {
    return this.memo(`lines:${file}`, () => positionText(this.text(file) ?? '').split(/\r?\n/));
  }

  /**
   * The file's documents, read by the project's parser (so positions are those of the file linted
   * on its own). A file whose root is a list (a JSON 6902 patch) is read into locators directly,
   * since the parser keeps only objects.
   */
  yaml(file: string): YamlDocument[] | undefined {
    if (!this.documents.has(file)) {
      const text = this.text(file);
      let documents: YamlDocument[] | undefined;
      if (text !== undefined) {
        documents = /^\s*(?:#.*\n\s*)*(?:---\s*\n\s*)?[-[]/.test(text)
          ? readDocuments(file, text)
          : parseSource({ path: file, text }).documents.map(({ value, locator }) => ({ value, locator }));
      }
      this.documents.set(file, documents);
    }
    return this.documents.get(file);
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }
}

/** Documents of any shape (lists included) with the same locator the parser gives objects. */
export function readDocuments(file: string, source: string): YamlDocument[] {
  const text = positionText(source);
  let index: LineIndex | undefined;
  const sourceFile = { path: file, text, lineIndex: () => (index ??= new LineIndex(text)) };
  const documents: YamlDocument[] = [];
  for (const span of splitDocuments(text)) {
    let value: unknown;
    try {
      value = jsyaml.load(text.slice(span.start, span.end));
    } catch {
      continue;
    }
    if (value === null || value === undefined) continue;
    documents.push({ value, locator: new YamlDocumentLocator(sourceFile, span, span.line, value, undefined) });
  }
  return documents;
}
