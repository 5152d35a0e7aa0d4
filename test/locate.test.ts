import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locateFast } from '../src/parse/locate.js';
import { compareLocators, type DifferentialStats } from './support/locator-differential.js';

function located(text: string, pathInDoc: (string | number)[], on: 'key' | 'value' = 'value'): string | undefined {
  const span = locateFast(text, 0, text.length, pathInDoc, on);
  return span && text.slice(span.start, span.end);
}

describe('locateFast', () => {
  const manifest = [
    '# leading comment',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web # trailing comment',
    '  "quoted key": "a # not a comment"',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        args:',
    '          - --port=8080',
    '          - |',
    '            multi',
    '            line',
    '        image: nginx:1.25',
    '      -   name: side',
    '          ports: [{containerPort: 80}]',
    '      - ',
    '        name: third',
    '',
  ].join('\n');

  it('finds scalar values, skipping comments', () => {
    expect(located(manifest, ['metadata', 'name'])).toBe('web');
    expect(located(manifest, ['metadata', 'quoted key'])).toBe('"a # not a comment"');
  });
  it('highlights keys of collections and on request', () => {
    expect(located(manifest, ['spec', 'template'])).toBe('template');
    expect(located(manifest, ['metadata', 'name'], 'key')).toBe('name');
  });
  it('walks sequences written at the same indentation as their key', () => {
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 0])).toBe('name: web');
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe('nginx:1.25');
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 1, 'name'])).toBe('side');
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 2, 'name'])).toBe('third');
  });
  it('shows a block scalar by its indicator and a flow collection by its first line', () => {
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 0, 'args', 1])).toBe('|');
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 1, 'ports'])).toBe('[{containerPort: 80}]');
  });
  it('finds the scalars of a flow sequence written on one line', () => {
    const rule = 'rules:\n  - verbs: ["get", \'list\', watch ]\n    resources: [secrets,configmaps]\n    apiGroups: []\n';
    expect(located(rule, ['rules', 0, 'verbs', 0])).toBe('"get"');
    expect(located(rule, ['rules', 0, 'verbs', 1])).toBe("'list'");
    expect(located(rule, ['rules', 0, 'verbs', 2])).toBe('watch');
    expect(located(rule, ['rules', 0, 'verbs', 3])).toBeUndefined();
    expect(located(rule, ['rules', 0, 'resources', 1])).toBe('configmaps');
    expect(located('a: ["x, y", "z"]\n', ['a', 1])).toBe('"z"');
    expect(located('a: [b, c,]\n', ['a', 1])).toBe('c');
  });
  it('leaves flow sequences it cannot read in one line to the full parser', () => {
    expect(located('a: [b,\n  c]\n', ['a', 1])).toBeUndefined();
    expect(located('a: [[b], c]\n', ['a', 1])).toBeUndefined();
    expect(located('a: [b: c, d]\n', ['a', 1])).toBeUndefined();
    expect(located('a: [*x, c]\n', ['a', 1])).toBeUndefined();
    expect(located('a: [b, c] # note\n', ['a', 1])).toBe('c');
    expect(located('a: [b # note\n  , c]\n', ['a', 1])).toBeUndefined();
  });
  it('gives up on what it does not parse, so the full parser answers', () => {
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 1, 'ports', 0])).toBeUndefined();
    expect(located('{"kind": "Pod"}', ['kind'])).toBeUndefined();
    expect(located('a: &x {b: 1}\nc: *x\n', ['c'])).toBeUndefined();
    expect(located('a: 1\n<<: {b: 2}\n', ['b'])).toBeUndefined();
  });
  it('takes the last of duplicate keys, as Kubernetes does', () => {
    expect(located('a: 1\nb: 2\na: 3\n', ['a'])).toBe('3');
  });
  it('starts after a leading document marker', () => {
    expect(located('---\n# Source: chart/templates/pod.yaml\nkind: Pod\n', ['kind'])).toBe('Pod');
  });
  it('handles CRLF line ends', () => {
    expect(located('metadata:\r\n  name: web\r\n', ['metadata', 'name'])).toBe('web');
  });
  it('returns undefined for paths that do not exist', () => {
    expect(located(manifest, ['spec', 'replicas'])).toBeUndefined();
    expect(located(manifest, ['spec', 'template', 'spec', 'containers', 3])).toBeUndefined();
  });
});

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

function yamlFiles(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) found.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) found.push(full);
  }
  return found;
}

describe('fast locator agrees with the yaml library', () => {
  it('on every path of every fixture', () => {
    const stats: DifferentialStats = { compared: 0, fastAnswered: 0, disagreements: [] };
    compareLocators(
      [
        'a:\n  b:\n    - x\n    -\n      - y\n    - c: d\n      e: "f # g"\n  h: |\n    text\n  i: >-\n    folded\n  j:\n  k: plain\n    continued\n',
        "'single': 'it''s'\n\"double\": \"say \\\"hi\\\"\"\nlist:\n- - a\n  - b\n- {x: 1}\n",
      ].join('---\n'),
      stats,
    );
    for (const file of yamlFiles(FIXTURES)) compareLocators(readFileSync(file, 'utf8'), stats);
    expect(stats.disagreements).toEqual([]);
    expect(stats.fastAnswered).toBeGreaterThan(stats.compared / 3);
  });
});
