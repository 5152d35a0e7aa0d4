import type { Reporter } from './types.js';

/**
 * Every output format in one table: the CLI's `--format` choices, its help text and its dispatch
 * all read it. Reporters load on demand, so a text run never pays for the SARIF code.
 */
export const REPORT_FORMATS = {
  text: { description: 'for people: findings grouped by file, with a summary', load: async () => (await import('./text.js')).textReporter },
  json: { description: 'one object per finding, for scripts', load: async () => (await import('./json.js')).jsonReporter },
  sarif: { description: 'SARIF 2.1.0, for GitHub code scanning and other SARIF viewers', load: async () => (await import('./sarif.js')).sarifReporter },
} as const satisfies Record<string, { description: string; load: () => Promise<Reporter> }>;

export type FormatName = keyof typeof REPORT_FORMATS;

export const FORMAT_NAMES = Object.keys(REPORT_FORMATS) as FormatName[];

export function loadReporter(format: FormatName): Promise<Reporter> {
  return REPORT_FORMATS[format].load();
}
