import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const tooDeep = (depth: number, line: number, column: number) => ({ messageId: 'tooDeep', data: { depth }, line, column, endLine: line, endColumn: column + 1 });
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';

const syntax = (detail: string, line: number, column: number, endColumn: number) => ({ messageId: 'syntax', data: { detail }, line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['yaml-syntax-error'], {
  valid: [
    { name: 'quotes, flow collections and a block scalar holding ---', fixture: 'valid.yaml' },
    { name: 'JSON manifest', code: '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}\n' },
    { name: 'a %YAML directive before the marker stays with its document', code: `%YAML 1.2\n---\n${CONFIG_MAP}` },
    { name: 'a byte-order mark opening a later document', code: `${CONFIG_MAP}---\n\uFEFF${CONFIG_MAP}` },
    { name: 'CR-only line ends', code: CONFIG_MAP.replace(/\n/g, '\r') },
    { name: 'merge keys and aliases that resolve', code: `${CONFIG_MAP}base: &base {a: "1"}\ndata:\n  <<: *base\n  b: *base\n` },
  ],
  invalid: [
    {
      name: 'unclosed quote and unclosed flow sequence, shown where they open; the document between is still read',
      fixture: 'invalid.yaml',
      errors: [
        syntax('Missing closing "quote', 6, 9, 10),
        syntax('Flow sequence in block collection must be sufficiently indented and end with a ]', 18, 10, 11),
      ],
    },
    {
      name: 'a tab used for indentation',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: settings\n',
      errors: [syntax('Tabs are not allowed as indentation', 4, 1, 2)],
    },
    {
      name: 'an alias to no anchor, shown on the alias',
      code: `${CONFIG_MAP}data:\n  a: *x\n`,
      errors: [syntax('unidentified alias "x"', 5, 6, 8)],
    },
    {
      name: 'an empty merge key, shown on the key',
      code: `${CONFIG_MAP}data:\n  <<:\n  b: "1"\n`,
      errors: [syntax('cannot merge mappings; the provided source object is unacceptable', 5, 3, 5)],
    },
    {
      name: 'a merge cycle',
      code: `${CONFIG_MAP}a: &a {<<: *b}\nb: &b {<<: *a}\n`,
      errors: [syntax('unidentified alias "b"', 4, 12, 14)],
    },
    {
      name: 'flow collections nested thousands deep, shown at the deepest point',
      code: `${CONFIG_MAP}data: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      errors: [tooDeep(5001, 4, 5006)],
    },
    {
      name: 'merge keys that expand past the alias budget, shown where the budget ran out',
      code: `${CONFIG_MAP}${Array.from({ length: 150 }, (_, i) => `k${i}: &a${i} {${i > 0 ? `<<: *a${i - 1}, ` : ''}v${i}: "${i}"}`).join('\n')}\n`,
      errors: [{ messageId: 'aliasBudget', data: { limit: 10000 }, line: 144, column: 23, endLine: 144, endColumn: 24 }],
    },
    {
      name: 'keys that are themselves collections, nested: refused before they cost exponential time',
      code: `${CONFIG_MAP}${'? '.repeat(400)}\n`,
      errors: [{ messageId: 'collectionKey', line: 4, column: 3, endLine: 4, endColumn: 801 }],
    },
    {
      name: 'block mappings nested thousands deep',
      code: `${CONFIG_MAP}data:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`,
      errors: [tooDeep(3001, 3004, 3001)],
    },
  ],
});
