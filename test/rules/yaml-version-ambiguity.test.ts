import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const boolean = (text: string, value: boolean, line: number, column: number) => ({ messageId: 'boolean', data: { text, value: String(value) }, line, column, endLine: line, endColumn: column + text.length });
const octal = (text: string, line: number, column: number) => ({
  messageId: 'octal',
  data: { text, decimal: String(Number(text)), octal: String(Number.parseInt(text, 8)), digits: text.replace(/^[-+]?0+/, '') },
  line,
  column,
  endLine: line,
  endColumn: column + text.length,
});

ruleTester(DIAGNOSTICS['yaml-version-ambiguity'], {
  valid: [
    { name: 'quoted text, block scalars, file modes in octal, 0o octal', fixture: 'valid.yaml' },
    { name: 'true, false, plain numbers and zero', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: true\n  b: 0\n  c: 10\n  d: yesterday\n' },
  ],
  invalid: [
    {
      name: 'a label, a flow sequence item, an env value and a number with a leading zero',
      fixture: 'invalid.yaml',
      errors: [boolean('yes', true, 6, 13), octal('010', 8, 12), boolean('on', true, 9, 11), boolean('n', false, 21, 18)],
    },
    {
      name: 'every spelling, keys included',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {Y: ON, N: Off, no: NO, memory: 0777}\n',
      errors: [boolean('Y', true, 4, 8), boolean('ON', true, 4, 11), boolean('N', false, 4, 15), boolean('Off', false, 4, 18), boolean('no', false, 4, 23), boolean('NO', false, 4, 27), octal('0777', 4, 39)],
    },
  ],
});
