/**
 * Hostile inputs for kubegate's promise: no input crashes a run, every finding's range lies inside
 * its file, and no input takes unbounded time. The fast-check arbitraries here feed both the
 * property tests (test/property.test.ts, a small budget) and the long fuzz run (bench/fuzz.ts,
 * `npm run fuzz`); `checkInput` is the one oracle both use.
 *
 * Seeds are our own manifests only (fixtures/ and docs/examples/), read from the package root.
 * This module is compiled into dist/bench, so it must not import vitest.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { rules } from '../rules/index.js';
import type { Range, Source } from '../src/core/types.js';
import { lint } from '../src/engine/lint.js';
import { decodeSource } from '../src/load/decode.js';

// ---------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------

/** A case is text (linted as a source as is) or raw bytes (decoded as the loader decodes a file). */
export type FuzzInput = string | Uint8Array;

/** A generated case: the input and a short human description of how it was made. */
export interface FuzzCase {
  label: string;
  input: FuzzInput;
}

export type FailureKind = 'crash' | 'internal-error' | 'out-of-range' | 'hang';

export type CheckResult =
  | { ok: true; ms: number }
  | {
      ok: false;
      kind: FailureKind;
      /** What went wrong, for a person: the error message and the top of its stack, or the bad range. */
      reason: string;
      /** The same failure with positions and names left out, to group repeats of one bug. */
      signature: string;
      ms: number;
    };

export interface CheckOptions {
  /** A case slower than this is a `hang` failure. */
  budgetMs?: number;
  /** The name the input is linted under. */
  path?: string;
}

export const DEFAULT_BUDGET_MS = 2_000;
export const FUZZ_PATH = 'fuzz.yaml';

const lenientDecoder = new TextDecoder('utf-8');

/**
 * Where lines end, as the parser counts them (src/parse/parse.ts, makeSourceFile): at LF, at CRLF
 * (one line end), and at a lone CR, which YAML and editors also break lines at. Nothing else
 * (U+2028, NEL) ends a line in YAML 1.2.
 */
export const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The file's text as positions are counted in it: a leading byte-order mark removed. Bytes that
 * failed to decode are counted the way the decoder counts them when it reports where: the prefix
 * decoded leniently, one U+FFFD per bad sequence.
 */
export function fileText(input: FuzzInput, source: Source = typeof input === 'string' ? { path: FUZZ_PATH, text: input } : decodeSource(FUZZ_PATH, input)): string {
  const text = typeof input === 'string' || source.encodingError === undefined ? source.text : lenientDecoder.decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function positionProblem(range: Range, lines: readonly string[]): string | undefined {
  const { line, column, endLine, endColumn } = range;
  if (![line, column, endLine, endColumn].every(Number.isInteger)) return 'a position is not an integer';
  if (line < 1 || line > lines.length) return `line ${line} is outside 1..${lines.length}`;
  if (endLine < 1 || endLine > lines.length) return `endLine ${endLine} is outside 1..${lines.length}`;
  const startLength = lines[line - 1]!.length;
  const endLength = lines[endLine - 1]!.length;
  if (column < 1) return `column ${column} < 1`;
  // Column length+1 is the line end itself (its `\n`, or the end of the file on the last line).
  if (column > startLength + 1) return `column ${column} is past the end of line ${line} (${startLength} characters)`;
  // An empty span at a line end is widened to one column, so the exclusive end may be one more.
  if (endColumn > endLength + 2) return `endColumn ${endColumn} is past the end of line ${endLine} (${endLength} characters)`;
  if (endLine < line || (endLine === line && endColumn <= column)) return 'the end is not after the start';
  return undefined;
}

function formatRange(range: Range): string {
  return `${range.line}:${range.column}-${range.endLine}:${range.endColumn}`;
}

/** The first stack frame, with its line and column numbers and directories left out. */
function topFrame(stack: string | undefined): string {
  const frame = stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  if (!frame) return '?';
  return frame
    .trim()
    .replace(/^at /, '')
    .replace(/(?:file:\/\/)?[^\s()]*[\\/]/g, '')
    .replace(/:\d+:\d+/g, '');
}

/** Leaves out what varies between two inputs that hit one bug: numbers, quoted text, names after a colon. */
function normalize(message: string): string {
  return message
    .split('\n', 1)[0]!
    .replace(/(["'`]).*?\1/g, 'Q')
    .replace(/\d+/g, 'N')
    .replace(/: [^\s:]{1,40}$/, ': X')
    .slice(0, 120);
}

function errorText(error: unknown): { message: string; stack: string | undefined } {
  if (error instanceof Error) return { message: `${error.name}: ${error.message}`, stack: error.stack };
  return { message: `thrown non-error: ${String(error)}`, stack: undefined };
}

/** The first frames of a stack, for a report. */
function stackTop(stack: string | undefined, frames = 4): string {
  if (!stack) return '';
  const lines = stack.split('\n').filter((line) => line.trimStart().startsWith('at '));
  return lines
    .slice(0, frames)
    .map((line) => `\n    ${line.trim()}`)
    .join('');
}

/**
 * Lints one input as the file `fuzz.yaml` with every built-in rule and checks the product's
 * promise: lint does not throw, no rule fails internally, every finding's range (and every related
 * location's, every fix's offsets, every skip's line) lies inside the file, and the case finishes
 * within the budget. A range is inside when 1 ≤ line ≤ endLine ≤ the number of lines, 1 ≤ column ≤
 * the line's length + 1 (the line end), endColumn ≤ the end line's length + 2 (an empty span at a
 * line end is widened to one column), and the end is after the start.
 */
export function checkInput(input: FuzzInput, options: CheckOptions = {}): CheckResult {
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const file = options.path ?? FUZZ_PATH;
  const start = performance.now();
  let source: Source;
  let result: ReturnType<typeof lint>;
  try {
    source = typeof input === 'string' ? { path: file, text: input } : decodeSource(file, input);
    result = lint([source], { rules });
  } catch (error) {
    const ms = performance.now() - start;
    const { message, stack } = errorText(error);
    return { ok: false, kind: 'crash', reason: `lint threw ${message}${stackTop(stack)}`, signature: `crash: ${normalize(message)} @ ${topFrame(stack)}`, ms };
  }
  const ms = performance.now() - start;
  const fail = (kind: FailureKind, reason: string, signature: string): CheckResult => ({ ok: false, kind, reason, signature: `${kind}: ${signature}`, ms });

  if (result.internalErrors.length > 0) {
    const first = result.internalErrors[0]!;
    const more = result.internalErrors.length > 1 ? ` (and ${result.internalErrors.length - 1} more)` : '';
    // "rule X failed on Kind/name (file:line): message" → rule, and the message without the where.
    const ruleMessage = first.message.replace(/ on \S+ \([^)]*\)/, '');
    return fail('internal-error', `${first.message}${more}${stackTop(first.stack)}`, `${normalize(ruleMessage)} @ ${topFrame(first.stack)}`);
  }

  const text = fileText(input, source);
  const lines = text.split(LINE_BREAK);
  const textLength = text.length;
  for (const finding of result.findings) {
    const where = `${finding.ruleId} (${finding.messageId})`;
    if (finding.file !== file) return fail('out-of-range', `${where} is in file ${JSON.stringify(finding.file)}, not ${JSON.stringify(file)}`, `${finding.ruleId} wrong file`);
    const problem = positionProblem(finding.range, lines);
    if (problem) {
      return fail('out-of-range', `${where} has range ${formatRange(finding.range)} in a file of ${lines.length} lines: ${problem}`, `${finding.ruleId} ${problem.replace(/\d+/g, 'N')}`);
    }
    for (const related of finding.related ?? []) {
      if (related.file !== file) continue;
      const relatedProblem = positionProblem(related.range, lines);
      if (relatedProblem) {
        return fail('out-of-range', `${where} has a related location ${formatRange(related.range)}: ${relatedProblem}`, `${finding.ruleId} related ${relatedProblem.replace(/\d+/g, 'N')}`);
      }
    }
    for (const edit of finding.fix?.edits ?? []) {
      if (!(Number.isInteger(edit.start) && Number.isInteger(edit.end) && edit.start >= 0 && edit.start <= edit.end && edit.end <= textLength)) {
        return fail('out-of-range', `${where} has a fix edit ${edit.start}..${edit.end} in a text of ${textLength} characters`, `${finding.ruleId} fix offsets`);
      }
    }
  }

  for (const skip of result.skips) {
    if (skip.file === file && !(Number.isInteger(skip.line) && skip.line >= 1 && skip.line <= lines.length)) {
      return fail('out-of-range', `a skip (${skip.reason}) is at line ${skip.line} in a file of ${lines.length} lines`, `skip line ${skip.reason.replace(/\d+/g, 'N')}`);
    }
  }

  if (ms > budgetMs) return fail('hang', `took ${Math.round(ms)} ms (budget ${budgetMs} ms)`, 'over the time budget');
  return { ok: true, ms };
}

// ---------------------------------------------------------------------------------------------
// Seeds: our own manifests
// ---------------------------------------------------------------------------------------------

export interface Seed {
  /** Path relative to the package root. */
  name: string;
  bytes: Uint8Array;
  /** The bytes decoded leniently (a binary fixture becomes U+FFFD-laden text). */
  text: string;
}

/** The package root: the nearest folder above this module holding package.json and fixtures/. */
export function projectRoot(): string {
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'fixtures'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('cannot find the kubegate package root (package.json beside fixtures/) above bench/mutations or the working directory');
}

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry)) found.push(full);
  }
  return found;
}

let seedCache: Seed[] | undefined;

/** fixtures/demo, fixtures/rules/<rule>/*, docs/examples/<rule>/*, sorted by path. */
export function loadSeeds(): Seed[] {
  if (seedCache) return seedCache;
  const root = projectRoot();
  const files = [...yamlFilesUnder(path.join(root, 'fixtures', 'demo')), ...yamlFilesUnder(path.join(root, 'fixtures', 'rules')), ...yamlFilesUnder(path.join(root, 'docs', 'examples'))];
  seedCache = files.map((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    return { name: path.relative(root, file).split(path.sep).join('/'), bytes, text: lenientDecoder.decode(bytes) };
  });
  if (seedCache.length === 0) throw new Error(`no seed manifests found under ${root}/fixtures or docs/examples`);
  return seedCache;
}

// ---------------------------------------------------------------------------------------------
// Known reproducers: each a few lines
// ---------------------------------------------------------------------------------------------

export interface Reproducer {
  name: string;
  text: string;
}

/** Nine levels of ten aliases each over one template string: a billion paths if anything expands them. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'a0: &a0 "{{ .Values.x }}"'];
  for (let level = 1; level <= 9; level++) {
    lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

export const REPRODUCERS: readonly Reproducer[] = [
  { name: 'undefined alias', text: 'a: *x\n' },
  { name: 'empty merge key', text: '<<:\n' },
  { name: 'merge cycle', text: 'a: &a {<<: *b}\nb: &b {<<: *a}\n' },
  { name: 'alias bomb', text: aliasBomb() },
  { name: 'deep flow nesting (1000 levels of [)', text: `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n` },
  { name: 'deep unclosed flow nesting (1000 levels of [)', text: `${'['.repeat(1000)}\n` },
  { name: 'deep block nesting (1000 levels of mappings)', text: `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} v\n` },
  { name: 'duplicate key', text: 'a: 1\na: 2\n' },
];

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

export interface HostileSizes {
  /** Longest line a mutation inserts, in characters. */
  longLine: number;
  /** Deepest nesting a mutation inserts. */
  deepNesting: number;
  /** Depth of generated YAML trees. */
  treeDepth: number;
  /** Most mutations stacked on one seed. */
  mutations: number;
  /** Longest token soup, in tokens. */
  soupTokens: number;
  /** Longest random byte string. */
  randomBytes: number;
}

/**
 * For `npm test`: a few thousand cases in seconds. Nesting stays shallow here: some deep shapes
 * cost time exponential in their depth (200 nested `? ` keys take a second, 300 take 16 s), and
 * finding those is the long run's job, not the test suite's.
 */
export const TEST_SIZES: HostileSizes = { longLine: 3_000, deepNesting: 150, treeDepth: 4, mutations: 4, soupTokens: 120, randomBytes: 300 };

/** For `npm run fuzz`: 100,000 cases in well under 15 minutes on 2 cores. */
export const FUZZ_SIZES: HostileSizes = { longLine: 20_000, deepNesting: 2_000, treeDepth: 5, mutations: 6, soupTokens: 300, randomBytes: 1_000 };

// ---------------------------------------------------------------------------------------------
// YAML fragments
// ---------------------------------------------------------------------------------------------

/** Inserted at a random character or at the start of a new line. */
export const SNIPPETS: readonly string[] = [
  // Helm templates
  '{{ .Values.x }}',
  '"{{ .Values.image }}"',
  '{{- include "x.labels" . | nindent 4 }}',
  '{{ if .Values.x }}',
  '{{ end }}',
  '{{ .Release.Name }}-x',
  '{{',
  '}}',
  // anchors, aliases, merge keys
  '&a ',
  '&b ',
  '*a',
  '*b',
  '*undefined',
  '<<: *a',
  '<<: *b',
  '<<: [*a, *b]',
  '<<:',
  '<<: {}',
  '<<: 1',
  'x: &a {<<: *a}',
  'a: &a {b: &b {<<: *a}}',
  '&a [*a]',
  // directives and markers
  '%YAML 1.2',
  '%YAML 1.1',
  '%YAML 2.0',
  '%TAG ! tag:example.com,2000:',
  '---',
  '--- ',
  '--- |',
  '...',
  '--- !!map',
  '# Source: chart/templates/deployment.yaml',
  '# Source:',
  // indicators and tags
  '? ',
  ': ',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  ' # comment',
  '!',
  '!!str ',
  '!!int x',
  '!!float ',
  '!!binary aGVsbG8=',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!custom ',
  '|',
  '>',
  '|-',
  '>+',
  '|9',
  '"',
  "'",
  '"\\',
  '"\\u',
  '"\\x',
  '@',
  '`',
  '\t',
  '\\',
  // Kubernetes-ish lines, some with hostile values
  'apiVersion: v1',
  'apiVersion: apps/v1',
  'kind: Pod',
  'kind: Deployment',
  'kind: List',
  'kind: ""',
  'kind: [a]',
  'items:',
  'items: *a',
  'metadata: {name: x}',
  'metadata: null',
  'spec: ~',
  'containers:',
  'containers: {}',
  'containers: [1, "x", null, []]',
  '- name: x',
  '- {name: y, image: "y:latest"}',
  'image: x:latest',
  'image: "@sha256:"',
  'image: ":"',
  'resources: {requests: {cpu: -1, memory: 1e400}}',
  'resources: {limits: {memory: ""}}',
  'cpu: 0x10',
  'cpu: .inf',
  'memory: 99999999999999999999Ei',
  'memory: 1.5e-30m',
  'readinessProbe: {httpGet: {port: 99999999999999999999}}',
  'livenessProbe: {tcpSocket: {port: ""}}',
  'port: "http"',
  'containerPort: -1',
  'replicas: .nan',
  'revisionHistoryLimit: -0',
  'maxUnavailable: 110%',
  'maxSurge: "-5%"',
  'maxUnavailable: "%"',
  'type: Recreate',
  'type: [RollingUpdate]',
  'rollingUpdate: null',
  '__proto__: {polluted: true}',
  'constructor: {prototype: {x: 1}}',
  'toString: 1',
];

/** Characters that break assumptions: BOMs, line ends other than \n, controls, bidi and zero-width marks, surrogates. */
export const HOSTILE_CHARS: readonly string[] = [
  '\uFEFF',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000B',
  '\u000C',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u00A0',
  '\u200B',
  '\u200D',
  '\u202A',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u061C',
  '\uFFFD',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\uD83D\uDE00',
  'é',
  'e\u0301',
  '\t',
];

/** What a very long line is made of. */
const LONG_LINE_UNITS: readonly string[] = ['a', ' ', 'x: ', '- ', '[', '{', ']', '{{', '#', '"', "'", '\\', 'é', '\uD83D\uDE00', 'a: &a *a ', '<<: *a, ', '\t', '-', ':'];

/** Invalid or surprising UTF-8, inserted into byte cases. */
const BYTE_SNIPPETS: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x00],
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0x0d],
  [0xe2, 0x80, 0xae],
];

// ---------------------------------------------------------------------------------------------
// Text mutations
// ---------------------------------------------------------------------------------------------

/** One edit of a text, as data so fast-check can print and shrink it. Positions wrap around the text. */
export type TextMutation =
  | { op: 'delete-lines'; at: number; count: number }
  | { op: 'duplicate-lines'; at: number; count: number; to: number }
  | { op: 'indent'; at: number; count: number; spaces: number }
  | { op: 'dedent'; at: number; count: number; spaces: number }
  | { op: 'tab-indent'; at: number; count: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'insert-line'; at: number; indent: number; text: string }
  | { op: 'line-end'; at: number; end: string }
  | { op: 'all-line-ends'; end: string }
  | { op: 'long-line'; at: number; unit: string; length: number }
  | { op: 'deep'; at: number; open: string; close: string; depth: number }
  | { op: 'swap-lines'; at: number; to: number };

/** Lines with their terminators, so joining them gives the text back. */
function splitKeep(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 0 ? [''] : lines;
}

function withNewline(line: string): string {
  return line.endsWith('\n') ? line : `${line}\n`;
}

export function applyMutation(text: string, mutation: TextMutation): string {
  const lines = splitKeep(text);
  const n = lines.length;
  const lineAt = (at: number) => at % n;
  switch (mutation.op) {
    case 'delete-lines': {
      lines.splice(lineAt(mutation.at), Math.max(1, mutation.count));
      return lines.join('');
    }
    case 'duplicate-lines': {
      const from = lineAt(mutation.at);
      const copy = lines.slice(from, from + Math.max(1, mutation.count)).map(withNewline);
      const to = mutation.to % (n + 1);
      if (to === n && n > 0) lines[n - 1] = withNewline(lines[n - 1]!);
      lines.splice(to, 0, ...copy);
      return lines.join('');
    }
    case 'indent':
    case 'dedent':
    case 'tab-indent': {
      const from = lineAt(mutation.at);
      for (let i = from; i < Math.min(n, from + Math.max(1, mutation.count)); i++) {
        const line = lines[i]!;
        if (mutation.op === 'indent') lines[i] = ' '.repeat(mutation.spaces) + line;
        else if (mutation.op === 'dedent') lines[i] = line.replace(new RegExp(`^ {0,${mutation.spaces}}`), '');
        else lines[i] = `\t${line}`;
      }
      return lines.join('');
    }
    case 'truncate':
      return text.slice(0, mutation.at % (text.length + 1));
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'insert-line': {
      const at = mutation.at % (n + 1);
      if (at === n && n > 0) lines[n - 1] = withNewline(lines[n - 1]!);
      lines.splice(at, 0, `${' '.repeat(mutation.indent)}${mutation.text}\n`);
      return lines.join('');
    }
    case 'line-end': {
      const i = lineAt(mutation.at);
      lines[i] = lines[i]!.replace(/\r?\n$/, '') + mutation.end;
      return lines.join('');
    }
    case 'all-line-ends':
      return text.replace(/\r?\n/g, mutation.end);
    case 'long-line': {
      const at = mutation.at % (n + 1);
      if (at === n && n > 0) lines[n - 1] = withNewline(lines[n - 1]!);
      const long = mutation.unit.repeat(Math.ceil(mutation.length / mutation.unit.length));
      lines.splice(at, 0, `${long}\n`);
      return lines.join('');
    }
    case 'deep': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.open.repeat(mutation.depth) + mutation.close.repeat(mutation.depth) + text.slice(at);
    }
    case 'swap-lines': {
      const a = lineAt(mutation.at);
      const b = lineAt(mutation.to);
      const first = lines[a]!;
      lines[a] = withNewline(lines[b]!);
      lines[b] = withNewline(first);
      return lines.join('');
    }
  }
}

function shortText(text: string, max = 24): string {
  const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return shown;
}

export function describeMutation(mutation: TextMutation): string {
  switch (mutation.op) {
    case 'delete-lines':
      return `delete ${mutation.count} line(s) at ${mutation.at}`;
    case 'duplicate-lines':
      return `duplicate ${mutation.count} line(s) at ${mutation.at} to ${mutation.to}`;
    case 'indent':
      return `indent ${mutation.count} line(s) at ${mutation.at} by ${mutation.spaces}`;
    case 'dedent':
      return `dedent ${mutation.count} line(s) at ${mutation.at} by ${mutation.spaces}`;
    case 'tab-indent':
      return `tab before ${mutation.count} line(s) at ${mutation.at}`;
    case 'truncate':
      return `truncate at ${mutation.at}`;
    case 'insert':
      return `insert ${shortText(mutation.text)} at ${mutation.at}`;
    case 'insert-line':
      return `insert line ${shortText(mutation.text)} at ${mutation.at}`;
    case 'line-end':
      return `line end ${JSON.stringify(mutation.end)} at ${mutation.at}`;
    case 'all-line-ends':
      return `all line ends ${JSON.stringify(mutation.end)}`;
    case 'long-line':
      return `line of ${mutation.length}×${JSON.stringify(mutation.unit)} at ${mutation.at}`;
    case 'deep':
      return `${mutation.depth}×${JSON.stringify(mutation.open)} at ${mutation.at}`;
    case 'swap-lines':
      return `swap lines ${mutation.at} and ${mutation.to}`;
  }
}

/** Byte edits, for cases that go through the decoder. */
export type ByteMutation = { op: 'flip'; at: number; xor: number } | { op: 'set'; at: number; value: number } | { op: 'insert'; at: number; bytes: readonly number[] };

export function applyByteMutation(bytes: Uint8Array, mutation: ByteMutation): Uint8Array {
  if (mutation.op === 'insert') {
    const at = mutation.at % (bytes.length + 1);
    const out = new Uint8Array(bytes.length + mutation.bytes.length);
    out.set(bytes.subarray(0, at), 0);
    out.set(mutation.bytes, at);
    out.set(bytes.subarray(at), at + mutation.bytes.length);
    return out;
  }
  if (bytes.length === 0) return bytes;
  const out = bytes.slice();
  const at = mutation.at % bytes.length;
  out[at] = mutation.op === 'flip' ? out[at]! ^ mutation.xor : mutation.value;
  return out;
}

function describeByteMutation(mutation: ByteMutation): string {
  if (mutation.op === 'flip') return `flip byte ${mutation.at} ^0x${mutation.xor.toString(16)}`;
  if (mutation.op === 'set') return `set byte ${mutation.at}=0x${mutation.value.toString(16)}`;
  return `insert bytes [${mutation.bytes.map((b) => `0x${b.toString(16)}`).join(' ')}] at ${mutation.at}`;
}

const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Generated YAML
// ---------------------------------------------------------------------------------------------

/** A YAML node as written: scalars are already their source text. */
export type YamlNode =
  | { t: 'scalar'; text: string }
  | { t: 'block'; header: string; lines: string[] }
  | { t: 'alias'; name: string }
  | { t: 'map'; flow: boolean; anchor: string | null; entries: [string, YamlNode][] }
  | { t: 'seq'; flow: boolean; anchor: string | null; items: YamlNode[] };

const scalar = (text: string): YamlNode => ({ t: 'scalar', text });

function anchorPrefix(anchor: string | null): string {
  return anchor === null ? '' : `&${anchor} `;
}

function renderFlow(node: YamlNode): string {
  switch (node.t) {
    case 'scalar':
      return node.text;
    case 'block':
      return JSON.stringify(node.lines.join('\n'));
    case 'alias':
      return `*${node.name}`;
    case 'map':
      return `${anchorPrefix(node.anchor)}{${node.entries.map(([key, value]) => `${key}: ${renderFlow(value)}`).join(', ')}}`;
    case 'seq':
      return `${anchorPrefix(node.anchor)}[${node.items.map(renderFlow).join(', ')}]`;
  }
}

/** What follows `key:` or `-`: the rest of that line, and the lines of a nested block at `indent`. */
function renderAfter(node: YamlNode, indent: number): { inline: string; lines: string[] } {
  const pad = ' '.repeat(indent);
  switch (node.t) {
    case 'scalar':
      return { inline: node.text === '' ? '' : ` ${node.text}`, lines: [] };
    case 'alias':
      return { inline: ` *${node.name}`, lines: [] };
    case 'block':
      return { inline: ` ${node.header}`, lines: node.lines.map((line) => (line === '' ? '' : pad + line)) };
    case 'map':
      if (node.flow || node.entries.length === 0) return { inline: ` ${renderFlow(node)}`, lines: [] };
      return { inline: node.anchor === null ? '' : ` &${node.anchor}`, lines: mapLines(node.entries, indent) };
    case 'seq':
      if (node.flow || node.items.length === 0) return { inline: ` ${renderFlow(node)}`, lines: [] };
      return { inline: node.anchor === null ? '' : ` &${node.anchor}`, lines: seqLines(node.items, indent) };
  }
}

function mapLines(entries: readonly [string, YamlNode][], indent: number): string[] {
  const lines: string[] = [];
  for (const [key, value] of entries) {
    const after = renderAfter(value, indent + 2);
    lines.push(`${' '.repeat(indent)}${key}:${after.inline}`, ...after.lines);
  }
  return lines;
}

function seqLines(items: readonly YamlNode[], indent: number): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (item.t === 'map' && !item.flow && item.anchor === null && item.entries.length > 0) {
      // The compact form Kubernetes manifests use: `- name: x` then the other keys under `name`.
      const inner = mapLines(item.entries, indent + 2);
      lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      continue;
    }
    const after = renderAfter(item, indent + 2);
    lines.push(`${pad}-${after.inline}`, ...after.lines);
  }
  return lines;
}

/** A document's text, with a trailing newline. */
export function renderDocument(node: YamlNode): string {
  if (node.t === 'map' && !node.flow && node.entries.length > 0) return `${mapLines(node.entries, 0).join('\n')}\n`;
  if (node.t === 'seq' && !node.flow && node.items.length > 0) return `${seqLines(node.items, 0).join('\n')}\n`;
  if (node.t === 'block') return `${node.header}\n${node.lines.map((line) => `  ${line}`).join('\n')}\n`;
  return `${renderFlow(node)}\n`;
}

const KEYS: readonly string[] = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'labels',
  'annotations',
  'spec',
  'template',
  'selector',
  'matchLabels',
  'replicas',
  'containers',
  'initContainers',
  'image',
  'ports',
  'containerPort',
  'resources',
  'requests',
  'limits',
  'cpu',
  'memory',
  'readinessProbe',
  'livenessProbe',
  'startupProbe',
  'httpGet',
  'tcpSocket',
  'grpc',
  'port',
  'path',
  'strategy',
  'rollingUpdate',
  'maxUnavailable',
  'maxSurge',
  'revisionHistoryLimit',
  'items',
  'data',
  'type',
  'restartPolicy',
  'jobTemplate',
  'a',
  'b',
  'x',
  '<<',
  '"quoted key"',
  "'single'",
  '"__proto__"',
  'constructor',
  '1',
  'true',
  'null',
  '~',
  'x.y/z',
  'k8s.io/name',
];

const KINDS: readonly string[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Rollout', 'Service', 'ConfigMap', 'Secret', 'Namespace', 'HorizontalPodAutoscaler', 'CustomThing', 'List', 'PodList', ''];
const API_VERSIONS: readonly string[] = ['v1', 'apps/v1', 'batch/v1', 'batch/v1beta1', 'extensions/v1beta1', 'apps/v1beta2', 'argoproj.io/v1alpha1', 'autoscaling/v2', 'kustomize.config.k8s.io/v1beta1', 'example.com/v1', '', '/', 'v1/'];
const IMAGES: readonly string[] = [
  'nginx',
  'nginx:latest',
  'nginx:1.25.3',
  'registry.example.com:5000/shop/web:4.2.0',
  'registry.example.com:5000/shop/web',
  `repo/app@sha256:${'a'.repeat(64)}`,
  'repo/app:1.0@sha256:abc',
  'localhost/app:LATEST',
  '"app:"',
  ':tag',
  '"@sha256:"',
  'a:b:c',
  'UPPER/Case:1',
  '"nginx:latest"',
  '""',
  '" "',
];
/** Rare on purpose: a document holding a Helm template is reported as unrendered and not linted further. */
const TEMPLATE_IMAGES: readonly string[] = ['{{ .Values.image }}', '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"'];
const QUANTITY_NUMBERS: readonly string[] = ['0', '1', '2', '100', '250', '0.5', '.5', '1.', '1e3', '1E3', '1e-3', '-1', '+1', '0x10', '0o7', '1_000', '999999999999999999999', '1e400', '.inf', '.nan', '', ' '];
const QUANTITY_SUFFIXES: readonly string[] = ['', '', 'm', 'u', 'n', 'k', 'K', 'Ki', 'M', 'Mi', 'G', 'Gi', 'T', 'Ti', 'P', 'Pi', 'E', 'Ei', 'mi', 'KB', 'b', 'e3', 'E2', '%'];
const INT_OR_PERCENT: readonly string[] = ['0', '1', '25%', '100%', '0%', '110%', '-5%', '"-1"', '"%"', 'abc%', '"50%"', '1.5', '"1"', '99999999999999999999', '-1', 'null', '[]'];
const PORTS: readonly string[] = ['http', 'metrics', 'grpc', '8080', '"8080"', '0', '65535', '65536', '-1', '"http"', '""', '1.5', 'null', '[8080]', 'HTTP', 'a-b-c-d-e-f-g-h-i-j-k'];
const PLAIN_WORDS: readonly string[] = ['web', 'api', 'shop', 'worker', 'x', 'checkout', 'http', 'metrics', 'a-b', 'RollingUpdate', 'Recreate', 'OnDelete', 'Always', 'Never', 'OnFailure', 'TCP', 'UDP', '/healthz', '/', 'true', 'false', 'yes', 'no', 'on', 'null', '~', '-', '0', '007', '1e3', '12:30', '2001-01-01', '.inf', '-.Inf', '.NaN'];

export interface Generators {
  /** Any YAML value tree. */
  node: fc.Arbitrary<YamlNode>;
  /** A Kubernetes-shaped object (workload, service, list), as a node. */
  object: fc.Arbitrary<YamlNode>;
  /** A stream of one to three documents. */
  stream: fc.Arbitrary<string>;
}

/** `value` once in `oneIn` draws, null otherwise. */
function rarely<T>(value: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
}

/** A mapping entry present in all but one of `freq` draws. */
function optionalEntry(key: string, value: fc.Arbitrary<YamlNode>, freq = 4): fc.Arbitrary<[string, YamlNode] | null> {
  return fc.option(fc.tuple(fc.constant(key), value), { freq });
}

export function yamlGenerators(sizes: HostileSizes): Generators {
  const depthIdentifier = fc.createDepthIdentifier();
  const flow = fc.nat({ max: 7 }).map((n) => n === 0);
  const anchor = rarely(fc.constantFrom('a', 'b', 'c'), 10);
  const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,10}$/) });
  const quantity = fc.tuple(fc.constantFrom(...QUANTITY_NUMBERS), fc.constantFrom(...QUANTITY_SUFFIXES), fc.boolean()).map(([number, suffix, quoted]) => (quoted ? JSON.stringify(number + suffix) : number + suffix));
  const text = fc.string({ maxLength: 16, unit: fc.oneof({ weight: 8, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_CHARS) }) });
  // Weighted so that what breaks a whole document (a Helm template makes it unrendered, a stray
  // indicator a syntax error) stays rare enough for most documents to reach the rules.
  const leafText = fc.oneof(
    { weight: 48, arbitrary: fc.constantFrom(...PLAIN_WORDS) },
    { weight: 24, arbitrary: fc.integer().map(String) },
    { weight: 24, arbitrary: quantity },
    { weight: 12, arbitrary: fc.constantFrom(...INT_OR_PERCENT) },
    { weight: 12, arbitrary: fc.constantFrom(...PORTS) },
    { weight: 12, arbitrary: fc.constantFrom(...IMAGES) },
    { weight: 24, arbitrary: text.map((s) => JSON.stringify(s)) },
    { weight: 12, arbitrary: text.map((s) => `'${s.replace(/'/g, "''").replace(/\n/g, ' ')}'`) },
    { weight: 8, arbitrary: fc.constantFrom('!!str 1', '!!int 1', '!!float 1', '!!binary aGVsbG8=', '!!null', '!custom x', '!!bool yes', '!!timestamp 2001-12-14', '!!str') },
    { weight: 8, arbitrary: fc.constantFrom('', '""', "''", '"\\u0000"', '"\\x7f"', '"a\\nb"', '"\\t"') },
    { weight: 1, arbitrary: fc.constantFrom('"{{ .Values.x }}"', '{{ .Values.x }}', "'{{ include \"a\" . }}'", '{{ .Release.Name }}-x', '"{{ .Values.a }}{{ .Values.b }}"', '{{ toYaml .Values.x | nindent 8 }}') },
    { weight: 1, arbitrary: fc.constantFrom('- x', '? x', '!!int x', '@x', '`x', '%x', '{', ']') },
  );
  const block = fc.record({
    t: fc.constant('block' as const),
    header: fc.constantFrom('|', '>', '|-', '>-', '|+', '>+', '|2', '>1-'),
    lines: fc.array(fc.oneof(fc.constantFrom('line', '', 'a: b', '- x', '{{ .Values.x }}', '  more indented', 'path: x/y.yaml', 'repo: r', '#', '---x'), text), { maxLength: 4 }),
  });
  const leaf: fc.Arbitrary<YamlNode> = fc.oneof(
    { weight: 12, arbitrary: leafText.map(scalar) },
    { weight: 1, arbitrary: block },
  );
  // Aliases are rare in the tree: an undefined one makes the whole document a syntax error.
  const leafOrAlias: fc.Arbitrary<YamlNode> = fc.oneof(
    { weight: 30, arbitrary: leaf },
    { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'c', 'x').map((name): YamlNode => ({ t: 'alias', name })) },
  );

  const tree = fc.letrec<{ node: YamlNode; map: YamlNode; seq: YamlNode }>((tie) => ({
    node: fc.oneof({ maxDepth: sizes.treeDepth, depthIdentifier }, leafOrAlias, tie('map'), tie('seq')),
    map: fc.record({ t: fc.constant('map' as const), flow, anchor, entries: fc.array(fc.tuple(key, tie('node')), { maxLength: 5, depthIdentifier }) }),
    seq: fc.record({ t: fc.constant('seq' as const), flow, anchor, items: fc.array(tie('node'), { maxLength: 4, depthIdentifier }) }),
  }));

  /** Mostly the well-typed value, sometimes anything at all. */
  const weird = (value: fc.Arbitrary<YamlNode>): fc.Arbitrary<YamlNode> => fc.oneof({ weight: 30, arbitrary: value }, { weight: 1, arbitrary: tree.node });
  const words = (...values: string[]) => fc.constantFrom(...values).map(scalar);
  const mapOf = (...fields: fc.Arbitrary<[string, YamlNode] | null>[]): fc.Arbitrary<YamlNode> =>
    fc.tuple(flow, anchor, rarely(fc.tuple(key, tree.node), 12), ...fields).map(([isFlow, name, extra, ...entries]): YamlNode => {
      const present = entries.filter((entry): entry is [string, YamlNode] => entry !== null);
      if (extra) present.push(extra);
      return { t: 'map', flow: isFlow, anchor: name, entries: present };
    });
  const seqOf = (item: fc.Arbitrary<YamlNode>, maxLength: number): fc.Arbitrary<YamlNode> =>
    fc.tuple(flow, fc.array(item, { maxLength })).map(([isFlow, items]): YamlNode => ({ t: 'seq', flow: isFlow, anchor: null, items }));

  const intLike = weird(fc.oneof(fc.integer({ min: -2, max: 100 }).map(String), fc.constantFrom(...INT_OR_PERCENT)).map(scalar));
  const port = weird(fc.constantFrom(...PORTS).map(scalar));
  const quantityNode = weird(quantity.map(scalar));
  const probe = mapOf(
    fc.oneof(
      fc.tuple(fc.constant('httpGet'), weird(mapOf(optionalEntry('path', words('/healthz', '/ready', '/')), optionalEntry('port', port, 8)))),
      fc.tuple(fc.constant('tcpSocket'), weird(mapOf(optionalEntry('port', port, 8)))),
      fc.tuple(fc.constant('grpc'), weird(mapOf(optionalEntry('port', port, 8), optionalEntry('service', words('svc', '""'))))),
      fc.tuple(fc.constant('exec'), weird(mapOf(optionalEntry('command', seqOf(words('cat', '/tmp/ok', 'true'), 3))))),
      fc.constant(null),
    ),
    optionalEntry('initialDelaySeconds', intLike, 3),
    optionalEntry('periodSeconds', intLike, 3),
    optionalEntry('timeoutSeconds', intLike, 3),
    optionalEntry('failureThreshold', intLike, 3),
    optionalEntry('successThreshold', intLike, 3),
  );
  const resources = mapOf(
    optionalEntry('requests', weird(mapOf(optionalEntry('cpu', quantityNode), optionalEntry('memory', quantityNode), optionalEntry('ephemeral-storage', quantityNode, 2)))),
    optionalEntry('limits', weird(mapOf(optionalEntry('cpu', quantityNode), optionalEntry('memory', quantityNode)))),
  );
  const containerPort = mapOf(optionalEntry('name', words('http', 'metrics', 'grpc', 'admin', 'HTTP', '""')), optionalEntry('containerPort', weird(fc.constantFrom('8080', '9090', '9100', '0', '-1', '65536', '"8080"', 'http').map(scalar)), 8), optionalEntry('protocol', words('TCP', 'UDP', 'SCTP'), 2));
  const container = mapOf(
    optionalEntry('name', weird(fc.constantFrom(...PLAIN_WORDS.slice(0, 8)).map(scalar)), 10),
    optionalEntry('image', weird(fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...IMAGES) }, { weight: 1, arbitrary: fc.constantFrom(...TEMPLATE_IMAGES) }).map(scalar)), 10),
    optionalEntry('restartPolicy', words('Always', 'Never', 'OnFailure'), 2),
    optionalEntry('ports', weird(seqOf(weird(containerPort), 3))),
    optionalEntry('resources', weird(resources)),
    optionalEntry('readinessProbe', weird(probe)),
    optionalEntry('livenessProbe', weird(probe)),
    optionalEntry('startupProbe', weird(probe), 2),
  );
  const podSpec = mapOf(
    optionalEntry('containers', weird(seqOf(weird(container), 3)), 12),
    optionalEntry('initContainers', weird(seqOf(weird(container), 2)), 2),
    optionalEntry('ephemeralContainers', weird(seqOf(weird(container), 1)), 2),
    optionalEntry('restartPolicy', words('Always', 'Never', 'OnFailure'), 2),
  );
  const labels = mapOf(optionalEntry('app', words('web', 'shop', 'x')));
  const origin = fc.oneof(
    fc.constant<YamlNode>({ t: 'block', header: '|', lines: ['path: base/app.yaml', 'repo: r'] }),
    fc.constantFrom('"path: x.yaml"', '"path: \\n"', '""').map(scalar),
  );
  const annotations = mapOf(optionalEntry('config.kubernetes.io/origin', weird(origin), 2));
  const metadata = weird(mapOf(optionalEntry('name', weird(fc.constantFrom('web', 'shop', 'checkout', 'x', 'a.b', 'web', 'shop', 'checkout', 'x', '""').map(scalar)), 20), optionalEntry('generateName', words('web-'), 2), optionalEntry('namespace', words('default', 'prod', '""'), 3), optionalEntry('labels', labels, 3), optionalEntry('annotations', annotations, 2)));
  const strategy = mapOf(
    optionalEntry('type', weird(fc.constantFrom('RollingUpdate', 'Recreate', 'OnDelete', 'rollingupdate', '""').map(scalar)), 6),
    optionalEntry('rollingUpdate', weird(mapOf(optionalEntry('maxUnavailable', intLike), optionalEntry('maxSurge', intLike), optionalEntry('partition', intLike, 2)))),
  );
  const template = mapOf(optionalEntry('metadata', mapOf(optionalEntry('labels', labels)), 3), optionalEntry('spec', weird(podSpec), 12));
  const workloadSpec = mapOf(
    optionalEntry('replicas', intLike, 3),
    optionalEntry('revisionHistoryLimit', intLike, 3),
    optionalEntry('minReadySeconds', intLike, 2),
    optionalEntry('strategy', weird(strategy), 3),
    optionalEntry('updateStrategy', weird(strategy), 3),
    optionalEntry('selector', mapOf(optionalEntry('matchLabels', labels)), 3),
    optionalEntry('template', weird(template), 12),
  );
  const cronSpec = mapOf(optionalEntry('schedule', words('"0 3 * * *"', '"@daily"')), optionalEntry('jobTemplate', weird(mapOf(optionalEntry('spec', weird(workloadSpec), 10))), 10));
  const spec = fc.oneof({ weight: 6, arbitrary: workloadSpec }, { weight: 2, arbitrary: podSpec }, { weight: 1, arbitrary: cronSpec }, { weight: 1, arbitrary: tree.node });
  const anyResource = mapOf(
    optionalEntry('apiVersion', weird(fc.constantFrom(...API_VERSIONS).map(scalar)), 12),
    optionalEntry('kind', weird(fc.constantFrom(...KINDS).map(scalar)), 12),
    optionalEntry('metadata', metadata, 12),
    optionalEntry('spec', spec, 12),
  );
  /** An apiVersion, kind and spec that belong together, so the rules for that kind run. */
  const coherent = (apiVersions: string[], kinds: string[], kindSpec: fc.Arbitrary<YamlNode>): fc.Arbitrary<YamlNode> =>
    mapOf(
      optionalEntry('apiVersion', weird(fc.constantFrom(...apiVersions).map(scalar)), 30),
      optionalEntry('kind', weird(fc.constantFrom(...kinds).map(scalar)), 30),
      optionalEntry('metadata', metadata, 30),
      optionalEntry('spec', weird(kindSpec), 20),
    );
  const resource = fc.oneof(
    { weight: 4, arbitrary: coherent(['apps/v1'], ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], workloadSpec) },
    { weight: 2, arbitrary: coherent(['v1'], ['Pod'], podSpec) },
    { weight: 1, arbitrary: coherent(['batch/v1'], ['Job'], workloadSpec) },
    { weight: 1, arbitrary: coherent(['batch/v1', 'batch/v1beta1'], ['CronJob'], cronSpec) },
    { weight: 1, arbitrary: coherent(['v1', 'extensions/v1beta1', 'argoproj.io/v1alpha1'], ['ReplicationController', 'Deployment', 'Rollout'], workloadSpec) },
    { weight: 2, arbitrary: anyResource },
  );
  const list = mapOf(fc.constant<[string, YamlNode]>(['apiVersion', scalar('v1')]), fc.constant<[string, YamlNode]>(['kind', scalar('List')]), optionalEntry('items', weird(seqOf(weird(resource), 3)), 10));
  const object = fc.oneof({ weight: 8, arbitrary: resource }, { weight: 1, arbitrary: list }, { weight: 1, arbitrary: tree.node });

  const document = fc.tuple(object, fc.option(fc.constantFrom('# Source: chart/templates/deployment.yaml\n', '# a comment\n', '%YAML 1.2\n---\n', '--- # start\n'), { freq: 4 }), fc.option(fc.constant('...\n'), { freq: 8 }));
  const stream = fc.array(document, { minLength: 1, maxLength: 3 }).map((docs) =>
    docs
      .map(([node, head, end], i) => {
        // A directive may only follow the start of the stream or a `...`.
        const previousEnded = i > 0 && docs[i - 1]![2] !== null;
        const separator = i === 0 ? '' : head?.startsWith('%') ? (previousEnded ? '' : '...\n') : '---\n';
        return `${separator}${head ?? ''}${renderDocument(node)}${end ?? ''}`;
      })
      .join(''),
  );
  return { node: tree.node, object, stream };
}

// ---------------------------------------------------------------------------------------------
// The arbitraries
// ---------------------------------------------------------------------------------------------

export function textMutation(sizes: HostileSizes): fc.Arbitrary<TextMutation> {
  const at = fc.nat({ max: 100_000 });
  const count = fc.integer({ min: 1, max: 6 });
  const snippet = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CHARS) });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete-lines' as const), at, count }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate-lines' as const), at, count, to: at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('indent' as const), at, count, spaces: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('dedent' as const), at, count, spaces: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('tab-indent' as const), at, count }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: snippet }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('insert-line' as const), at, indent: fc.nat({ max: 8 }), text: snippet }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('line-end' as const), at, end: fc.constantFrom('\r', '\r\n', '\u2028', '\u0085', '\n\n', '', '\r\r\n', ' \n', '\t\n') }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('all-line-ends' as const), end: fc.constantFrom('\r', '\r\n', '\n\r', '\u2028') }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('long-line' as const), at, unit: fc.constantFrom(...LONG_LINE_UNITS), length: fc.integer({ min: 1, max: sizes.longLine }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('deep' as const),
        at,
        open: fc.constantFrom('[', '{', '[{a: ', '{a: ', '- ', '&a [', '"', '\n ', '---\n', 'a: 1\n', '- x\n', '<<: *a\n', '? '),
        close: fc.constantFrom(']', '}', '}]', '', ']\n'),
        depth: fc.integer({ min: 1, max: sizes.deepNesting }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('swap-lines' as const), at, to: at }) },
  );
}

export function byteMutation(): fc.Arbitrary<ByteMutation> {
  const at = fc.nat({ max: 100_000 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at, xor: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), at, value: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at, bytes: fc.constantFrom(...BYTE_SNIPPETS) }) },
  );
}

/** Mutations on top of a base text; with byte mutations the case becomes bytes. */
function mutated(base: fc.Arbitrary<{ name: string; text: string }>, sizes: HostileSizes, minMutations: number): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(base, fc.array(textMutation(sizes), { minLength: minMutations, maxLength: sizes.mutations }), fc.option(fc.array(byteMutation(), { minLength: 1, maxLength: 6 }), { freq: 4 }))
    .map(([seed, mutations, byteMutations]): FuzzCase => {
      const text = mutations.reduce(applyMutation, seed.text);
      const steps = mutations.map(describeMutation);
      if (byteMutations === null) return { label: `${seed.name}: ${steps.join('; ') || 'as is'}`, input: text };
      const bytes = byteMutations.reduce(applyByteMutation, utf8.encode(text));
      return { label: `${seed.name} (bytes): ${[...steps, ...byteMutations.map(describeByteMutation)].join('; ')}`, input: bytes };
    });
}

export interface HostileArbitraries {
  /** A fixture with stacked text mutations, sometimes byte edits on top. */
  mutatedFixture: fc.Arbitrary<FuzzCase>;
  /** The start of one fixture joined to the end of another, maybe mutated further. */
  splicedFixtures: fc.Arbitrary<FuzzCase>;
  /** Generated YAML streams of Kubernetes-shaped objects, block and flow style. */
  generatedYaml: fc.Arbitrary<FuzzCase>;
  /** Generated YAML with text mutations. */
  mutatedGenerated: fc.Arbitrary<FuzzCase>;
  /** YAML tokens in random order. */
  tokenSoup: fc.Arbitrary<FuzzCase>;
  /** Random bytes, through the decoder. */
  randomBytes: fc.Arbitrary<FuzzCase>;
  /** A fixture's original bytes, unchanged: the baseline every mutation starts from. */
  fixtureAsIs: fc.Arbitrary<FuzzCase>;
  /** The known reproducers with mutations on top. */
  mutatedReproducer: fc.Arbitrary<FuzzCase>;
  /** All of the above, weighted. */
  any: fc.Arbitrary<FuzzCase>;
}

const SOUP_TOKENS: readonly string[] = [
  '\n', '\n', '\n', ' ', ' ', '  ', '    ', '- ', '-', ': ', ':', '? ', '[', ']', '{', '}', ', ', '#', '&a ', '*a', '&b ', '*b', '<<', '<<: ', '|', '>', '|-', "'", '"', '!', '!!str ', '%YAML 1.2', '---', '...', '{{', '}}', '{{ .Values.x }}', '\t', '\r', '\r\n', '\uFEFF',
  'apiVersion', 'apiVersion: v1', 'apiVersion: apps/v1', 'kind', 'kind: Pod', 'kind: Deployment', 'kind: List', 'metadata', 'metadata:', 'name: x', 'spec', 'spec:', 'template:', 'containers:', 'containers', '- name: c', 'image: a:latest', 'resources:', 'requests:', 'limits:', 'cpu: 1', 'memory: 1Mi', 'readinessProbe:', 'livenessProbe:', 'httpGet:', 'port: http', 'ports:', 'containerPort: 80', 'strategy:', 'type: Recreate', 'rollingUpdate:', 'maxUnavailable: 100%', 'maxSurge: 0', 'revisionHistoryLimit: 0', 'items:', 'a', 'b', '1', '-1', 'x', 'null', '~', 'true', '\\', '\u202E', '\u0000', 'é', '\uD800',
];

export function hostileArbitraries(sizes: HostileSizes = TEST_SIZES): HostileArbitraries {
  const seeds = loadSeeds();
  const textSeeds = seeds.map((seed) => ({ name: seed.name, text: seed.text }));
  const seed = fc.constantFrom(...textSeeds);
  const mutatedFixture = mutated(seed, sizes, 1);
  const splicedFixtures = mutated(
    fc.tuple(seed, seed, fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 })).map(([a, b, i, j]) => {
      const aLines = splitKeep(a.text);
      const bLines = splitKeep(b.text);
      const head = aLines.slice(0, i % (aLines.length + 1));
      if (head.length > 0) head[head.length - 1] = withNewline(head[head.length - 1]!);
      const cutA = i % (aLines.length + 1);
      const cutB = j % (bLines.length + 1);
      return { name: `${a.name}[..${cutA}] + ${b.name}[${cutB}..]`, text: head.join('') + bLines.slice(cutB).join('') };
    }),
    sizes,
    0,
  );
  const generators = yamlGenerators(sizes);
  const generatedYaml = generators.stream.map((text): FuzzCase => ({ label: 'generated', input: text }));
  const mutatedGenerated = mutated(generators.stream.map((text) => ({ name: 'generated', text })), sizes, 1);
  const tokenSoup = fc.array(fc.constantFrom(...SOUP_TOKENS), { maxLength: sizes.soupTokens, size: 'max' }).map((tokens): FuzzCase => ({ label: 'token soup', input: tokens.join('') }));
  const randomBytes = fc
    .tuple(fc.uint8Array({ maxLength: sizes.randomBytes, size: 'max' }), fc.option(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), { freq: 4 }))
    .map(([bytes, bom]): FuzzCase => ({ label: bom ? 'random bytes after a byte-order mark' : 'random bytes', input: bom ? new Uint8Array([...bom, ...bytes]) : bytes }));
  const fixtureAsIs = fc.constantFrom(...seeds).map((s): FuzzCase => ({ label: `${s.name} as is`, input: s.bytes }));
  // The 1000-level block mapping is half a megabyte: as a base for mutations it costs more than it finds.
  const smallReproducers = REPRODUCERS.filter((r) => r.text.length <= 20_000).map((r) => ({ name: `reproducer "${r.name}"`, text: r.text }));
  const mutatedReproducer = mutated(fc.constantFrom(...smallReproducers), sizes, 1);
  const any = fc.oneof(
    { weight: 30, arbitrary: mutatedFixture },
    { weight: 8, arbitrary: splicedFixtures },
    { weight: 22, arbitrary: generatedYaml },
    { weight: 15, arbitrary: mutatedGenerated },
    { weight: 12, arbitrary: tokenSoup },
    { weight: 5, arbitrary: randomBytes },
    { weight: 2, arbitrary: fixtureAsIs },
    { weight: 6, arbitrary: mutatedReproducer },
  );
  return { mutatedFixture, splicedFixtures, generatedYaml, mutatedGenerated, tokenSoup, randomBytes, fixtureAsIs, mutatedReproducer, any };
}

// ---------------------------------------------------------------------------------------------
// Minimizing a failing input below what fast-check's shrinking reaches
// ---------------------------------------------------------------------------------------------

export interface MinimizeBudget {
  maxChecks: number;
  maxMs: number;
}

/**
 * Greedy delta debugging: drops ever smaller runs of lines, then of characters (or bytes), while
 * `stillFails` holds. fast-check's shrinking can only shrink the recipe (mutations, positions); this
 * removes the parts of the seed the failure does not need.
 */
export function minimizeInput(input: FuzzInput, stillFails: (candidate: FuzzInput) => boolean, budget: MinimizeBudget = { maxChecks: 2_000, maxMs: 20_000 }): { input: FuzzInput; checks: number } {
  const started = performance.now();
  let checks = 0;
  const exhausted = () => checks >= budget.maxChecks || performance.now() - started > budget.maxMs;
  const isBytes = typeof input !== 'string';
  const join = (units: readonly (string | number[])[]): FuzzInput => (isBytes ? new Uint8Array((units as number[][]).flat()) : (units as string[]).join(''));
  const reduce = (units: (string | number[])[]): (string | number[])[] => {
    for (let size = Math.max(1, units.length >> 1); size >= 1 && !exhausted(); size = size === 1 ? 0 : Math.max(1, size >> 1)) {
      for (let start = 0; start < units.length && !exhausted(); ) {
        const candidate = [...units.slice(0, start), ...units.slice(start + size)];
        checks++;
        if (candidate.length < units.length && stillFails(join(candidate))) units = candidate;
        else start += size;
      }
    }
    return units;
  };
  let current: FuzzInput = input;
  // Lines first.
  if (typeof current === 'string') current = join(reduce(splitKeep(current)));
  else {
    const lines: number[][] = [[]];
    for (const byte of current) {
      lines[lines.length - 1]!.push(byte);
      if (byte === 0x0a) lines.push([]);
    }
    current = join(reduce(lines.filter((line) => line.length > 0)));
  }
  // Then characters, where that is affordable.
  if (current.length <= 4_000 && !exhausted()) {
    current = typeof current === 'string' ? join(reduce([...current])) : join(reduce([...current].map((byte) => [byte])));
  }
  return { input: current, checks };
}
