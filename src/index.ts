/**
 * kubegate as a library: the pure core (`lint`, and its stages for tools that need only part of
 * it), the rule API for custom rules, the built-in rules, and the types they speak.
 */
export type * from './core/types.js';
export { SEVERITIES, SEVERITY_RANK, isActive } from './core/types.js';
export { describeResource, formatMessage, formatPath } from './core/format.js';
export { findingIdentity, fingerprinter } from './core/fingerprint.js';
export { lint, compareFindings, type LintConfig, type LintRun } from './engine/lint.js';
export { buildModel, type Diagnostic, type Model } from './engine/model.js';
export { runRules, type RuleResults } from './engine/run.js';
export { suppress, type SuppressionDirective, type SuppressResult } from './engine/suppress.js';
export { resolveSettings, validateOptions, ConfigError, type RuleSetting, type RuleSettings, type ResolvedSettings } from './engine/settings.js';
export { applyFixes } from './engine/fix.js';
export { applyBaseline, baselineIdentity, BaselineError, createBaseline, parseBaseline, serializeBaseline, type Baseline, type BaselineResult, type StaleEntry } from './engine/baseline.js';
export { DIAGNOSTICS, DIAGNOSTIC_LIST, type DiagnosticMeta } from './engine/diagnostics.js';
export {
  defineRule,
  ruleCreator,
  describeRule,
  RULE_ID,
  type AnyRule,
  type FixRequest,
  type OptionsSchema,
  type RelatedRequest,
  type ReportDescriptor,
  type Rule,
  type RuleContext,
  type RuleMeta,
  type RuleOptionsMeta,
  type RuleRun,
} from './engine/rule.js';
export { ResourceIndex, type ExternalResources, type IndexOptions, type PodTemplate, type Presence } from './model/index.js';
export { ingressBackends, producedSecrets, referencesOf, type IngressBackend, type KeyReference, type ProducedSecret, type Reference } from './model/references.js';
export { formatSelector, isEmptySelector, labelsOf, readLabelSelector, readPlainSelector, selectorMatches, type LabelSelector, type SelectorRequirement } from './model/selector.js';
export { apiGroupOf, groupKind, isClusterScoped, podMetadataPathOf, WORKLOAD_KINDS, type GroupKind, type KindSelector } from './model/kinds.js';
export { isObject, resourceRef, type KubeObject, type Resource } from './model/resource.js';
export { containers, longRunningContainers, podSpec, runsToCompletion, type ContainerRef, type PodSpecRef } from './model/workload.js';
export { rules } from '../rules/index.js';
