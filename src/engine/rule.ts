import type { HighlightTarget, ObjectPath, RuleDescriptor } from '../core/types.js';
import type { ResourceIndex } from '../model/index.js';
import type { KindSelector } from '../model/kinds.js';
import type { Resource } from '../model/resource.js';

/** A JSON schema for a rule's options, validated once per run when a user sets options. */
export type OptionsSchema = Readonly<Record<string, unknown>>;

export interface RuleOptionsMeta<Options> {
  schema: OptionsSchema;
  /** What the rule runs with when nobody configures it; user options are merged over these. */
  defaults: Options;
}

export interface RuleMeta<MessageId extends string = string, Options = undefined> extends Omit<RuleDescriptor, 'messages'> {
  /** Message templates with `{{placeholder}}` slots, keyed by message id. */
  messages: Readonly<Record<MessageId, string>>;
  /** The kinds the rule is run on, through the kind registry. */
  appliesTo: KindSelector;
  options?: RuleOptionsMeta<Options>;
  /**
   * `resource`: the rule looks at one resource at a time and never at the index, so a run whose
   * rules are all like it can lint each document as it is read and let go of its objects. `set`: it
   * relates resources to each other. Rules defined with `check` default to `resource`, rules
   * defined with `create` to `set`.
   */
  scope?: RuleScope;
}

export type RuleScope = 'resource' | 'set';

/** Replaces what a path highlights (a scalar value, or a key) with new text. */
export interface FixRequest {
  path: ObjectPath;
  on?: HighlightTarget;
  text: string;
}

export interface RelatedRequest {
  resource: Resource;
  path: ObjectPath;
  on?: HighlightTarget;
  message: string;
}

export interface ReportDescriptor<MessageId extends string = string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** Path into the resource's object; the engine turns it into a range, falling back to the nearest existing parent. */
  path: ObjectPath;
  /** Highlight the mapping key rather than its value (for example `revisionHistoryLimit` in `revisionHistoryLimit: 0`). */
  on?: HighlightTarget;
  /** The resource the finding is on: by default the one being checked; required when reporting from `finish`. */
  resource?: Resource;
  related?: RelatedRequest[];
  fix?: FixRequest;
  /**
   * Report one severity below the rule's configured one (error → warning → info), for the
   * weaker case of a rule: configuring the rule moves both cases together.
   */
  downgrade?: boolean;
}

export interface RuleContext<MessageId extends string = string, Options = undefined> {
  /** Every resource of the run, read-only; for rules of scope `resource`, only those of the document at hand. */
  readonly index: ResourceIndex;
  /** Defaults merged with what the user set; treat as read-only. */
  readonly options: Options;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

/** What a rule does in one run: a check per resource it applies to, then an optional finish. */
export interface RuleRun {
  check?(resource: Resource): void;
  finish?(): void;
}

export interface Rule<MessageId extends string = string, Options = undefined> {
  meta: RuleMeta<MessageId, Options>;
  /** Called once per run with the whole index, before any check: per-run state lives in its closure. */
  create(context: RuleContext<MessageId, Options>): RuleRun;
}

/** Any rule, whatever its messages and options: what registries and the runner hold. */
export type AnyRule = Rule<string, any>;

type RuleDefinition<MessageId extends string, Options> =
  | { meta: RuleMeta<MessageId, Options>; create(context: RuleContext<MessageId, Options>): RuleRun }
  | { meta: RuleMeta<MessageId, Options>; check(resource: Resource, context: RuleContext<MessageId, Options>): void };

/**
 * Defines a rule. A rule that looks at one resource at a time gives `check`; one that needs the
 * whole set once (every reference before deciding what is unused) gives `create`. Either way the
 * rule ties its `report` calls to its own message ids at compile time.
 */
export function defineRule<MessageId extends string, Options = undefined>(definition: RuleDefinition<MessageId, Options>): Rule<MessageId, Options> {
  if ('create' in definition) return { meta: { ...definition.meta, scope: definition.meta.scope ?? 'set' }, create: definition.create };
  const { check } = definition;
  return { meta: { ...definition.meta, scope: definition.meta.scope ?? 'resource' }, create: (context) => ({ check: (resource) => check(resource, context) }) };
}

/**
 * A `defineRule` that derives each rule's docs URL from its id, so a rule set never writes the
 * URL twice. Plugins make their own with their docs base.
 */
export function ruleCreator(docsUrl: (id: string) => string): typeof defineRule {
  return (definition) => {
    const rule = defineRule(definition);
    return { ...rule, meta: { ...rule.meta, docsUrl: rule.meta.docsUrl ?? docsUrl(rule.meta.id) } };
  };
}

/** A rule's metadata without its code, for reports. */
export function describeRule(meta: RuleDescriptor): RuleDescriptor {
  const descriptor: RuleDescriptor = {
    id: meta.id,
    category: meta.category,
    severity: meta.severity,
    description: meta.description,
    rationale: meta.rationale,
    remediation: meta.remediation,
    messages: meta.messages,
  };
  if (meta.precision !== undefined) descriptor.precision = meta.precision;
  if (meta.securitySeverity !== undefined) descriptor.securitySeverity = meta.securitySeverity;
  if (meta.enabledByDefault !== undefined) descriptor.enabledByDefault = meta.enabledByDefault;
  if (meta.podSecurity !== undefined) descriptor.podSecurity = meta.podSecurity;
  if (meta.docsUrl !== undefined) descriptor.docsUrl = meta.docsUrl;
  if (meta.fixable !== undefined) descriptor.fixable = meta.fixable;
  return descriptor;
}

/** Rule ids are kebab-case, optionally with a plugin prefix: `acme/no-foo`. */
export const RULE_ID = /^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*\/)?[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
