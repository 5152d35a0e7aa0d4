import type { LintResult, Rule } from '../engine/types.js';

export interface ReportContext {
  /** Every rule of the run, so reports can describe rules that found nothing (SARIF lists them all). */
  rules: readonly Rule[];
  /** kubegate's version, for tool metadata. */
  version: string;
  /** The directory file paths are relative to. */
  cwd: string;
  /** Whether ANSI colours may be used (a terminal that is not NO_COLOR). */
  color: boolean;
}

/** A reporter is pure: it turns one run into the text to write, and never writes it itself. */
export type Reporter = (result: LintResult, context: ReportContext) => string;
