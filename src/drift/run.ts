import { formatMessage } from '../core/format.js';
import type { DriftOverview, Finding, InternalError, RelatedLocation, Severity, Source } from '../core/types.js';
import { buildModel, type Model } from '../engine/model.js';
import type { RuleSettings } from '../engine/settings.js';
import { resolveRuleSetting } from '../engine/settings.js';
import type { IndexOptions } from '../model/index.js';
import { parseQuantity } from '../model/quantity.js';
import { resourceRef } from '../model/resource.js';
import { canonicalNamers, matchResources, strictnessOf } from './match.js';
import type { AnyDriftRule, Capacity, Difference, DriftEnvironment, DriftPlace } from './rule.js';

/** One environment as the command gathered it: its name, profile, and the manifests it renders to. */
export interface EnvironmentInput {
  name: string;
  profile: string;
  local: boolean;
  capacity?: CapacityInput;
  sources: Iterable<Source>;
  world?: IndexOptions;
}

export interface DriftRun {
  findings: Finding[];
  overview: Omit<DriftOverview, 'environments'> & { environments: { name: string; profile: string }[] };
  internalErrors: InternalError[];
  /** Each environment's model, for the counts in the summary and the input problems it holds. */
  models: Model[];
}

/** A capacity that is not a quantity: a mistake in the configuration, reported before anything runs. */
export class CapacityError extends Error {}

/** A capacity as the configuration writes it: quantities such as 4, 3500m or 16Gi. */
export interface CapacityInput {
  cpu?: string | number;
  memory?: string | number;
  totalCpu?: string | number;
  totalMemory?: string | number;
}

export function parseCapacity(environment: string, raw: CapacityInput | undefined): Capacity | undefined {
  if (!raw) return undefined;
  const capacity: Capacity = {};
  for (const field of ['cpu', 'memory', 'totalCpu', 'totalMemory'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    const amount = parseQuantity(value);
    if (amount === undefined || amount <= 0) throw new CapacityError(`environments.${environment}.capacity.${field} is ${JSON.stringify(value)}: it must be a quantity such as ${field.toLowerCase().includes('cpu') ? '4 or 3500m' : '16Gi'}`);
    capacity[field] = amount;
  }
  return capacity;
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

function rangeOf(place: DriftPlace) {
  return place.resource.document.rangeOf([...place.resource.basePath, ...place.path], place.on ?? 'value');
}

function toFinding(rule: AnyDriftRule, severity: Severity, difference: Difference, environments: readonly DriftEnvironment[]): Finding {
  const template = rule.meta.messages[difference.messageId];
  if (template === undefined) throw new Error(`drift rule ${rule.meta.id} reported unknown message id "${difference.messageId}"`);
  const { at } = difference;
  const data = { ...difference.data, resource: difference.resource, what: difference.what, environment: environments[at.environment]!.name };
  const finding: Finding = {
    ruleId: rule.meta.id,
    messageId: difference.messageId,
    data,
    message: formatMessage(template, data),
    severity: difference.downgrade ? LOWER[severity] : severity,
    file: at.resource.document.file,
    range: rangeOf(at),
    resource: resourceRef(at.resource),
    path: at.path,
    sides: difference.sides.map((side) => {
      const place = side.place;
      return place
        ? { environment: environments[side.environment]!.name, value: side.value, file: place.resource.document.file, line: rangeOf(place).line }
        : { environment: environments[side.environment]!.name, value: side.value };
    }),
  };
  if (at.resource.origin) finding.origin = at.resource.origin;
  if (difference.related.length > 0) {
    finding.related = difference.related.map((related): RelatedLocation => ({
      file: related.resource.document.file,
      range: rangeOf(related),
      resource: resourceRef(related.resource),
      path: related.path,
      message: related.message,
    }));
  }
  return finding;
}

/**
 * Compares environments: reads each into a model (no lint rule runs), matches objects across
 * them and runs every enabled drift rule once over the matches. Linear in the number of objects:
 * matching is one map, and each rule visits each match once.
 */
export function compareEnvironments(inputs: readonly EnvironmentInput[], options: { rules: readonly AnyDriftRule[]; settings: RuleSettings; allowed?: (subject: string) => boolean }): DriftRun {
  const models = inputs.map((input) => buildModel(input.sources, input.world));
  const namers = canonicalNamers(inputs.map((input, i) => ({ name: input.name, resources: models[i]!.resources })));
  const environments: DriftEnvironment[] = inputs.map((input, i) => ({
    name: input.name,
    profile: input.profile,
    strictness: strictnessOf(input.profile),
    local: input.local,
    capacity: parseCapacity(input.name, input.capacity),
    model: models[i]!,
    canonicalName: namers[i]!,
  }));
  const resources = matchResources(environments);
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  for (const rule of options.rules) {
    const chosen = resolveRuleSetting(rule.meta, options.settings[rule.meta.id]);
    if (!chosen) continue;
    try {
      rule.compare({
        environments,
        resources,
        options: chosen.options,
        report(difference) {
          if (options.allowed?.(difference.subject)) return;
          findings.push(toFinding(rule, chosen.severity, difference, environments));
        },
      });
    } catch (error) {
      const message = `drift rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`;
      internalErrors.push(error instanceof Error && error.stack ? { message, stack: error.stack } : { message });
    }
  }
  return {
    findings,
    overview: {
      environments: environments.map(({ name, profile }) => ({ name, profile })),
      resources: resources.map((resource) => ({ resource: `${resource.kind} ${resource.name}`, present: resource.members.map((member) => member !== undefined) })),
    },
    internalErrors,
    models,
  };
}
