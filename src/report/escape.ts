/**
 * Control characters, and the Unicode marks that reorder text, as visible escapes. Manifests
 * write names, images, keys and file names into reports; printed raw, an escape sequence in one
 * could clear a CI log or paint a forged "No problems found" over the real result.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Printable ASCII is most of any report, and a plain range test clears it several times faster. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

export function escapeControl(text: string): string {
  if (!NOT_PRINTABLE_ASCII.test(text)) return text;
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `1 file`, `2 files`: counts in report sentences. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
