import type { Finding, TextEdit } from '../core/types.js';

/**
 * Applies the fixes of `findings` that target `file` to its text. Edits that overlap an edit
 * already taken are left for a next pass, as two fixes of one span cannot both be right; only the
 * edited spans change, every other byte stays as it was.
 */
export function applyFixes(text: string, file: string, findings: readonly Finding[]): { text: string; applied: number } {
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (finding.fix?.file === file) for (const edit of finding.fix.edits) edits.push(edit);
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let at = 0;
  let applied = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    output += text.slice(at, edit.start) + edit.text;
    at = edit.end;
    applied++;
  }
  return { text: output + text.slice(at), applied };
}
