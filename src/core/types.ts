/**
 * The project's shared vocabulary: what every layer speaks and none owns. This module imports
 * nothing of the project, so any layer may import it without forming a cycle.
 */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A step into a parsed object: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type ObjectPath = readonly PathSegment[];

/** Whether a finding on a mapping entry highlights its key or its value. */
export type HighlightTarget = 'key' | 'value';

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

/** How a source reached kubegate: a file on disk, standard input, or a renderer's output. */
export type SourceOrigin =
  | { kind: 'file' }
  | { kind: 'stdin' }
  | { kind: 'rendered'; renderer: 'helm' | 'kustomize'; input: string; environment?: string };

/** One input of a run as the report header names it: what was given, and how it was read. */
export interface InputDescription {
  /** As the user would type it from the working directory. */
  path: string;
  how: 'file' | 'folder' | 'pattern' | 'stdin' | 'helm' | 'kustomize';
  /** The command that rendered it, for charts and overlays (`helm template shop charts/shop -f values-prod.yaml`). */
  command?: string;
}

/** A file or standard input, already read and decoded. */
export interface Source {
  path: string;
  text: string;
  origin?: SourceOrigin;
  /** Set when the bytes could not be decoded as text; `text` is then empty. */
  encodingError?: { line: number; column: number; reason: string };
  /** Set when the input was larger than the run allows; `text` is then empty. `size` is unknown for a stream. */
  sizeLimit?: { limit: number; size?: number };
}

/**
 * A parsed document as the layers above the parser see it: where it is, and a way to turn a path
 * inside it into a range. The parser owns the implementation and its caches.
 */
export interface DocumentLocator {
  readonly file: string;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  rangeOf(path: ObjectPath, on?: HighlightTarget): Range;
  /** UTF-16 offsets in the file of what `rangeOf` would highlight, or undefined when the path does not fully exist. */
  spanOf(path: ObjectPath, on?: HighlightTarget): { start: number; end: number } | undefined;
  /**
   * Lets go of what answering has kept (what was read of the text to find earlier paths). The
   * next question reads again. Called once a resource's own checks are done: most of its findings
   * are then located, and a run over thousands of documents need not hold every one's reading.
   */
  forget?(): void;
  /**
   * The document's text as written, where there is one: a rule that looks for rare text in every
   * string of an object can rule most documents out with one search of it instead of a walk.
   */
  text?(): string;
}

/** The identity of a Kubernetes object as written. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The file an author edits to change what was linted, when the input was rendered. */
export interface FindingOrigin {
  file: string;
  line?: number;
}

/** A second place a finding involves: the other object of a cross-resource check, the other environment. */
export interface RelatedLocation {
  file: string;
  range: Range;
  resource?: ResourceRef;
  path?: ObjectPath;
  message: string;
}

export type SuppressionKind = 'annotation' | 'inline' | 'config' | 'baseline';

/** Why a finding is not counted: who silenced it and the reason they gave. */
export interface Suppression {
  kind: SuppressionKind;
  justification: string;
}

/** One replacement in a file's text, by UTF-16 offsets (end exclusive). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  file: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  message: string;
  severity: Severity;
  file: string;
  range: Range;
  resource?: ResourceRef;
  /** Path into the resource's object, as reported by the rule (before fallback to an existing parent). */
  path?: ObjectPath;
  related?: RelatedLocation[];
  origin?: FindingOrigin;
  /** Present, and not empty, when the finding was silenced; it is then kept for reports but not counted. */
  suppressions?: Suppression[];
  fix?: Fix;
  /** For a difference between environments: what each environment has, side by side. */
  sides?: DriftSide[];
}

/**
 * One environment's side of a difference: what it has (`from Secret checkout-secrets`), or
 * `null` when it lacks the thing; where, when it has it.
 */
export interface DriftSide {
  environment: string;
  value: string | null;
  file?: string;
  line?: number;
}

/** What a drift report needs beyond its findings: the environments, and which resource each has. */
export interface DriftOverview {
  environments: readonly { name: string; profile: string; inputs: readonly string[] }[];
  /** Every matched resource (`Deployment checkout`), with whether each environment has it, in the order of `environments`. */
  resources: readonly { resource: string; present: readonly boolean[] }[];
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
  internalErrors: InternalError[];
}

/** A rule that threw: a bug, reported so the run can finish and still fail loudly. */
export interface InternalError {
  message: string;
  /** For `--debug` only: it holds absolute paths and means nothing to a user. */
  stack?: string;
}

/**
 * What reports and docs need to know about a rule: its metadata without its code. Categories are
 * open, so custom rules can bring their own.
 */
export interface RuleDescriptor {
  id: string;
  category: string;
  severity: Severity;
  /** One line, shown by `kubegate rules` and as SARIF shortDescription. */
  description: string;
  /** Why it matters: the failure it prevents. */
  rationale: string;
  /** What to do about it. */
  remediation: string;
  messages: Readonly<Record<string, string>>;
  /**
   * How often a finding is a real problem, in SARIF's terms: `very-high` when the input is wrong
   * by definition (a quantity that cannot parse), `medium` when the finding depends on intent the
   * manifest cannot show. Code scanning ranks and filters alerts by it.
   */
  precision?: Precision;
  /**
   * For rules that find security weaknesses: a CVSS-like score from 0.1 to 10 that GitHub shows as
   * low (< 4), medium (< 7), high (< 9) or critical. Its presence makes the rule a security rule.
   */
  securitySeverity?: number;
  /**
   * False for advice that many teams reject on purpose (a CPU limit, recommended labels): the rule
   * runs only when a configuration or preset turns it on. Absent means on.
   */
  enabledByDefault?: boolean;
  /** The Pod Security Standards level and controls the rule checks, for rules that check one. */
  podSecurity?: PodSecurityControl;
  docsUrl?: string;
  fixable?: boolean;
}

/** A rule's help as reports show it: plain text and Markdown with the same content. */
export interface RuleHelp {
  text: string;
  markdown: string;
}

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/**
 * A control of the Kubernetes Pod Security Standards: its level (`restricted` includes every
 * baseline control) and the control names as the standard writes them, such as "Host Namespaces".
 */
export interface PodSecurityControl {
  level: 'baseline' | 'restricted';
  controls: readonly string[];
}

export function isActive(finding: Finding): boolean {
  return finding.suppressions === undefined || finding.suppressions.length === 0;
}

/**
 * Problems found while reading input, before any rule runs. They always exist, whatever rules a
 * run enables; the engine holds their metadata.
 */
export type DiagnosticId = 'yaml-syntax-error' | 'duplicate-key' | 'unrendered-template' | 'invalid-encoding' | 'incomplete-resource' | 'file-too-large' | 'internal-error' | 'yaml-version-ambiguity' | 'suppression-without-reason' | 'unused-suppression' | 'render-failed';
