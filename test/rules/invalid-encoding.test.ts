import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const encoding = (reason: string, line: number, column: number, endColumn: number) => ({ messageId: 'encoding', data: { reason }, line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['invalid-encoding'], {
  valid: [{ name: 'UTF-8 with a non-ASCII name', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'Latin-1 byte, shown at its character column',
      fixture: 'invalid.yaml',
      errors: [encoding('byte 0xE9 does not start a valid UTF-8 character', 4, 12, 13)],
    },
    {
      name: 'binary content',
      fixture: 'binary.yaml',
      errors: [encoding('the file is binary (it contains a NUL byte)', 5, 3, 4)],
    },
    {
      name: 'UTF-16',
      fixture: 'utf16.yaml',
      errors: [encoding('the file is UTF-16 (it starts with a UTF-16 byte-order mark)', 1, 1, 2)],
    },
    {
      name: 'a file with CR-only line ends counts lines at the CRs, as the parser does',
      fixture: 'cr-only.yaml',
      errors: [encoding('byte 0xE9 does not start a valid UTF-8 character', 3, 21, 22)],
    },
    {
      name: 'UTF-32, whose little-endian mark begins like UTF-16\'s',
      fixture: 'utf32.yaml',
      errors: [encoding('the file is UTF-32 (it starts with a UTF-32 byte-order mark)', 1, 1, 2)],
    },
  ],
});
