import type { Resource } from '../model/resource.js';
import type { ResourceIndex } from '../model/index.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A step into a parsed object: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type ObjectPath = readonly PathSegment[];

/**
 * Positions are 1-based lines and columns counted in UTF-16 code units; the end column is
 * exclusive (the column just past the last character), which is also SARIF's convention.
 */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type RuleCategory =
  | 'input'
  | 'probes'
  | 'resources'
  | 'rollout'
  | 'images';

/** Where a rule's findings come from: a check over resources, or the loader/parser itself. */
export type RuleStage = 'resource' | 'parse';

export interface RuleMeta<MessageId extends string = string> {
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** One line, shown by `kubegate rules` and as SARIF shortDescription. */
  description: string;
  /** Why it matters: the failure it prevents. */
  rationale: string;
  /** What to do about it. */
  remediation: string;
  /** Message templates with `{{placeholder}}` slots, keyed by message id. */
  messages: Record<MessageId, string>;
  /** Kinds the rule is run on; `workloads` means every kind with a pod template. Empty for parse rules. */
  kinds: readonly string[] | 'workloads';
  stage: RuleStage;
  /** A short manifest that triggers the rule and its fixed counterpart, for the generated docs. */
  example: { invalid: string; valid: string };
}

export interface ReportDescriptor<MessageId extends string = string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** Path into the resource's object; the engine turns it into a range, falling back to the nearest existing parent. */
  path: ObjectPath;
  /** Highlight the mapping key rather than its value (for example `revisionHistoryLimit` in `revisionHistoryLimit: 0`). */
  on?: 'key' | 'value';
}

export interface RuleContext<MessageId extends string = string> {
  readonly index: ResourceIndex;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  /** Absent for parse-stage rules, whose findings the parser produces. */
  check?: (resource: Resource, context: RuleContext<MessageId>) => void;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  resource?: ResourceRef;
  /** Path into the resource's object, as reported by the rule (before fallback to an existing parent). */
  path?: ObjectPath;
  /** The template an author edits, from Helm's `# Source:` comment, when the input is rendered chart output. */
  templateSource?: string;
}

/** A document the run did not lint, with the reason (not a Kubernetes object, empty file, ...). */
export interface Skip {
  file: string;
  line: number;
  reason: string;
}

export interface LintResult {
  findings: Finding[];
  skips: Skip[];
  /** Files read and resources linted, for the summary line. */
  fileCount: number;
  resourceCount: number;
  /** Rules that threw: a bug in kubegate, reported so the run can finish and still fail loudly. */
  internalErrors: string[];
}
