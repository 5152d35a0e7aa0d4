import { builtinRuleDocsUrl } from '../core/tool.js';
import type { HighlightTarget, ObjectPath, RuleDescriptor } from '../core/types.js';
import type { RuleOptionsMeta } from '../engine/rule.js';
import type { Model } from '../engine/model.js';
import type { Resource } from '../model/resource.js';

/** What an environment's cluster can schedule, in cores and bytes. */
export interface Capacity {
  cpu?: number;
  memory?: number;
  totalCpu?: number;
  totalMemory?: number;
}

/** One environment of a comparison: its objects and what kind of environment it is. */
export interface DriftEnvironment {
  name: string;
  profile: string;
  /** 0 development, 1 staging and custom profiles, 2 production: a gap weighs more where this is higher. */
  strictness: number;
  /** A developer's own cluster, where localhost endpoints are expected. */
  local: boolean;
  capacity: Capacity | undefined;
  model: Model;
  /** The name an object of this environment is matched by, without the environment's prefixes and suffixes. */
  canonicalName(groupKind: string, name: string): string;
}

/** One object as it exists across environments: `members[i]` is environment i's copy, if it has one. */
export interface MatchedResource {
  groupKind: string;
  kind: string;
  /** The canonical name, as the comparison names the object in every environment. */
  name: string;
  members: readonly (Resource | undefined)[];
}

/** A place in one environment's copy of an object. */
export interface DriftPlace {
  environment: number;
  resource: Resource;
  path: ObjectPath;
  on?: HighlightTarget;
}

/**
 * One difference, reported in the environment that lacks the thing or has the bad value, with
 * each environment's side for the reports that show them next to each other.
 */
export interface Difference<MessageId extends string = string> {
  messageId: MessageId;
  data: Record<string, string | number>;
  /** Where the finding goes: the place in the environment that lacks the thing or has the bad value. */
  at: DriftPlace;
  /** The other environments' places, each with what it has there. */
  related: (DriftPlace & { message: string })[];
  /** Every environment that has a say, with what it has (`null` where it lacks it). */
  sides: { environment: number; value: string | null; place?: DriftPlace }[];
  /** `Deployment/checkout/app/env/DATABASE_URL`: what `drift.allow` patterns are matched against. */
  subject: string;
  /** The object the difference is about, as reports group them: `Deployment checkout`. */
  resource: string;
  /** What differs, short, for tables: `env DATABASE_URL (container app)`. */
  what: string;
  /** One severity lower: the environment lacking the thing is less strict than one that has it. */
  downgrade?: boolean;
}

export interface DriftRuleMeta<MessageId extends string, Options> extends Omit<RuleDescriptor, 'messages'> {
  messages: Readonly<Record<MessageId, string>>;
  options?: RuleOptionsMeta<Options>;
}

export interface DriftContext<MessageId extends string, Options> {
  environments: readonly DriftEnvironment[];
  resources: readonly MatchedResource[];
  options: Options;
  report(difference: Difference<MessageId>): void;
}

/** A comparison between environments: one kind of difference, configurable like a lint rule. */
export interface DriftRule<MessageId extends string = string, Options = undefined> {
  meta: DriftRuleMeta<MessageId, Options>;
  compare(context: DriftContext<MessageId, Options>): void;
}

export type AnyDriftRule = DriftRule<string, any>;

/** Defines a drift rule, its docs URL derived from its id as lint rules' are. */
export function defineDriftRule<MessageId extends string, Options = undefined>(rule: DriftRule<MessageId, Options>): DriftRule<MessageId, Options> {
  return { ...rule, meta: { ...rule.meta, docsUrl: rule.meta.docsUrl ?? builtinRuleDocsUrl(rule.meta.id) } };
}
