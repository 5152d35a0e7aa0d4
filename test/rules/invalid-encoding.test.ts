import rule from '../../rules/invalid-encoding.js';
import { ruleTester } from '../rule-tester.js';

const message = (reason: string) => `Not UTF-8 text: ${reason}. Save the file as UTF-8; it was not checked.`;

ruleTester(rule, {
  valid: [{ name: 'UTF-8 with a non-ASCII name', fixture: 'valid.yaml' }],
  invalid: [
    {
      name: 'Latin-1 byte, shown at its character column',
      fixture: 'invalid.yaml',
      errors: [{ message: message('byte 0xE9 does not start a valid UTF-8 character'), line: 4, column: 12, endLine: 4, endColumn: 13 }],
    },
    {
      name: 'binary content',
      fixture: 'binary.yaml',
      errors: [{ message: message('the file is binary (it contains a NUL byte)'), line: 5, column: 3 }],
    },
    {
      name: 'UTF-16',
      fixture: 'utf16.yaml',
      errors: [{ message: message('the file is UTF-16 (it starts with a UTF-16 byte-order mark)'), line: 1, column: 1 }],
    },
  ],
});
