import { SEVERITIES, type DiagnosticId, type RuleDescriptor, type Severity } from '../core/types.js';
import { DIAGNOSTICS } from './diagnostics.js';
import { ajvLibrary, type AjvInstance, type Validate } from './lazy-ajv.js';
import { RULE_ID, type AnyRule, type OptionsSchema, type RuleOptionsMeta } from './rule.js';

/** How a run configures one rule or diagnostic: a severity, `off`, or a severity with options. */
export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off'; options?: Readonly<Record<string, unknown>> };

export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/** A setting that cannot be used: names what was set, where, and what is allowed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ResolvedRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
}

export interface ResolvedSettings {
  rules: ResolvedRule[];
  diagnostics: Readonly<Record<DiagnosticId, Severity | 'off'>>;
}

let ajv: AjvInstance | undefined;

function validator(schema: OptionsSchema): Validate {
  ajv ??= new (ajvLibrary().default)({ allErrors: false, strict: false });
  return ajv.compile(schema);
}

function describeError(error: NonNullable<Validate['errors']>[number]): string {
  const where = error.instancePath === '' ? 'options' : `options${error.instancePath.replace(/\//g, '.')}`;
  const allowed = error.params.allowedValues ? ` (allowed: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})` : '';
  const extra = error.params.additionalProperty ? ` "${String(error.params.additionalProperty)}"` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}${allowed}`;
}

/** Checks options against a schema; the message names the rule, the key and what is allowed. */
export function validateOptions(ruleId: string, schema: OptionsSchema, options: unknown): void {
  const validate = validator(schema);
  if (!validate(options)) {
    const error = validate.errors?.[0];
    throw new ConfigError(`rule ${ruleId}: ${error ? describeError(error) : 'options are invalid'}`);
  }
}

function severityOf(id: string, setting: RuleSetting | undefined, fallback: Severity): Severity | 'off' {
  const value = typeof setting === 'object' ? setting.severity ?? fallback : setting ?? fallback;
  if (value !== 'off' && !SEVERITIES.includes(value)) {
    throw new ConfigError(`rule ${id}: severity must be one of off, ${SEVERITIES.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * Turns a rule list and the user's settings into what a run executes: each enabled rule with its
 * severity and its options (defaults merged with what was set, validated once). Pure: no files.
 */
export function resolveSettings(rules: readonly AnyRule[], settings: RuleSettings = {}): ResolvedSettings {
  const byId = new Map<string, AnyRule>();
  for (const rule of rules) {
    const { id } = rule.meta;
    if (!RULE_ID.test(id)) throw new ConfigError(`rule id "${id}" is not kebab-case with an optional plugin prefix (such as acme/no-latest)`);
    if (byId.has(id) || Object.hasOwn(DIAGNOSTICS, id)) throw new ConfigError(`rule id "${id}" is defined twice`);
    byId.set(id, rule);
  }
  for (const id of Object.keys(settings)) {
    if (!byId.has(id) && !Object.hasOwn(DIAGNOSTICS, id)) throw new ConfigError(`unknown rule "${id}" in rule settings`);
  }
  const diagnostics = {} as Record<DiagnosticId, Severity | 'off'>;
  for (const meta of Object.values(DIAGNOSTICS)) {
    const setting = settings[meta.id];
    if (typeof setting === 'object' && setting.options !== undefined) throw new ConfigError(`rule ${meta.id} takes no options`);
    diagnostics[meta.id] = severityOf(meta.id, setting, meta.severity);
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const chosen = resolveRuleSetting(rule.meta, settings[rule.meta.id]);
    if (chosen) resolved.push({ rule, ...chosen });
  }
  return { rules: resolved, diagnostics };
}

/**
 * What one rule runs with, or undefined when it does not run: its severity (a rule off by default
 * runs once anything names it) and its options, defaults merged with what was set and validated.
 */
export function resolveRuleSetting(meta: Pick<RuleDescriptor, 'id' | 'severity' | 'enabledByDefault'> & { options?: RuleOptionsMeta<unknown> }, setting: RuleSetting | undefined): { severity: Severity; options: unknown } | undefined {
  if (meta.enabledByDefault === false && setting === undefined) return undefined;
  const severity = severityOf(meta.id, setting, meta.severity);
  if (severity === 'off') return undefined;
  const given = typeof setting === 'object' ? setting.options : undefined;
  let options: unknown = meta.options?.defaults;
  if (given !== undefined) {
    if (!meta.options) throw new ConfigError(`rule ${meta.id} takes no options`);
    options = { ...(meta.options.defaults as object), ...given };
    validateOptions(meta.id, meta.options.schema, options);
  }
  return { severity, options };
}
