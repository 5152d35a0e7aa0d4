import { parseDocument } from 'yaml';
import type { HighlightTarget, ObjectPath } from '../../src/core/types.js';
import { isObject } from '../../src/model/resource.js';
import { locateInYamlDocument } from '../../src/parse/locate-yaml.js';
import { locateFast, newLocatorCache, type LocatorCache, type Span } from '../../src/parse/locate.js';
import { splitDocuments } from '../../src/parse/text.js';

function* paths(value: unknown, prefix: (string | number)[], budget: { left: number }): Generator<ObjectPath> {
  if (budget.left-- <= 0) return;
  yield prefix;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], [...prefix, i], budget);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) yield* paths(value[key], [...prefix, key], budget);
  }
}

export interface Disagreement {
  document: number;
  path: ObjectPath;
  on: HighlightTarget;
  fast: string;
  yaml: string;
}

export interface DifferentialStats {
  compared: number;
  fastAnswered: number;
  disagreements: Disagreement[];
}

const show = (text: string, span: Span | undefined) => (span ? `${span.start}-${span.end} ${JSON.stringify(text.slice(span.start, span.end))}` : 'none');

/**
 * Compares the fast scanner with the `yaml` library on every path of every document in `text`
 * (up to `maxPathsPerDocument`), wherever the fast scanner gives an answer.
 */
export function compareLocators(text: string, stats: DifferentialStats, maxPathsPerDocument = 400): void {
  splitDocuments(text).forEach((span, documentIndex) => {
    const source = text.slice(span.start, span.end);
    const doc = parseDocument(source, { merge: true, uniqueKeys: false, logLevel: 'silent' });
    if (doc.errors.length > 0) return;
    const value = doc.toJS({ maxAliasCount: -1 });
    // One cache per document, as the engine keeps it, so cached steps are checked too.
    const cache: LocatorCache = newLocatorCache();
    for (const path of paths(value, [], { left: maxPathsPerDocument })) {
      for (const on of ['value', 'key'] as const) {
        stats.compared++;
        const fast = locateFast(text, span.start, span.end, path, on, cache);
        if (!fast) continue;
        stats.fastAnswered++;
        const slow = locateInYamlDocument(text, span.start, doc, path, on);
        const agreed = slow && slow.matched === path.length && slow.span.start === fast.start && slow.span.end === fast.end;
        if (!agreed) stats.disagreements.push({ document: documentIndex, path, on, fast: show(text, fast), yaml: show(text, slow?.span) });
      }
    }
  });
}
