import type { ChunkedReporter } from './types.js';

/**
 * Every output format in one table: the CLI's `--format` choices, its help text and its dispatch
 * all read it. Reporters load on demand, so a text run never pays for the SARIF code.
 */
export const REPORT_FORMATS = {
  text: { description: 'for people: findings grouped by file, with a summary', load: async () => (await import('./text.js')).textChunks },
  json: { description: 'one object per finding, for scripts', load: async () => (await import('./json.js')).jsonChunks },
  sarif: { description: 'SARIF 2.1.0, for GitHub code scanning and other SARIF viewers', load: async () => wholeReport((await import('./sarif.js')).sarifReporter) },
  github: { description: 'GitHub Actions workflow commands: one annotation per finding', load: async () => (await import('./github.js')).githubChunks },
  junit: { description: 'JUnit XML: a test suite per file, a failed case per finding', load: async () => (await import('./junit.js')).junitChunks },
} as const satisfies Record<string, { description: string; load: () => Promise<ChunkedReporter> }>;

/** A format whose text is made in one piece (SARIF is one JSON document with cross-references). */
function wholeReport(reporter: (...args: Parameters<ChunkedReporter>) => string): ChunkedReporter {
  return (result, context) => [reporter(result, context)];
}

export type FormatName = keyof typeof REPORT_FORMATS;

export const FORMAT_NAMES = Object.keys(REPORT_FORMATS) as FormatName[];

export function loadReporter(format: FormatName): Promise<ChunkedReporter> {
  return REPORT_FORMATS[format].load();
}
