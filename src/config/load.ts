import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { ConfigError } from '../engine/settings.js';
import { cosmiconfigLibrary } from './lazy.js';
import { configValidator, type SchemaError } from './validate.js';

export type Severity = 'off' | 'info' | 'warning' | 'error';

export interface KubegateConfig {
  $schema?: string;
  extends?: 'kubegate:recommended' | 'kubegate:strict' | 'kubegate:all' | 'kubegate:pss-baseline' | 'kubegate:pss-restricted';
  rules?: Record<string, Severity | [Severity] | [Severity, Record<string, unknown>]>;
  environments?: Record<string, { paths: string[]; profile?: string; values?: string[]; set?: string[]; namespace?: string; local?: boolean; capacity?: EnvironmentCapacity }>;
  drift?: { allow?: string[] };
  profiles?: Record<string, { rules: Record<string, Severity> }>;
  overrides?: { files: string | string[]; rules: Record<string, Severity> }[];
  ignorePatterns?: string[];
  failOn?: 'error' | 'warning' | 'info';
  namespace?: string;
  partial?: boolean;
  kubernetesVersion?: string;
  crds?: string[];
  externalResources?: { kind: string; name: string; namespace?: string }[];
  helm?: { binary?: string; releaseName?: string; values?: string[]; set?: string[]; kubeVersion?: string; includeTests?: boolean };
  kustomize?: { binary?: string };
}

/** What an environment's cluster can schedule: the largest node's allocatable, and optionally all nodes'. */
export interface EnvironmentCapacity {
  cpu?: string | number;
  memory?: string | number;
  totalCpu?: string | number;
  totalMemory?: string | number;
}

export interface LoadedConfig {
  config: KubegateConfig;
  /** The file it came from; paths in it are relative to its folder. */
  file: string;
}

/** Where a configuration can live, in the order a folder is searched. */
export const CONFIG_FILES = ['package.json', '.kubegaterc', '.kubegaterc.json', '.kubegaterc.yaml', '.kubegaterc.yml', 'kubegate.config.js', 'kubegate.config.mjs', 'kubegate.config.cjs'];

/**
 * The nearest configuration file from `cwd` upward. Looked for with a few `existsSync` calls per
 * folder, so a run without one (most pre-commit runs) never loads the configuration loader; a
 * package.json counts only when it has a "kubegate" key.
 */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (!existsSync(candidate)) continue;
      if (name === 'package.json' && !hasKubegateKey(candidate)) continue;
      return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function hasKubegateKey(packageJson: string): boolean {
  try {
    const text = readFileSync(packageJson, 'utf8');
    return text.includes('"kubegate"') && Object.hasOwn(JSON.parse(text) as object, 'kubegate');
  } catch {
    return false;
  }
}

/** Reads and validates one configuration file; every problem is a ConfigError naming the file. */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file);
  const shown = path.relative(cwd, absolute) || absolute;
  if (!existsSync(absolute)) throw new ConfigError(`configuration file ${file} not found`);
  let loaded: { config: unknown } | null;
  try {
    loaded = readDataConfig(absolute) ?? (await cosmiconfigLibrary().cosmiconfig('kubegate').load(absolute));
  } catch (error) {
    throw new ConfigError(`${shown}: cannot be read: ${firstLine((error as Error).message)}`);
  }
  const config = loaded?.config ?? {};
  const validate = configValidator();
  if (!validate(config)) throw new ConfigError(`${shown}: ${describeErrors(validate.errors ?? [], config)}`);
  return { config: config as KubegateConfig, file: absolute };
}

/**
 * A configuration written as data (YAML, JSON, or the `kubegate` key of package.json), read the
 * way cosmiconfig reads it: js-yaml is already loaded for manifests, while cosmiconfig costs a run
 * about 20 ms to load, which a pre-commit hook would pay on every commit. JavaScript
 * configurations, and any other extension, are left to cosmiconfig (undefined here).
 */
function readDataConfig(file: string): { config: unknown } | undefined {
  const extension = path.extname(file);
  const packageJson = path.basename(file) === 'package.json';
  if (!packageJson && !['.json', '.yaml', '.yml', ''].includes(extension)) return undefined;
  const text = readFileSync(file, 'utf8');
  // An empty file is no configuration, as cosmiconfig has it.
  if (text.trim() === '') return { config: undefined };
  if (packageJson) return { config: (JSON.parse(text) as { kubegate?: unknown }).kubegate };
  return { config: extension === '.json' ? JSON.parse(text) : jsyaml.load(text) };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** `rules["some-rule"]`, `overrides[0].files`: the key path as people write it. */
function keyPath(instancePath: string): string {
  if (instancePath === '') return 'the configuration';
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? (text ? `${text}.${segment}` : segment) : `${text}[${JSON.stringify(segment)}]`), '');
}

function valueAt(config: unknown, instancePath: string): unknown {
  let current = config;
  for (const segment of instancePath.split('/').slice(1)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

const SEVERITY_WORDS = 'off, info, warning or error';

/**
 * One message per problem, in words: ajv reports a value that fits neither form of a rule
 * setting as several errors (not a severity, not an array, not one of oneOf); the user needs the
 * key, the value and what is allowed.
 */
export function describeErrors(errors: readonly SchemaError[], config: unknown): string {
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath);
    if (list) list.push(error);
    else byPath.set(error.instancePath, [error]);
  }
  const messages: string[] = [];
  const covered = new Set<string>();
  for (const [instancePath, list] of byPath) {
    if ([...covered].some((parent) => instancePath.startsWith(`${parent}/`))) continue;
    const where = keyPath(instancePath);
    const value = JSON.stringify(valueAt(config, instancePath));
    const unknown = list.find((error) => error.keyword === 'additionalProperties');
    const name = list.find((error) => error.keyword === 'propertyNames' || error.keyword === 'pattern');
    const isRuleSetting = /^\/(rules|overrides\/\d+\/rules)\/[^/]+$/.test(instancePath);
    if (unknown) {
      messages.push(`${where === 'the configuration' ? 'unknown key' : `${where} has an unknown key`} "${String(unknown.params.additionalProperty)}"`);
    } else if (name && list.some((error) => error.keyword === 'propertyNames')) {
      messages.push(`${where} has a key that is not a rule id (rule ids are kebab-case, with an optional plugin prefix such as acme/no-latest)`);
    } else if (isRuleSetting) {
      covered.add(instancePath);
      const allowed = instancePath.startsWith('/overrides') ? SEVERITY_WORDS : `${SEVERITY_WORDS}, or [severity, options]`;
      messages.push(`${where} is ${value}; allowed: ${allowed}`);
    } else {
      const enumError = list.find((error) => error.keyword === 'enum');
      if (instancePath === '/kubernetesVersion') {
        messages.push(`${where} is ${value}; allowed: a Kubernetes version as major.minor, such as "1.31"`);
      } else if (enumError) {
        messages.push(`${where} is ${value}; allowed: ${(enumError.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
      } else {
        const error = list.find((candidate) => candidate.keyword !== 'oneOf') ?? list[0]!;
        messages.push(`${where} is ${value}: it ${error.message ?? 'is invalid'}`);
      }
    }
  }
  return messages.join('; ');
}
