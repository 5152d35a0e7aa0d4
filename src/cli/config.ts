import path from 'node:path';
import { rules } from '../../rules/index.js';
import { findConfigFile, loadConfigFile, type KubegateConfig } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import type { Severity } from '../core/types.js';
import { ConfigError, resolveRuleSetting, resolveSettings, type RuleSettings } from '../engine/settings.js';
import type { ConfigChoice } from './args.js';

export interface RunConfig {
  /** The file the configuration came from, when there is one. */
  file: string | undefined;
  config: KubegateConfig;
  resolved: ResolvedConfig | undefined;
  /** What `lint` runs with: the configuration's settings, then --rule. */
  settings: RuleSettings;
  /** What `drift` runs with, likewise: the settings of the drift rules. */
  driftSettings: RuleSettings;
}

/**
 * Every drift rule's id starts with `drift-` (a test holds them to it), so lint and drift settings,
 * which share the configuration's `rules`, are told apart without loading the drift rules: a
 * pre-commit run never pays for them.
 */
export const DRIFT_RULE_PREFIX = 'drift-';

function splitSettings(all: RuleSettings): { settings: RuleSettings; driftSettings: RuleSettings } {
  const settings: Record<string, RuleSettings[string]> = {};
  const driftSettings: Record<string, RuleSettings[string]> = {};
  for (const [id, setting] of Object.entries(all)) (id.startsWith(DRIFT_RULE_PREFIX) ? driftSettings : settings)[id] = setting;
  return { settings, driftSettings };
}

/** Checks drift rule settings (unknown ids, severities, options) once any are given. */
async function checkDriftSettings(driftSettings: RuleSettings): Promise<void> {
  if (Object.keys(driftSettings).length === 0) return;
  const { driftRules } = await import('../drift/rules/index.js');
  for (const id of Object.keys(driftSettings)) if (!driftRules.some((rule) => rule.meta.id === id)) throw new ConfigError(`unknown rule "${id}" in rule settings`);
  for (const rule of driftRules) resolveRuleSetting(rule.meta, driftSettings[rule.meta.id]);
}

/** The configuration a run uses: found from the working directory upward, named, or none; --rule wins over it. */
export async function runConfig(choice: ConfigChoice, overrides: Record<string, Severity | 'off'>, cwd: string): Promise<RunConfig> {
  const file = choice.kind === 'file' ? path.resolve(cwd, choice.file) : choice.kind === 'search' ? findConfigFile(cwd) : undefined;
  if (file === undefined) {
    const split = splitSettings(overrides);
    await checkDriftSettings(split.driftSettings);
    return { file: undefined, config: {}, resolved: undefined, ...split };
  }
  const loaded = await loadConfigFile(file, cwd);
  const shown = path.relative(cwd, loaded.file) || loaded.file;
  let resolved: ResolvedConfig;
  try {
    const { driftRules } = await import('../drift/rules/index.js');
    resolved = resolveConfig(loaded.config, loaded.file, cwd, rules, driftRules.map((rule) => rule.meta.id));
    // Unknown rules and options off a rule's schema, named with the file they are in.
    const split = splitSettings(resolved.settings);
    resolveSettings(rules, split.settings);
    await checkDriftSettings(split.driftSettings);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${shown}: ${error.message}`);
    throw error;
  }
  const settings: Record<string, RuleSettings[string]> = { ...resolved.settings };
  for (const [id, severity] of Object.entries(overrides)) {
    const current = settings[id];
    settings[id] = typeof current === 'object' ? { ...current, severity } : severity;
  }
  return { file: loaded.file, config: loaded.config, resolved, ...splitSettings(settings) };
}

/** The starter file `kubegate init` writes: every key shown, commented, with the schema line for editors. */
export const STARTER_CONFIG = `# yaml-language-server: $schema=./node_modules/kubegate/schemas/config.schema.json
# kubegate configuration. Every key is optional; \`kubegate rules\` lists the rule ids.

# Start from a preset: kubegate:recommended (the defaults), kubegate:strict (everything an error),
# kubegate:all (every rule on, also those off by default), or kubegate:pss-baseline /
# kubegate:pss-restricted (only the Pod Security Standards checks of that level).
extends: kubegate:recommended

# A severity per rule (off, info, warning, error), or [severity, options].
rules: {}
#  mutable-image-tag: error
#  liveness-probe-missing: off

# Environments: their files get the severities of a profile (development, staging, production,
# or one defined under profiles), and the Helm charts under their paths render once per
# environment with its values, set and namespace. The drift command compares them.
environments: {}
#  production:
#    paths: ["environments/production/**", "charts/**"]
#    values: ["charts/shop/values-production.yaml"]
#    set: ["image.tag=1.4.2"]
#    namespace: shop
#  dev:
#    paths: ["environments/dev/**"]
#    profile: development

# Severities for some files only, applied in order after the rules and profiles above.
overrides: []
#  - files: ["environments/production/**"]
#    rules:
#      recreate-strategy: error

# Files never to lint, relative to this file's folder.
ignorePatterns: []
#  - "charts/*/templates/**"

# Exit 1 when a finding is at least this severe (the --fail-on option wins).
failOn: error

# How Helm charts (folders with a Chart.yaml) render; each command-line option wins over its key.
helm: {}
#  values: ["charts/shop/values-production.yaml"]   # inside a chart's folder: that chart only
#  set: ["image.tag=1.4.2"]
#  releaseName: shop
#  kubeVersion: "1.31"
#  includeTests: false
#  binary: helm

# How Kustomize overlays (folders with a kustomization.yaml) render.
kustomize: {}
#  binary: kubectl
`;
