import { Buffer, isUtf8 } from 'node:buffer';
import type { Source } from '../core/types.js';

/** For counting columns in a prefix that may hold other bad bytes (a binary file's header before its NUL). */
const lenientDecoder = new TextDecoder('utf-8');

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    // A line ends at LF, and at a CR not followed by LF, as the parser counts lines.
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, so decode the valid prefix of the line to count them.
  const column = lenientDecoder.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

/** Length of a well-formed UTF-8 sequence starting at `i`, or 0 when the bytes there are not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  if (first < 0x80) return 1;
  let length: number;
  let min: number;
  if (first >= 0xc2 && first <= 0xdf) [length, min] = [2, 0x80];
  else if (first >= 0xe0 && first <= 0xef) [length, min] = [3, 0x800];
  else if (first >= 0xf0 && first <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (i + length > bytes.length) return 0;
  let codePoint = first & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k]!;
    if ((next & 0xc0) !== 0x80) return 0;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return 0;
  return length;
}

function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * Turns a file's bytes into a Source. A manifest must be UTF-8 text; anything else becomes a
 * Source carrying the reason and the first offending position, which the parser reports as an
 * `invalid-encoding` finding so the run goes on with the other files.
 */
export function decodeSource(path: string, bytes: Uint8Array): Source {
  // UTF-32's marks first: the little-endian one begins with UTF-16's.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    return { path, text: '', encodingError: { line: 1, column: 1, reason: 'the file is UTF-32 (it starts with a UTF-32 byte-order mark)' } };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { path, text: '', encodingError: { line: 1, column: 1, reason: 'the file is UTF-16 (it starts with a UTF-16 byte-order mark)' } };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { path, text: '', encodingError: { ...lineAndColumn(bytes, nul), reason: 'the file is binary (it contains a NUL byte)' } };
  }
  // isUtf8 and toString are native and several times faster than a fatal TextDecoder on the
  // megabytes a rendered chart holds. The byte-order mark is dropped as TextDecoder drops it.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  const offset = firstInvalidByte(bytes);
  const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  return { path, text: '', encodingError: { ...lineAndColumn(bytes, offset), reason: `byte 0x${byte} does not start a valid UTF-8 character` } };
}
