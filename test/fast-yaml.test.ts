/**
 * The fast YAML reader against its oracle, js-yaml with kubegate's schema: wherever `fastLoad`
 * answers, its value (types, numbers, key order) and its YAML 1.1 ambiguities must be exactly
 * js-yaml's and `yaml11Ambiguities`'s; wherever js-yaml fails, it must give up. The unit cases
 * also pin which constructs it answers for, so a reader that quietly gives up more often fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as fc from 'fast-check';
import jsyaml from 'js-yaml';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastLoad } from '../src/parse/fast-yaml.js';
import { yaml11Ambiguities } from '../src/parse/parse.js';
import { splitDocuments } from '../src/parse/text.js';
import { SCHEMA } from '../src/parse/yaml-schema.js';

const SEED = 20_260_612;

type Oracle = { ok: true; value: unknown } | { ok: false; error: string };

function oracle(source: string): Oracle {
  try {
    return { ok: true, value: jsyaml.load(source, { schema: SCHEMA }) };
  } catch (error) {
    return { ok: false, error: String((error as Error).message) };
  }
}

/** Every mapping's keys in order, nested like the value: toStrictEqual alone ignores key order. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value === 'object' && value !== null) return Object.keys(value).map((key) => [key, keyOrder((value as Record<string, unknown>)[key])]);
  return null;
}

/** The fast reader either gives up or agrees with js-yaml in every respect; says which. */
function agrees(source: string): 'accepted' | 'gave up' {
  const fast = fastLoad(source);
  const expected = oracle(source);
  if (fast === undefined) return 'gave up';
  if (!expected.ok) throw new Error(`fastLoad accepted what js-yaml rejects (${expected.error}): ${JSON.stringify(source)}`);
  expect(fast.value, JSON.stringify(source)).toStrictEqual(expected.value);
  expect(keyOrder(fast.value), JSON.stringify(source)).toStrictEqual(keyOrder(expected.value));
  expect(fast.ambiguous, JSON.stringify(source)).toStrictEqual(yaml11Ambiguities(source));
  return 'accepted';
}

function accepts(source: string): void {
  expect(fastLoad(source), `fastLoad gave up on ${JSON.stringify(source)}`).toBeDefined();
  expect(agrees(source)).toBe('accepted');
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('fastLoad answers as js-yaml does', () => {
  const cases: [string, string][] = [
    ['a small manifest', lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: web', '  namespace: default', 'data:', '  key: value')],
    ['indented sequences of mappings', lines('spec:', '  containers:', '    - name: web', '      image: nginx:1.25', '      ports:', '        - containerPort: 80', '          protocol: TCP', '    - name: side', '      image: busybox')],
    ['sequences at their key\'s indentation', lines('spec:', '  containers:', '  - name: web', '    args:', '    - --port=80', '    - -v', '  volumes:', '  - name: data', 'status: {}')],
    ['nested sequences', lines('- - a', '  - b', '- - - c', '-   - d', '    - e')],
    ['empty values and entries', lines('a:', 'b: ~', 'c: null', 'd: Null', 'e:', '  # only a comment', 'f:', '- ', '-', '- # comment', 'g: x')],
    ['a sequence entry on the next line', lines('items:', '-', '  name: a', '  value: 1', '-', '  - nested')],
    ['comments and blank lines everywhere', lines('# Source: chart/templates/a.yaml', '', 'a: 1 # trailing', '  # indented comment', '', 'b:   # on the key', '  c: d   ', '#', 'e: "x" # after a quote', "f: 'y'#tight", 'g: [1]#tight')],
    ['a leading --- line', lines('---', '# Source: x.yaml', 'kind: Pod')],
    ['a --- line with a comment', lines('--- # first', 'kind: Pod')],
    ['a closing ... line', lines('---', 'kind: Pod', 'spec:', '  x: 1', '...')],
    ['a document indented as a whole', lines('  a: 1', '  b:', '    - 2')],
    ['a top-level sequence', lines('- a', '- b: 1', '  c: 2')],
    ['a top-level flow mapping (JSON)', lines('{', '  "kind": "List",', '  "items": [', '    {"a": 1, "b": [true, false, null]},', '    {}', '  ]', '}')],
    ['implicit types', lines('i: 42', 'neg: -17', 'plus: +3', 'zero: 0', 'octal: 0o17', 'hex: 0x1F', 'bin: 0b101', 'leading0: 0644', 'f: 1.5', 'e: 1e3', 'dot: .5', 'exp: 6.02E+23', 'inf: .inf', 'ninf: -.Inf', 'nan: .NaN', 't: true', 'T: True', 'F: FALSE', 'big: 123456789012345678901234567890', 'version: 1.2.3', 'date: 2024-01-01', 'merge: <<', 'tilde: ~', 'bad: 1_000', 'dash: -x', 'colon: a:b', 'q: ?x')],
    ['keys that are not strings', lines('1: one', '2.5: two', 'true: yes-key', 'null: nothing', '0x10: hex', '.inf: inf', 'False: f')],
    ['integer-like keys keep js-yaml\'s order', lines('b: 1', '10: 2', 'a: 3', '2: 4')],
    ['quoted keys', lines('"a b": 1', "'c''d': 2", '"": 3', '"x" : 4', '"yes": 5', "'0644': 6")],
    ['plain scalars with indicators inside', lines('url: http://example.com:8080/path?q=1#frag', 'expr: a#b', 'brackets: a[0] {b} c,d', 'quote: it\'s "fine"', 'pct: 50%', 'amp: a&b', 'star: a*b', 'bang: a!b', 'colon: :x')],
    ['trailing spaces and tabs', `a: b  \nc: d\t\ne: "f"  \t\ng: h\t# c\n`],
    ['multi-line plain scalars', lines('description: APIVersion defines the versioned schema', '  of an object. Servers should convert', '', '  recognized schemas,', '', '', '  and more', 'next: 1', 'list:', '- first line', '  second - line', '- x', 'deep:', '  key: value that', '    continues', '  other: 2')],
    ['continuation lines indented one more than their parent', lines('a: x', ' y', 'b:', '- p', ' q', 'c:', ' r', ' s')],
    ['a multi-line plain scalar ended by a comment', lines('a: one', '  two # comment', 'b: 2', 'c: three', '  # comment', 'd: 4')],
    ['a plain value on the next line', lines('a:', '  just text', 'b:', '  more', '  text', 'c:', '  - x')],
    ['single-quoted scalars', lines("a: 'plain'", "b: 'it''s'", "c: ''", "d: ' lead and trail '", "e: '# not a comment'", "f: 'a: b'", "g: '''quoted'''", "h: '\\n stays'")],
    ['double-quoted scalars and escapes', lines('a: "plain"', 'b: "tab\\there"', 'c: "nl\\nx"', 'd: "q\\"q"', 'e: "slash\\/ back\\\\"', 'f: "\\x41\\u00e9\\U0001F600"', 'g: "\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P"', 'h: ""', 'i: "\\u263A"')],
    ['multi-line quoted scalars', lines('a: "one', '  two', '', '  three  ', '   four"', "b: 'x", "", "", "  y'", 'c: "joined\\', '   here"', 'd: "trailing \\t', '  tab"')],
    ['literal block scalars', lines('a: |', '  line 1', '    indented', '', '  line 3', 'b: |-', '  stripped', '', 'c: |+', '  kept', '', '', 'd: x')],
    ['folded block scalars', lines('a: >', '  folded', '  text', '', '  para', '    more indented', '    again', '  back', '', '', 'b: >-', '  x', '  y', 'c: >+', '  z', '', 'd: 1')],
    ['block scalars with an indentation indicator', lines('a: |2', '    two extra', '  base', 'b: >1-', '  x', 'c: |+2', '   y', '')],
    ['block scalars in sequences', lines('- |', '  first', '- >-', '  second', '  line', '- key: |', '    nested', '  other: 1')],
    ['block scalars with blank lines of more spaces and comments', lines('a: |', '  x', '      ', '  # not a comment', '', '  y', '# ends it', 'b: |', '', '', '  late start', 'c: |', 'd: 1')],
    ['a block scalar at the end without a line feed', 'a: |\n  last'],
    ['a block scalar keeping trailing blank lines to the end', 'a: |+\n  last\n\n\n'],
    ['flow collections', lines('a: []', 'b: {}', 'c: [a, b, "c", \'d\', 1, true, null]', 'd: {a: 1, b: x, "c": [1, 2]}', 'e: [ spaced , items ]', 'f: {a: }', 'g: {a, b: 1}', 'h: [a, ]', 'i: {a: 1,}', 'j: {"k":1,"l":"m"}', 'k: {a:1}', 'l: [http://x:80/y, a:b]', 'm: [[1, 2], {x: [3]}]')],
    ['multi-line flow collections', lines('args: [', '  --one,', '  "--two", # comment', '  three', ']', 'env: {', '  A: 1,', '  B: two', '}', 'after: 1')],
    ['ambiguous YAML 1.1 scalars', lines('a: yes', 'b: No', 'c: on', 'd: OFF', 'e: y', 'f: 0644', 'mode: 0644', 'defaultMode: 0755', 'g: "yes"', 'h: -0777', 'list:', '- n', '- 010', 'flow: [yes, 07, "no"]', 'map: {x: on, mode: 0600}', 'i: yes # comment')],
    ['an ambiguous value on the next line, which the pre-test of yaml11Ambiguities misses', lines('a:', '  yes')],
    ['an ambiguous value found because another one is', lines('a:', '  yes', 'b: no')],
    ['long and unicode text', lines(`a: ${'x'.repeat(5000)}`, 'b: héllo wörld 日本語', 'c: "\u2028"', `d: ${'word '.repeat(200)}`)],
    ['keys named like Object.prototype members', lines('constructor: 1', 'toString: 2', 'hasOwnProperty: 3', 'valueOf: 4')],
    ['NEL, DEL, C1 controls and surrogate pairs where js-yaml allows them', 'a: x\x85y\nb: \u{1F600}\nc: |\n  \u{1F600} \x85\nd: "\x7f\x90\uDC00"\ne: [\u{1F600}]\nf: \u2028\n'],
    ['Helm templates inside strings', lines('a: "{{ .Values.x }}"', 'b: repo:{{ .Values.tag }}', 'c: |', '  {{- if .Values.y }}', '  z', '  {{- end }}')],
  ];
  it.each(cases)('%s', (_name, source) => {
    accepts(source);
  });

  it('reads documents without content as js-yaml does (undefined or null)', () => {
    for (const source of ['', ' ', '  \n', '\n', '\n\n', '#c', '# c\n', '---', '---\n', '--- # x\n', '---\n# c\n', ' \n ', '# Source: a\n\n# b\n', '...\n']) {
      accepts(source);
    }
    expect(fastLoad('')!.value).toBeUndefined();
    expect(fastLoad('# only\n')!.value).toBeNull();
    expect(fastLoad('---\n')!.value).toBeNull();
  });

  it('gives the values js-yaml gives, with their types', () => {
    const { value } = fastLoad(lines('a: 0644', 'b: 1e3', 'c: .5', 'd: "1"', 'e: -.inf', 'f: .nan', '1: x', 'g:'))!;
    expect(value).toStrictEqual({ 1: 'x', a: 644, b: 1000, c: 0.5, d: '1', e: -Infinity, f: NaN, g: null });
    expect(Object.keys(value as object)).toEqual(['1', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('reports ambiguous scalars at their offsets', () => {
    const source = lines('a: yes', 'defaultMode: 0644', 'b: [0755, off]');
    expect(fastLoad(source)!.ambiguous).toStrictEqual([
      { start: 3, end: 6, text: 'yes' },
      { start: 29, end: 33, text: '0755' },
      { start: 35, end: 38, text: 'off' },
    ]);
  });
});

describe('fastLoad gives up on what it leaves to js-yaml', () => {
  const cases: [string, string][] = [
    ['an anchor', lines('a: &x 1', 'b: 2')],
    ['an alias', lines('a: 1', 'b: *x')],
    ['a tag', lines('a: !!str 1')],
    ['a local tag', lines('a: !foo x')],
    ['a merge key', lines('base: {a: 1}', '<<: {b: 2}')],
    ['a duplicate key', lines('a: 1', 'b: 2', 'a: 3')],
    ['a duplicate key in a flow mapping', lines('m: {a: 1, a: 2}')],
    ['a duplicate key written differently', lines('1: a', '"1": b')],
    ['a __proto__ key', lines('__proto__: 1')],
    ['a quoted __proto__ key', lines('m: {"__proto__": {x: 1}}')],
    ['a tab indentation', 'a:\n\tb: 1\n'],
    ['a tab after a key', 'a:\tb\n'],
    ['an explicit key', lines('? a', ': b')],
    ['a directive', lines('%YAML 1.2', '---', 'a: 1')],
    ['content on the --- line', lines('--- a: 1')],
    ['a key starting with --- at the top', lines('---x: 1')],
    ['a second document', lines('a: 1', '---', 'b: 2')],
    ['a second document end marker', lines('a: |', '...', '...')],
    ['content after the document end marker', lines('a: 1', '...', 'b: 2')],
    ['a byte-order mark', '\uFEFFa: 1\n'],
    ['a control character', 'a: b\x01c\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a control character in a block scalar', 'a: |\n  x\x07y\n'],
    ['a C1 control character in a plain scalar', 'a: x\x90y\n'],
    ['a lone surrogate in a plain scalar', 'a: x\uD800y\n'],
    ['a lone surrogate in a block scalar', 'a: |\n  \uDC00\n'],
    ['U+FFFE in a plain scalar', 'a: x\uFFFE\n'],
    ['a control character in a quoted scalar', 'a: "x\x01"\n'],
    ['a NUL in a comment', 'a: 1 # \0\n'],
    ['an unquoted Helm template', lines('a: {{ .Values.x }}')],
    ['a collection as a key', lines('[a]: 1')],
    ['a key YAML 1.1 reads as a boolean', lines('on: push')],
    ['a block sequence on a key\'s line', lines('a: - b')],
    ['a mapping on a key\'s line', lines('a: b: c')],
    ['a value that is only an indicator', lines('a: -')],
    ['a value ending in a colon', lines('a: x:')],
    ['two keys that are the same string', lines('null: a', '~: b')],
    ['bad indentation', lines('a: 1', ' b: 2')],
    ['a sequence entry less indented than the sequence after an empty one (js-yaml quirk)', lines('a:', '  -', '- b')],
    ['an entry of a nested sequence that js-yaml continues at a lesser indentation', lines('- -', '- b')],
    ['a flow mapping key whose colon is on the next line', lines('m: {a', '  : 1}')],
    ['a quoted flow mapping key whose colon is on the next line', lines('m: {"a"', '  : 1}')],
    ['a line that is not a key', lines('a: 1', 'b')],
    ['a top-level scalar', lines('just text')],
    ['an @ at the start of a value', lines('a: @x')],
    ['a backtick at the start of a value', lines('a: `x`')],
    ['an unclosed quote', lines('a: "x')],
    ['an unknown escape', lines('a: "\\q"')],
    ['an unclosed flow collection', lines('a: [1, 2')],
    ['a pair in a flow sequence', lines('a: [b: 1]')],
    ['a block scalar header on its own line', lines('a:', '  |', '  x')],
    ['a multi-line plain scalar in a flow collection', lines('a: [one', '  two]')],
    ['deep nesting', `${Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} x\n`],
    ['deep flow nesting', `a: ${'['.repeat(60)}${']'.repeat(60)}\n`],
  ];
  it.each(cases)('%s', (_name, source) => {
    expect(fastLoad(source)).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    for (const source of ['\0', '"\\', "'", '[', '{', '|', '>', 'a: |9', 'a: |0', 'a: |++', '- |\n\t', '"\\U', '"\\x4', 'a: "\\u12"', ':', '? ', '-', '- -', '&', '*', '!']) {
      expect(() => fastLoad(source)).not.toThrow();
      agrees(source);
    }
  });

  it('takes linear time on long pathological lines', () => {
    const long = 200_000;
    const inputs = [
      `a: ${'x '.repeat(long)}\n`,
      `a: [${'x, '.repeat(long)}]\n`,
      `a: [${'0644, '.repeat(long)}]\n`,
      `a: "${'\\n'.repeat(long)}"\n`,
      `${'- '.repeat(30)}x\n`,
      `a: ${'x\n  '.repeat(long)}\n`,
      `a: |\n${'  x\n\n'.repeat(long)}`,
      `{${Array.from({ length: long / 10 }, (_, i) => `"k${i}": 1`).join(', ')}}\n`,
      `${Array.from({ length: long / 10 }, (_, i) => `k${i}: 1`).join('\n')}\n`,
    ];
    for (const source of inputs) {
      const started = performance.now();
      fastLoad(source);
      expect(performance.now() - started, source.slice(0, 40)).toBeLessThan(1_000);
    }
  });
});

// Strings that trip YAML writers and readers: indicators, things that look like numbers or
// booleans, leading and trailing space, line breaks, quotes.
const AWKWARD = [
  '', ' ', 'a: b', 'a #b', '#x', "it's", '"q"', ' lead', 'trail ', '-', '- x', '0644', '1e3', 'yes', 'no', 'on', 'Off', 'y', '.5', 'null', '~', 'true', 'False',
  '0x1F', '+1', '-0', '.inf', '.NaN', '<<', '@x', '`x', '%x', '!x', '&a', '*a', '? x', ': x', '[a]', '{a}', 'a\nb', 'a\n\nb', 'line\n', 'two\nlines\n\n', ' \nx', '\ttab', 'x\ty',
  '\\', 'é', '日本', '{{ .Values.x }}', 'key: {{ x }}', '---', '...', 'a,b', 'http://x:80/y', 'a'.repeat(90), 'word '.repeat(30), '  indented\n  text\n', 'x\n  more indented\nback',
];
const awkwardString = fc.oneof(
  fc.constantFrom(...AWKWARD),
  fc.string({ unit: fc.constantFrom(...'ab :#-\'"\n\t{}[],.0123456789yYnNeE+\\|>&*!%@`?~ '.split('')), maxLength: 14 }),
  fc.string({ maxLength: 10 }),
);
const scalarValue = fc.oneof(awkwardString, fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarValue, tie('list'), tie('map')),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  map: fc.dictionary(awkwardString, tie('tree'), { maxKeys: 5 }),
}));
const manifest = fc.dictionary(awkwardString, tree, { minKeys: 1, maxKeys: 6 });

/** Ways to write one value: js-yaml's and the yaml library's styles, as manifests come in both. */
const WRITERS: [string, (value: unknown) => string][] = [
  ['js-yaml', (value) => jsyaml.dump(value)],
  ['js-yaml flowLevel 1', (value) => jsyaml.dump(value, { flowLevel: 1 })],
  ['js-yaml flowLevel 2', (value) => jsyaml.dump(value, { flowLevel: 2 })],
  ['js-yaml lineWidth -1', (value) => jsyaml.dump(value, { lineWidth: -1 })],
  ['js-yaml lineWidth 20', (value) => jsyaml.dump(value, { lineWidth: 20 })],
  ['js-yaml forceQuotes', (value) => jsyaml.dump(value, { forceQuotes: true })],
  ['js-yaml double quotes', (value) => jsyaml.dump(value, { quotingType: '"' })],
  ['js-yaml noArrayIndent', (value) => jsyaml.dump(value, { noArrayIndent: true })],
  ['js-yaml indent 4', (value) => jsyaml.dump(value, { indent: 4 })],
  ['yaml', (value) => stringify(value)],
  ['yaml indentSeq false', (value) => stringify(value, { indentSeq: false })],
  ['yaml double quotes', (value) => stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })],
  ['yaml folded plain', (value) => stringify(value, { lineWidth: 24, minContentWidth: 0 })],
  ['yaml flow', (value) => stringify(value, { collectionStyle: 'flow' })],
  ['yaml block literal', (value) => stringify(value, { blockQuote: 'literal' })],
];

/** Hand-made variations of a written document: comments, blank lines and trailing spaces between its lines. */
const variation = fc.record({
  commentEvery: fc.integer({ min: 0, max: 4 }),
  blankEvery: fc.integer({ min: 0, max: 4 }),
  trailing: fc.constantFrom('', ' ', '  # c', '\t'),
  commentIndent: fc.constantFrom('', '  ', '      '),
  header: fc.constantFrom('', '---\n', '# Source: chart/templates/x.yaml\n', '---\n# Source: x\n'),
});

function vary(text: string, how: { commentEvery: number; blankEvery: number; trailing: string; commentIndent: string; header: string }): string {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    out.push(line === '' ? line : `${line}${i % 3 === 0 ? how.trailing : ''}`);
    if (how.commentEvery > 0 && i % how.commentEvery === 0) out.push(`${how.commentIndent}# comment ${i}`);
    if (how.blankEvery > 0 && i % how.blankEvery === 0) out.push('');
  });
  return how.header + out.join('\n');
}

describe('fastLoad against js-yaml on generated documents', () => {
  it('agrees on manifest-like values written in many styles', () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(manifest, fc.constantFrom(...WRITERS), (value, [, write]) => {
        let text: string;
        try {
          text = write(value);
        } catch {
          return; // a writer that cannot write this value
        }
        total++;
        if (agrees(text) === 'accepted') accepted++;
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // Most of these are ordinary YAML: a reader that gave up on everything would pass the rest.
    expect(accepted / total).toBeGreaterThan(0.5);
  });

  it('agrees when comments, blank lines and trailing spaces are added', () => {
    fc.assert(
      fc.property(manifest, fc.constantFrom(...WRITERS), variation, (value, [, write], how) => {
        let text: string;
        try {
          text = write(value);
        } catch {
          return;
        }
        agrees(vary(text, how));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('resolves every one-line plain scalar as js-yaml does', () => {
    // The reader runs js-yaml's implicit types only for scalars whose first character one of them accepts.
    const first = fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFNOTXYZ[\\]^_`abcdefnotxyz{|}~é'.split(''));
    const rest = fc.string({ unit: fc.constantFrom(...'0123456789+-.eEoxbOXBaAfFiInNlLuUsSrRtT_:~<'.split('')), maxLength: 8 });
    let accepted = 0;
    fc.assert(
      fc.property(first, rest, (head, tail) => {
        const scalar = head + tail;
        if (agrees(`k: ${scalar}\n`) === 'accepted') accepted++;
        agrees(`- ${scalar}\n`);
        agrees(`k: [${scalar}]\n`);
        agrees(`${scalar}: v\n`);
      }),
      { seed: SEED, numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(2500);
  });

  it('agrees on random YAML-like text', () => {
    const indentation = fc.constantFrom('', '', ' ', '  ', '  ', '    ', '   ', '\t', '      ');
    const lead = fc.constantFrom('', '', '', '- ', '- - ', '-', 'k: ', 'key:', 'a: ', '"q": ', "'s': ", '? ', ': ', '--- ', '... ', '# ', 'k:\t');
    const content = fc.constantFrom(
      '', 'x', 'yes', '0644', '1', '-1.5', 'a b', 'a: b', 'a:b', 'a #c', 'a#c', '"d q"', "'s q'", '"open', "'open", '"esc\\"x"', '"\\x41"', "'it''s'",
      '|', '|-', '>', '>+', '|2', '>1-', '| # c', '[', ']', '{', '}', '[a, b]', '{a: 1}', '[a, {b: c}]', '{a: [1, 2], b}', '[]', '{}', '&a x', '*a', '!t x', '<<: {}',
      '~', 'null', 'true', '.inf', '0x1f', '@', '`', '%', '  trailing  ', '"multi', 'line"', 'text # with comment', 'k: v', '- item', 'mode: 0644', ',', 'x,', ': x', '?x', '-x',
    );
    const line = fc.tuple(indentation, lead, content).map(([a, b, c]) => a + b + c);
    const document = fc.array(line, { minLength: 1, maxLength: 10 }).map((all) => all.join('\n'));
    let accepted = 0;
    fc.assert(
      fc.property(document, fc.boolean(), (text, finalLineFeed) => {
        if (agrees(finalLineFeed ? `${text}\n` : text) === 'accepted') accepted++;
      }),
      { seed: SEED, numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it('agrees on scalars continued over lines of random indentation', () => {
    // Block scalars, quoted and plain scalars continued on following lines, where js-yaml's rules
    // on indentation, blank lines, folding and chomping are the most intricate.
    const opener = fc.constantFrom('k: |', 'k: |-', 'k: |+', 'k: >', 'k: >-', 'k: >+', 'k: |1', 'k: >2-', 'k: |+3', '- |', '- >-', '  - k: >', 'k: "a', "k: 'a", 'k: a', '- a', 'k:', '-', 'k: [a,', 'k: {a: 1,');
    const continuation = fc.tuple(
      fc.constantFrom('', ' ', '  ', '   ', '    ', '      ', '\t', '  \t'),
      fc.constantFrom('', 'x', 'more text', '# c', 'k2: v', '- i', ' lead', 'trail ', 'a"b', "it''s", 'end"', "end'", '\\', 'b]', '}', '---', '...', 'x # c', 'y:'),
    );
    fc.assert(
      fc.property(opener, fc.array(continuation, { maxLength: 8 }), fc.constantFrom('', 'next: 1\n', '  deeper: 2\n', '- item\n'), (first, rest, after) => {
        agrees(`${first}\n${rest.map(([space, text]) => space + text).join('\n')}\n${after}`);
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });

  it('agrees on random characters', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab:- \n\n  #\'"[]{},|>.01yn\\\t&*!?%'.split(''), '\x07', '\x85', '\uD800', '\uDC00', '\u{1F600}'), maxLength: 40 });
    fc.assert(
      fc.property(text, (source) => {
        agrees(source);
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });
});

// The corpus of real manifests, found as test/corpus.test.ts finds it.
const setting = process.env.KUBEGATE_CORPUS;
const corpus = setting ? path.resolve(process.cwd(), setting) : undefined;
const inCI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());
const SKIP_REASON = 'fast YAML corpus differential: skipped because KUBEGATE_CORPUS is not set (e.g. KUBEGATE_CORPUS=../shared/corpus npx vitest run test/fast-yaml.test.ts)';
if (corpus === undefined && !inCI) console.warn(`kubegate ${SKIP_REASON}`);

/**
 * The share of the corpus' bytes the fast reader must answer for (it answers for 99.7% today):
 * below this, the speed-up it exists for is gone even if every answer is right.
 */
const MIN_ACCEPTED_BYTES = 0.97;

function corpusFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...corpusFiles(full));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) found.push(full);
  }
  return found.sort();
}

describe.runIf(corpus === undefined && inCI)('fast YAML corpus in CI', () => {
  it('is provided', () => {
    expect.fail('KUBEGATE_CORPUS is not set, but CI must compare the fast YAML reader on the corpus: set KUBEGATE_CORPUS=../shared/corpus');
  });
});

describe.skipIf(corpus === undefined)(corpus ? `fast YAML reader on the corpus at ${corpus}` : SKIP_REASON, () => {
  it(
    'agrees with js-yaml on every document it answers for, and answers for nearly all',
    () => {
      let bytes = 0;
      let acceptedBytes = 0;
      let documents = 0;
      const wrong: string[] = [];
      for (const file of corpusFiles(corpus!)) {
        const text = readFileSync(file, 'utf8');
        for (const span of splitDocuments(text)) {
          const source = text.slice(span.start, span.end);
          documents++;
          bytes += source.length;
          try {
            if (agrees(source) === 'accepted') acceptedBytes += source.length;
          } catch (error) {
            wrong.push(`${file}:${span.line}: ${String((error as Error).message).split('\n')[0]}`);
          }
        }
      }
      expect(documents).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
      expect(acceptedBytes / bytes).toBeGreaterThan(MIN_ACCEPTED_BYTES);
    },
    300_000,
  );
});
