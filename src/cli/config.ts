import path from 'node:path';
import { rules } from '../../rules/index.js';
import { findConfigFile, loadConfigFile, type KubegateConfig } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import type { Severity } from '../core/types.js';
import type { RuleSettings } from '../engine/settings.js';
import type { ConfigChoice } from './args.js';

export interface RunConfig {
  /** The file the configuration came from, when there is one. */
  file: string | undefined;
  config: KubegateConfig;
  resolved: ResolvedConfig | undefined;
  /** What `lint` runs with: the configuration's settings, then --rule. */
  settings: RuleSettings;
}

/** The configuration a run uses: found from the working directory upward, named, or none; --rule wins over it. */
export async function runConfig(choice: ConfigChoice, overrides: Record<string, Severity | 'off'>, cwd: string): Promise<RunConfig> {
  const file = choice.kind === 'file' ? path.resolve(cwd, choice.file) : choice.kind === 'search' ? findConfigFile(cwd) : undefined;
  if (file === undefined) return { file: undefined, config: {}, resolved: undefined, settings: { ...overrides } };
  const loaded = await loadConfigFile(file, cwd);
  const resolved = resolveConfig(loaded.config, loaded.file, cwd, rules);
  const settings: Record<string, RuleSettings[string]> = { ...resolved.settings };
  for (const [id, severity] of Object.entries(overrides)) {
    const current = settings[id];
    settings[id] = typeof current === 'object' ? { ...current, severity } : severity;
  }
  return { file: loaded.file, config: loaded.config, resolved, settings };
}

/** The starter file `kubegate init` writes: every key shown, commented, with the schema line for editors. */
export const STARTER_CONFIG = `# yaml-language-server: $schema=./node_modules/kubegate/schemas/config.schema.json
# kubegate configuration. Every key is optional; \`kubegate rules\` lists the rule ids.

# Start from a preset: kubegate:recommended (the defaults), kubegate:strict (everything an error)
# or kubegate:all (every rule on).
extends: kubegate:recommended

# A severity per rule (off, info, warning, error), or [severity, options].
rules: {}
#  mutable-image-tag: error
#  liveness-probe-missing: off

# Severities for some files only, applied in order after the rules above.
overrides: []
#  - files: ["environments/production/**"]
#    rules:
#      recreate-strategy: error

# Files never to lint, relative to this file's folder.
ignorePatterns: []
#  - "charts/*/templates/**"

# Exit 1 when a finding is at least this severe (the --fail-on option wins).
failOn: error
`;
