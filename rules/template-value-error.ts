import { formatPath } from '../src/core/format.js';
import type { DocumentLocator, ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { templateErrorIn, type TemplateError } from '../src/model/template-errors.js';

/** Nodes (collections and strings) read per object, and characters scanned: enough for any real object. */
const MAX_NODES = 200_000;
const MAX_CHARACTERS = 32 * 1024 * 1024;
const MAX_DEPTH = 64;

/** `<no value>` (its space perhaps folded from a line break) or `<nil>`, as written. */
function writtenMarker(text: string): boolean {
  for (let at = text.indexOf('<n'); at !== -1; at = text.indexOf('<n', at + 2)) {
    if (text.startsWith('il>', at + 2) || (text.charCodeAt(at + 2) === 0x6f && /\s/.test(text.charAt(at + 3)))) return true;
  }
  return false;
}
/** An escape or an escaped line break in a double-quoted string, which could spell a marker. */
const ESCAPE = /\\[xuU]|\\\r?$/m;

/**
 * Whether a document's text can hold a marker in one of its strings, so that most documents are
 * ruled out by a search of their text instead of a walk of every string (substring searches, which
 * cost a fraction of one regular expression's scan of the same text). A marker is looked for
 * as written (`<no value>` also with its space folded from a line break); a printed map counts
 * only as a whole one-line value, so only where `map[` can start a value; and any escape or escaped
 * line break in a double-quoted string might spell a marker (`\u003cnil\u003e` is how Go's JSON
 * encoder writes `<nil>`). Descriptions in custom resource definitions say `<namespace>/<name>`
 * and `map[string]string` often, so the search must be this narrow to rule them out.
 */
function mayHoldMarker(text: string): boolean {
  if (text.includes('%!') || writtenMarker(text) || (text.includes('\\') && ESCAPE.test(text))) return true;
  for (let at = text.indexOf('map['); at !== -1; at = text.indexOf('map[', at + 4)) {
    let before = at - 1;
    while (text[before] === ' ' || text[before] === '\t') before--;
    if (before < 0 || '\n:-[,{"\''.includes(text[before]!)) return true;
    // A tag or an anchor may stand between a key and its value: `key: !!str map[a:b]`.
    let word = before;
    while (word > 0 && !' \t\n'.includes(text[word - 1]!)) word--;
    if (text[word] === '!' || text[word] === '&') return true;
  }
  return false;
}

/** Per document: the items of a List share one, and searching it once per item would be quadratic. */
const searched = new WeakMap<DocumentLocator, boolean>();
function documentMayHoldMarker(document: DocumentLocator): boolean {
  let verdict = searched.get(document);
  if (verdict === undefined) {
    const text = document.text?.();
    verdict = text === undefined || mayHoldMarker(text);
    searched.set(document, verdict);
  }
  return verdict;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Fields whose strings are not settings a template wrote: base64 (which cannot hold these
 * markers, and is not worth scanning), and kubectl's copy of the object, whose errors are already
 * reported where the object itself holds them.
 */
function skipped(groupKind: string, path: ObjectPath): boolean {
  if (path.length === 1) return (groupKind === 'Secret' && path[0] === 'data') || (groupKind === 'ConfigMap' && path[0] === 'binaryData');
  if (path.length === 2 && path[0] === 'metadata') return path[1] === 'managedFields';
  return path.length === 3 && path[0] === 'metadata' && path[1] === 'annotations' && path[2] === LAST_APPLIED;
}

/**
 * A Secret's values are not quoted into reports (CI logs, SARIF uploads): the excerpt would show
 * the rest of a connection string, and a fmt error shows its argument (`%!d(string=<password>)`).
 */
function redacted(error: TemplateError): TemplateError {
  return { kind: error.kind, found: error.found.replace(/=[^,)]*/g, '=…'), excerpt: 'a Secret value, not shown' };
}

export default createRule({
  meta: {
    id: 'template-value-error',
    category: 'templates',
    severity: 'error',
    precision: 'very-high',
    description: 'A value holds what a Go template prints when it went wrong: `<no value>`, `%!s(<nil>)` and other fmt errors, `<nil>`, `map[…]`.',
    rationale:
      'Go templates do not fail on a missing or null value: they print a marker and carry on, and the object is applied with the marker as its setting. `printf "%s:%d" .host .port` with no host renders `%!s(<nil>):5432`, a connection string the app cannot use (the prometheus-community pgbouncer exporter chart does exactly this with its default values); `toString` of a null renders `<nil>`; printing a map instead of serializing it renders `map[key:value]`; renderers other than Helm leave `<no value>` for a missing key. The app starts with a host, password or URL that is literally this text and fails at runtime, far from the template that caused it.',
    remediation:
      'Set the value the template reads (in the values file or with `--set`), or make the template fail when it is missing (`required "… is required" .Values.x`) or fall back to a default (`default`). Serialize maps with `toYaml` or `toJson`, and check the arguments of `printf` against its format.',
    messages: {
      formatError: '{{path}} holds `{{found}}` ("{{excerpt}}"): Go\'s fmt printed an error instead of a value, because the template called printf with a nil, missing, extra or mistyped argument. Set the value it formats, or fix the format.',
      noValue: '{{path}} holds `<no value>` ("{{excerpt}}"): a Go template printed it for a key missing from its values. Set the value, or make the template require it.',
      nilValue: '{{path}} holds `<nil>` ("{{excerpt}}"): a template turned a null value into text. Set the value, or make the template require it or fall back to a default.',
      goMap: '{{path}} is `{{found}}`: a template printed a map in Go\'s own format instead of serializing it. Use toYaml or toJson, or pick the field the setting needs.',
    },
    appliesTo: '*',
  },
  check(resource, context) {
    if (!documentMayHoldMarker(resource.document)) return;
    const found: { path: ObjectPath; error: TemplateError; multiline: boolean }[] = [];
    // An alias makes one collection appear many times (billions, in an alias bomb): each is read
    // once, and reported at the first place it appears. The set lives for one check only, so a
    // plain Set (cheaper than a WeakSet) holds nothing longer than the WeakSet would.
    const seen = new Set<object>();
    const { groupKind } = resource;
    let nodes = 0;
    let characters = 0;
    const path: (string | number)[] = [];
    const visit = (value: unknown): void => {
      if (++nodes > MAX_NODES) return;
      if (typeof value === 'string') {
        characters += value.length;
        if (characters > MAX_CHARACTERS) return;
        const error = templateErrorIn(value);
        if (error) found.push({ path: [...path], error, multiline: value.includes('\n') });
        return;
      }
      if (typeof value !== 'object' || value === null || seen.has(value) || path.length >= MAX_DEPTH) return;
      seen.add(value);
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length && nodes <= MAX_NODES; index++) {
          path.push(index);
          visit(value[index]);
          path.pop();
        }
      } else {
        // Keys alone: Object.entries would allocate a pair for every property of every object.
        const object = value as Record<string, unknown>;
        const keys = Object.keys(object);
        for (let index = 0; index < keys.length && nodes <= MAX_NODES; index++) {
          const key = keys[index]!;
          path.push(key);
          // Only the first three levels hold skipped fields.
          if (path.length > 3 || !skipped(groupKind, path)) visit(object[key]);
          path.pop();
        }
      }
    };
    visit(resource.object);
    const secret = resource.groupKind === 'Secret';
    for (const { path: at, error: raw, multiline } of found) {
      const error = secret ? redacted(raw) : raw;
      // A file kept in a value spans many lines, with the error on one of them: the key names the
      // file, and the message quotes the line.
      context.report({ messageId: error.kind, data: { path: formatPath(at), found: error.found, excerpt: error.excerpt }, path: at, ...(multiline ? { on: 'key' as const } : {}) });
    }
  },
});
