/**
 * Text that a Go template (Helm, helmfile, any renderer built on text/template) prints when it
 * went wrong but did not fail: `<no value>` for a key missing from its data, `%!s(<nil>)` and the
 * other fmt error forms when `printf` got a nil, missing, extra or mistyped argument, `<nil>` when
 * a null was turned into a string, `map[a:b]` when a map was printed instead of serialized.
 *
 * Shared because two rules need the same answer: template-value-error reports these wherever they
 * are, and image-empty leaves an image holding one to it, so that one broken image is reported
 * once, for its cause.
 */
export type TemplateErrorKind = 'noValue' | 'formatError' | 'nilValue' | 'goMap';

export interface TemplateError {
  kind: TemplateErrorKind;
  /** The offending text itself, cut to a readable length: `%!s(<nil>)`, `<no value>`. */
  found: string;
  /** The value, or for text of several lines the line holding the error, cut around it. */
  excerpt: string;
}

/**
 * `%!verb(…)` (a nil, missing or mistyped argument, or a panicking String method) and
 * `%!(EXTRA …)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!(NOVERB)`, `%!(BADINDEX)`: every error form
 * of Go's fmt package.
 */
const FORMAT_ERROR = /%!(?:[A-Za-z]\(|\((?:EXTRA |BADWIDTH\)|BADPREC\)|NOVERB\)|BADINDEX\)))/g;
// Go prints a map as `map[]` or `map[key:value key:value]`; `map[k]` (an index, in Lua or Go
// code kept as data) has no colon.
const GO_MAP = /^map\[(?:\]$|[^\s:[\]]+:.*\]$)/;
/** `%!` starts every fmt error, `<n` both `<no value>` and `<nil>`, `map[` a printed map. */
const MARKERS = /%!|<n|map\[/;
const NO_VALUE = '<no value>';
const NIL = '<nil>';
const MAX_FOUND = 60;
const MAX_EXCERPT = 80;

/**
 * Whether `index` falls inside a `{{ … }}` action on its line: a Go template kept as data (an
 * Alertmanager or Grafana template in a ConfigMap) may compare against `"<no value>"` or print
 * with `printf`, which is its own code, not a rendering error.
 */
function insideAction(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const open = text.lastIndexOf('{{', index);
  return open >= lineStart && open > text.lastIndexOf('}}', index);
}

/** From `index`, through the parenthesis the error opens, within MAX_FOUND characters. */
function formatErrorAt(text: string, index: number): string {
  let depth = 0;
  for (let i = index; i < text.length && i - index < MAX_FOUND; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return text.slice(index, i + 1);
    else if (char === '\n') break;
  }
  return `${text.slice(index, Math.min(index + MAX_FOUND - 1, text.length)).split('\n')[0]}…`;
}

/** The line holding `index`, cut to MAX_EXCERPT characters around what was found. */
function excerptAt(text: string, index: number, length: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const newline = text.indexOf('\n', index);
  const end = newline === -1 ? text.length : newline;
  const line = text.slice(start, end);
  if (line.length <= MAX_EXCERPT) return line.trim();
  const at = index - start;
  const from = Math.max(0, Math.min(at - Math.floor((MAX_EXCERPT - length) / 2), line.length - MAX_EXCERPT));
  const to = from + MAX_EXCERPT;
  return `${from > 0 ? '…' : ''}${line.slice(from, to).trim()}${to < line.length ? '…' : ''}`;
}

function firstOutsideActions(text: string, needle: string): number {
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) {
    if (!insideAction(text, index)) return index;
  }
  return -1;
}

/** The first template error in a string value, or undefined. Linear in the length of the text. */
export function templateErrorIn(text: string): TemplateError | undefined {
  // Every form below holds one of these markers: template-value-error asks about every string of
  // every object, and nearly none holds any, so they are turned away after one scan.
  if (!MARKERS.test(text)) return undefined;
  if (text.includes('%!')) {
    FORMAT_ERROR.lastIndex = 0;
    for (let match = FORMAT_ERROR.exec(text); match; match = FORMAT_ERROR.exec(text)) {
      if (insideAction(text, match.index)) continue;
      const found = formatErrorAt(text, match.index);
      return { kind: 'formatError', found, excerpt: excerptAt(text, match.index, found.length) };
    }
  }
  if (text.includes(NO_VALUE)) {
    const index = firstOutsideActions(text, NO_VALUE);
    if (index !== -1) return { kind: 'noValue', found: NO_VALUE, excerpt: excerptAt(text, index, NO_VALUE.length) };
  }
  // In a file kept as data (a config, a script, Go source), `<nil>` and `map[…]` can be what the
  // file means; in a one-line setting they are a null or a map a template turned into text.
  if (text.includes('\n')) return undefined;
  if (text.includes(NIL)) {
    const index = firstOutsideActions(text, NIL);
    if (index !== -1) return { kind: 'nilValue', found: NIL, excerpt: excerptAt(text, index, NIL.length) };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('map[') && GO_MAP.test(trimmed)) {
    const found = trimmed.length > MAX_FOUND ? `${trimmed.slice(0, MAX_FOUND - 1)}…` : trimmed;
    return { kind: 'goMap', found, excerpt: excerptAt(text, text.indexOf(trimmed), trimmed.length) };
  }
  return undefined;
}
