import { readFileSync } from 'node:fs';

/**
 * A rule's documented example (`docs/examples/<rule>/valid.yaml` or `invalid.yaml`). Every rule's
 * tests lint its examples, so that the docs never show a finding the rule does not make; where
 * the examples live is said once, here.
 */
export function docsExample(rule: { meta: { id: string } }, which: 'valid' | 'invalid'): string {
  return readFileSync(new URL(`../../docs/examples/${rule.meta.id}/${which}.yaml`, import.meta.url), 'utf8');
}

/** The range of a finding within one line, as the rule tester compares it. */
export const at = (line: number, column: number, endColumn: number) => ({ line, column, endLine: line, endColumn });
