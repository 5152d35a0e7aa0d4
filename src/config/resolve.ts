import path from 'node:path';
import type { Severity } from '../core/types.js';
import { DIAGNOSTIC_LIST } from '../engine/diagnostics.js';
import { ConfigError } from '../engine/settings.js';
import type { AnyRule } from '../engine/rule.js';
import type { RuleSettings } from '../engine/settings.js';
import type { EnvironmentCapacity, KubegateConfig } from './load.js';
import { picomatchLibrary } from './lazy.js';
import { BUILTIN_PROFILES } from './profiles.js';

/** What a configuration means for one run. */
export interface ResolvedConfig {
  /** Top-level settings: severities and options, over the rules' defaults. */
  settings: RuleSettings;
  /**
   * The severity a finding of `ruleId` in `file` gets after the overrides, when an override speaks
   * of it. `environment` names the environment a chart was rendered for, whose profile then applies
   * instead of that of the first environment whose paths match the file.
   */
  severityFor: ((file: string, ruleId: string, environment?: string) => Severity | 'off' | undefined) | undefined;
  /** Whether a file matches `ignorePatterns`. */
  ignored: (file: string) => boolean;
  failOn: Severity | undefined;
  namespace: string | undefined;
  partial: boolean | undefined;
  /** Whether the configuration declares an object outside the input; undefined when it declares none. */
  external: ((target: string, namespace: string | undefined, name: string) => boolean) | undefined;
  /** The environment a file belongs to (the first whose paths match), with its profile. */
  environmentOf: (file: string) => { name: string; profile: string } | undefined;
  /** Every environment, in the configuration's order, with its values files made absolute. */
  environments: ResolvedEnvironment[];
  /** How charts render, with paths made absolute (a binary given by name stays a name, looked for on PATH). */
  helm: { binary?: string; releaseName?: string; values?: string[]; set?: string[]; kubeVersion?: string; includeTests?: boolean };
  kustomize: { binary?: string };
  /** Differences the drift command is told to expect, as glob patterns. */
  driftAllow: string[];
}

export interface ResolvedEnvironment {
  name: string;
  profile: string;
  /** Whether a path as the run names it (relative to the working directory) is under the environment's paths. */
  contains: (file: string) => boolean;
  values: string[];
  set: string[];
  namespace: string | undefined;
  /** The environment's paths as the run names them (relative to the working directory): what the drift command reads. */
  paths: string[];
  /** Whether endpoints on localhost are expected there (a developer's own cluster). */
  local: boolean;
  capacity: EnvironmentCapacity | undefined;
}

/** A binary named in the configuration: a path is relative to the configuration's folder, a bare name is looked for on PATH. */
function binaryFrom(base: string, binary: string | undefined): string | undefined {
  if (binary === undefined) return undefined;
  return binary.includes('/') || binary.includes(path.sep) ? path.resolve(base, binary) : binary;
}

/**
 * Whether a rule belongs to a Pod Security Standards level: restricted includes every baseline
 * control, as the standard defines it.
 */
function checksLevel(rule: AnyRule, level: 'baseline' | 'restricted'): boolean {
  const own = rule.meta.podSecurity?.level;
  return own === 'baseline' || (own === 'restricted' && level === 'restricted');
}

/** What a preset sets before the configuration's own rules. */
function preset(name: KubegateConfig['extends'], rules: readonly AnyRule[]): RuleSettings {
  switch (name) {
    case 'kubegate:strict':
      // Rules that are off by default stay off: strict raises severities, it does not add advice.
      return Object.fromEntries([
        ...rules.filter((rule) => rule.meta.enabledByDefault !== false).map((rule) => [rule.meta.id, 'error']),
        ...DIAGNOSTIC_LIST.map((meta) => [meta.id, 'error']),
      ]);
    case 'kubegate:all':
      // Every rule on: those a default leaves off are turned on at the severity they declare.
      return Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.severity]));
    case 'kubegate:pss-baseline':
    case 'kubegate:pss-restricted': {
      // Exactly the standard's controls: a pod the admission controller would reject at this level
      // fails, and nothing else is said. Input checks stay, since a manifest that does not parse
      // cannot be judged.
      const level = name === 'kubegate:pss-baseline' ? 'baseline' : 'restricted';
      return Object.fromEntries(rules.map((rule) => [rule.meta.id, checksLevel(rule, level) ? 'error' : 'off']));
    }
    case 'kubegate:recommended':
    case undefined:
      return {};
  }
}

/**
 * Turns a validated configuration into settings for `lint`. Paths in it are relative to the folder
 * of the file it came from; files are matched by their path as the run names them, relative to
 * `cwd`. A rule a top-level setting turns off but an override turns on runs everywhere, and the
 * overrides then decide, file by file, what is kept.
 */
export function resolveConfig(config: KubegateConfig, configFile: string, cwd: string, rules: readonly AnyRule[], otherRuleIds: readonly string[] = []): ResolvedConfig {
  const base = path.dirname(configFile);
  const relative = (file: string) => path.relative(base, path.resolve(cwd, file)).split(path.sep).join('/');
  const settings: Record<string, RuleSettings[string]> = { ...preset(config.extends, rules) };
  for (const [id, value] of Object.entries(config.rules ?? {})) {
    settings[id] = Array.isArray(value) ? (value.length > 1 ? { severity: value[0], options: value[1]! } : value[0]) : value;
  }
  const known = new Set([...rules.map((rule) => rule.meta.id), ...DIAGNOSTIC_LIST.map((meta) => meta.id), ...otherRuleIds]);
  const checkIds = (where: string, ids: Record<string, unknown>) => {
    for (const id of Object.keys(ids)) if (!known.has(id)) throw new ConfigError(`${where}: unknown rule "${id}"`);
  };
  for (const [index, override] of (config.overrides ?? []).entries()) checkIds(`overrides[${index}].rules`, override.rules);
  for (const [name, profile] of Object.entries(config.profiles ?? {})) checkIds(`profiles.${name}.rules`, profile.rules);
  const environments = Object.entries(config.environments ?? {}).map(([name, environment]) => {
    const profile = environment.profile ?? name;
    const builtin = BUILTIN_PROFILES[profile];
    const own = config.profiles?.[profile]?.rules;
    if (!builtin && !own) {
      throw new ConfigError(`environments.${name}.profile is "${profile}"; allowed: ${[...Object.keys(BUILTIN_PROFILES), ...Object.keys(config.profiles ?? {})].join(', ')}`);
    }
    return {
      name,
      profile,
      matches: picomatchLibrary()(environment.paths, { dot: true }),
      rules: { ...builtin, ...own },
      values: (environment.values ?? []).map((file) => path.resolve(base, file)),
      set: environment.set ?? [],
      namespace: environment.namespace,
      paths: environment.paths.map((pattern) => path.relative(cwd, path.resolve(base, pattern)) || '.'),
      local: environment.local ?? name === 'local',
      capacity: environment.capacity,
    };
  });
  const environmentOf = (file: string) => {
    const name = relative(file);
    const found = environments.find((environment) => environment.matches(name));
    return found && { name: found.name, profile: found.profile };
  };
  // An environment's profile comes first, then the overrides in order.
  const overrides = [
    ...environments.map((environment) => ({ matches: environment.matches, rules: environment.rules, environment: environment.name as string | undefined })),
    ...(config.overrides ?? []).map((override) => ({ matches: picomatchLibrary()(override.files, { dot: true }), rules: override.rules, environment: undefined })),
  ];
  let severityFor: ResolvedConfig['severityFor'];
  if (overrides.length > 0) {
    for (const override of overrides) {
      for (const [id, severity] of Object.entries(override.rules)) {
        const current = settings[id];
        const currentSeverity = typeof current === 'object' ? current.severity : current;
        if (severity !== 'off' && currentSeverity === 'off') settings[id] = typeof current === 'object' ? { ...current, severity } : severity;
      }
    }
    const topLevel = (id: string): Severity | 'off' | undefined => {
      const value = config.rules?.[id];
      return Array.isArray(value) ? value[0] : value;
    };
    const perFile = new Map<string, Map<string, Severity | 'off'>>();
    severityFor = (file, ruleId, environment) => {
      const key = environment === undefined ? file : `${environment}\0${file}`;
      let chosen = perFile.get(key);
      if (!chosen) {
        chosen = new Map();
        const name = relative(file);
        let inEnvironment = false;
        for (const override of overrides) {
          if (override.environment !== undefined) {
            // A file is in one environment: the one it was rendered for, else the first that claims it.
            if (environment !== undefined ? override.environment !== environment : inEnvironment || !override.matches(name)) continue;
            inEnvironment = true;
          } else if (!override.matches(name)) {
            continue;
          }
          for (const [id, severity] of Object.entries(override.rules)) chosen.set(id, severity);
        }
        perFile.set(key, chosen);
      }
      return chosen.get(ruleId) ?? (topLevel(ruleId) === 'off' ? 'off' : undefined);
    };
  }
  const ignore = config.ignorePatterns && config.ignorePatterns.length > 0 ? picomatchLibrary()(config.ignorePatterns, { dot: true }) : undefined;
  return {
    settings,
    severityFor,
    ignored: (file) => ignore !== undefined && ignore(relative(file)),
    failOn: config.failOn,
    namespace: config.namespace,
    partial: config.partial,
    external: externalMatcher(config.externalResources),
    environmentOf,
    environments: environments.map(({ matches, rules: _rules, ...rest }) => ({ ...rest, contains: (file: string) => matches(relative(file)) })),
    helm: {
      ...config.helm,
      ...(config.helm?.binary === undefined ? {} : { binary: binaryFrom(base, config.helm.binary)! }),
      ...(config.helm?.values === undefined ? {} : { values: config.helm.values.map((file) => path.resolve(base, file)) }),
    },
    kustomize: config.kustomize?.binary === undefined ? {} : { binary: binaryFrom(base, config.kustomize.binary)! },
    driftAllow: config.drift?.allow ?? [],
  };
}

/** `externalResources` as one test; names may be glob patterns (`vault-*`). */
function externalMatcher(entries: KubegateConfig['externalResources']): ResolvedConfig['external'] {
  if (!entries || entries.length === 0) return undefined;
  const picomatch = picomatchLibrary();
  const compiled = entries.map((entry) => ({ kind: entry.kind, namespace: entry.namespace, matches: picomatch(entry.name) }));
  return (target, namespace, name) =>
    compiled.some((entry) => entry.kind === target && (entry.namespace === undefined || namespace === undefined || entry.namespace === namespace) && entry.matches(name));
}
