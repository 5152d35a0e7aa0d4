import type { Document, Node as YamlNode } from 'yaml';
import { yamlLibrary } from './lazy-yaml.js';
import type { HighlightTarget, ObjectPath } from '../core/types.js';
import { firstLineEnd, type Span } from './locate.js';

function isBlockCollection(node: unknown): boolean {
  const { isMap, isSeq } = yamlLibrary();
  return (isMap(node) || isSeq(node)) && !node.flow;
}

function firstLine(text: string, offset: number, from: number, to: number): Span {
  return { start: offset + from, end: Math.min(offset + to, firstLineEnd(text, offset + from)) };
}

function isEmptyScalar(node: unknown): boolean {
  const { isScalar } = yamlLibrary();
  return isScalar(node) && node.value === null && (node.source === '' || node.source === undefined);
}

/**
 * The same answer as `locateFast`, from a full `yaml` syntax tree: used where the fast scanner
 * gives up (flow style, JSON, anchors, tags). Walks as far along `path` as the tree goes and
 * returns the span for the deepest node reached, with how many segments were matched.
 */
export function locateInYamlDocument(
  text: string,
  offset: number,
  doc: Document,
  path: ObjectPath,
  on: HighlightTarget = 'value',
): { span: Span; matched: number } | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  let node: unknown = doc.contents;
  const rootRange = (node as YamlNode | null)?.range;
  if (!rootRange) return undefined;
  let span = firstLine(text, offset, rootRange[0], rootRange[1]);
  let matched = 0;
  for (const segment of path) {
    if (typeof segment === 'string') {
      if (!isMap(node)) break;
      let pair: unknown;
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === segment) pair = item;
      }
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) break;
      const keySpan = firstLine(text, offset, pair.key.range[0], pair.key.range[1]);
      const value = pair.value;
      const valueRange = (value as YamlNode | null)?.range;
      if (on === 'key' || value === null || !valueRange || isBlockCollection(value) || isEmptyScalar(value)) span = keySpan;
      else span = firstLine(text, offset, valueRange[0], valueRange[1]);
      node = value;
    } else {
      if (!isSeq(node)) break;
      const item = node.items[segment];
      const range = (item as YamlNode | null | undefined)?.range;
      if (item === undefined || !range) break;
      span = firstLine(text, offset, range[0], isBlockCollection(item) ? Number.MAX_SAFE_INTEGER : range[1]);
      node = item;
    }
    matched++;
  }
  return { span, matched };
}
