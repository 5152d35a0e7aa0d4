import path from 'node:path';
import type { Severity } from '../core/types.js';
import { DIAGNOSTIC_LIST } from '../engine/diagnostics.js';
import type { AnyRule } from '../engine/rule.js';
import type { RuleSettings } from '../engine/settings.js';
import type { KubegateConfig } from './load.js';
import { picomatchLibrary } from './lazy.js';

/** What a configuration means for one run. */
export interface ResolvedConfig {
  /** Top-level settings: severities and options, over the rules' defaults. */
  settings: RuleSettings;
  /** The severity a finding of `ruleId` in `file` gets after the overrides, when an override speaks of it. */
  severityFor: ((file: string, ruleId: string) => Severity | 'off' | undefined) | undefined;
  /** Whether a file matches `ignorePatterns`. */
  ignored: (file: string) => boolean;
  failOn: Severity | undefined;
}

/** What a preset sets before the configuration's own rules. */
function preset(name: KubegateConfig['extends'], rules: readonly AnyRule[]): RuleSettings {
  const ids = [...rules.map((rule) => rule.meta.id), ...DIAGNOSTIC_LIST.map((meta) => meta.id)];
  switch (name) {
    case 'kubegate:strict':
      return Object.fromEntries(ids.map((id) => [id, 'error']));
    case 'kubegate:all':
      // Every rule on: those a default leaves off are turned on at the severity they declare.
      return Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.severity]));
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
export function resolveConfig(config: KubegateConfig, configFile: string, cwd: string, rules: readonly AnyRule[]): ResolvedConfig {
  const base = path.dirname(configFile);
  const relative = (file: string) => path.relative(base, path.resolve(cwd, file)).split(path.sep).join('/');
  const settings: Record<string, RuleSettings[string]> = { ...preset(config.extends, rules) };
  for (const [id, value] of Object.entries(config.rules ?? {})) {
    settings[id] = Array.isArray(value) ? (value.length > 1 ? { severity: value[0], options: value[1]! } : value[0]) : value;
  }
  const overrides = (config.overrides ?? []).map((override) => ({
    matches: picomatchLibrary()(override.files, { dot: true }),
    rules: override.rules,
  }));
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
    severityFor = (file, ruleId) => {
      let chosen = perFile.get(file);
      if (!chosen) {
        chosen = new Map();
        const name = relative(file);
        for (const override of overrides) {
          if (!override.matches(name)) continue;
          for (const [id, severity] of Object.entries(override.rules)) chosen.set(id, severity);
        }
        perFile.set(file, chosen);
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
  };
}
