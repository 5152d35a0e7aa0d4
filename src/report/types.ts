import type { DriftOverview, InputDescription, LintResult, RuleDescriptor, RuleHelp } from '../core/types.js';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export interface ReportContext {
  tool: ToolInfo;
  /** Every rule of the run, so reports can describe rules that found nothing (SARIF lists them all). */
  rules: readonly RuleDescriptor[];
  /** The directory file paths are relative to. */
  cwd: string;
  /** Whether ANSI colours may be used (a terminal that is not NO_COLOR). */
  color: boolean;
  /** Findings left out of this report on request (`--quiet` hides warnings and infos), so the summary can say so. */
  hidden?: number;
  /** Why the run fails on its findings (`2 warnings exceed --max-warnings 0`), for reports that end with a summary. */
  failure?: string;
  /** What separates this run's results from other runs' (one per environment, one per shard) where reports are uploaded. */
  category?: string;
  /** The inputs of the run and how each was read; the text report's header names the rendered ones. */
  inputs?: readonly InputDescription[];
  /** Each rule's long help (why, how to fix, an example), for reports that carry it; absent, they build it from the metadata. */
  help?: (ruleId: string) => RuleHelp | undefined;
  /** Set for `kubegate drift`: the environments compared, for reports that lay them side by side. */
  drift?: DriftOverview;
}

/** A reporter is pure: it turns one run into the text to write, and never writes it itself. */
export type Reporter = (result: LintResult, context: ReportContext) => string;

/**
 * The same text in pieces, in order: the CLI writes each piece as it comes, so a report of
 * hundreds of megabytes is never held whole next to the findings it describes.
 */
export type ChunkedReporter = (result: LintResult, context: ReportContext) => Iterable<string>;
