import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../core/types.js';
import { FORMAT_NAMES, REPORT_FORMATS, type FormatName } from '../report/index.js';
import type { Shard } from '../load/shard.js';

export type Command =
  | { name: 'lint'; options: LintCommandOptions; debug: boolean }
  | { name: 'drift'; options: DriftCommandOptions; debug: boolean }
  | { name: 'rules'; debug: boolean }
  | { name: 'explain'; ruleId: string; debug: boolean }
  | { name: 'init'; debug: boolean }
  | { name: 'print-config'; file: string; config: ConfigChoice; rules: Record<string, Severity | 'off'>; debug: boolean }
  | { name: 'help' }
  | { name: 'version' };

export interface LintCommandOptions {
  paths: string[];
  format: FormatName;
  outputFile: string | undefined;
  failOn: Severity;
  maxWarnings: number | undefined;
  quiet: boolean;
  color: boolean | undefined;
  maxFileBytes: number | undefined;
  followSymlinks: boolean;
  /** --fail-on as given; the configuration's failOn applies when it is not. */
  failOnGiven: boolean;
  config: ConfigChoice;
  /** --rule id:severity, over the configuration. */
  rules: Record<string, Severity | 'off'>;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  /** The file standard input stands for, so findings on it can be placed in a repository. */
  stdinFilename: string | undefined;
  /** More reports from the same run, each to a file: `--output sarif:kubegate.sarif`. */
  outputs: { format: FormatName; file: string }[];
  category: string | undefined;
  shard: Shard | undefined;
  namespace: string | undefined;
  /** --partial / --complete; undefined leaves it to the configuration, then to the kind of input. */
  partial: boolean | undefined;
  /** How charts and overlays are rendered; each unset one leaves it to the configuration. */
  render: RenderCommandOptions;
}

/** `kubegate drift`: environments to compare, and how to report what differs. */
export interface DriftCommandOptions {
  /** `PATH`, `NAME=PATH` or the name of an environment of the configuration; empty compares the configuration's. */
  environments: string[];
  format: DriftFormatName;
  outputFile: string | undefined;
  failOn: Severity;
  failOnGiven: boolean;
  config: ConfigChoice;
  rules: Record<string, Severity | 'off'>;
  namespace: string | undefined;
  /** As for lint, except that `--values NAME=FILE` and `--set NAME:key=value` apply to environment NAME only. */
  render: RenderCommandOptions;
}

export const DRIFT_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type DriftFormatName = (typeof DRIFT_FORMATS)[number];

export interface RenderCommandOptions {
  /** --values files, as given (relative to the working directory); empty leaves them to the configuration. */
  values: string[];
  /** --set key=value; empty leaves them to the configuration. */
  set: string[];
  releaseName: string | undefined;
  kubeVersion: string | undefined;
  helmBinary: string | undefined;
  kustomizeBinary: string | undefined;
  /** --include-tests; undefined leaves it to the configuration (default: test hooks left out). */
  includeTests: boolean | undefined;
  timeoutMs: number | undefined;
}

/** Which configuration a run uses: searched for from the working directory, a named file, or none. */
export type ConfigChoice = { kind: 'search' } | { kind: 'file'; file: string } | { kind: 'none' };

export class UsageError extends Error {}

/** A drift input that cannot be used (a path with no manifests, a chart that does not render): exit 2, no usage hint. */
export class DriftUsageError extends Error {}

const formatHelp = FORMAT_NAMES.map((name) => `                                     ${name.padEnd(6)} ${REPORT_FORMATS[name].description}`).join('\n');

export const HELP = `Usage: kubegate [options] [paths...]
       kubegate rules
       kubegate explain <rule>
       kubegate init
       kubegate drift <env> <env> [<env>...]

Lints Kubernetes manifests: YAML or JSON files, folders (searched for .yaml, .yml and .json,
skipping node_modules and .git), glob patterns, and - for standard input. With no paths, lints
the current folder. A folder with a Chart.yaml is a Helm chart, rendered with \`helm template\`;
one with a kustomization.yaml is an overlay, rendered with \`kustomize build\` (or \`kubectl
kustomize\`); findings are placed on the template, base or patch line to edit.

Options:
  -f, --format <${FORMAT_NAMES.join('|')}>   output format (default: text):
${formatHelp}
  -o, --output-file <file>         write the report to a file instead of standard output
      --fail-on <error|warning|info>
                                   exit 1 when a finding is at least this severe (default: error)
      --max-warnings <n>           also exit 1 when there are more than n warnings
  -q, --quiet                      show errors only (the exit code still counts every finding)
      --no-color                   no colors in text output (also: NO_COLOR=1)
      --max-file-size <size>       skip and report inputs larger than this (default: 64MiB;
                                   a number of bytes, or with KB, MB, GB, KiB, MiB or GiB)
      --follow-symlinks            follow symbolic links that lead out of a folder being linted
  -c, --config <file>              use this configuration file instead of searching for one
      --no-config                  use no configuration file
      --rule <id:severity>         set a rule's severity (off, info, warning, error); repeatable
      --print-config <file>        print the configuration that applies to a file, as JSON
      --baseline <file>            hide the findings recorded in this baseline; report only new ones
      --write-baseline <file>      record the current findings as the baseline
      --output <format:file>       also write a report in another format to a file, from the same
                                   run (for example --output sarif:kubegate.sarif); repeatable
      --category <name>            what sets this run's results apart in SARIF (automationDetails.id),
                                   for uploads per environment or shard
      --stdin-filename <path>      the file standard input stands for, named in findings and SARIF
      --namespace <name>           the namespace of objects written without one (default: default)
      --partial                    the input is part of an application (changed files): never say a
                                   referenced object is missing or unused. Default when every input
                                   is a file named on its own, as pre-commit passes them
      --complete                   the input is whole applications, even when given file by file
      --shard <i/n>                lint only shard i of n (1-based) of the inputs, split by chart,
                                   overlay or top-level folder, for a CI matrix

Charts and overlays:
      --values <file>              a values file for helm template; repeatable. One inside a
                                   chart's folder applies to that chart only
      --set <key=value>            a value for helm template; repeatable
      --release-name <name>        the release name charts render with (default: the chart's name)
      --kube-version <version>     the Kubernetes version helm renders for (.Capabilities.KubeVersion)
      --include-tests              keep the charts' test hooks (helm.sh/hook: test), left out by default
      --helm-binary <path>         the helm to run (also: KUBEGATE_HELM; default: helm on PATH)
      --kustomize-binary <path>    the kustomize, or kubectl, to run (also: KUBEGATE_KUSTOMIZE;
                                   default: kustomize on PATH, else kubectl kustomize)
      --render-timeout <duration>  stop a chart or overlay that renders longer than this
                                   (default: 60s; seconds, or with ms, s or m)
      --debug                      show the stack trace of an unexpected error
  -h, --help                       show this help
  -v, --version                    show the version

Commands:
  init                             write a commented starter .kubegaterc.yaml here
  rules                            list every rule with its category, severity and description
  explain <rule>                   show a rule's documentation
  drift [<env> <env>...]           compare environments (each a file, folder, chart or overlay, as
                                   PATH or NAME=PATH, or an environment of the configuration; none:
                                   all of the configuration's) and report what one has and another
                                   lacks. Formats: text, json, sarif, github, markdown. --values
                                   NAME=FILE and --set NAME:key=value apply to one environment

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or input error.
To lint a folder named "rules", "explain" or "init", write it as ./rules.
`;

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `64MiB`, `10MB`, `500000`: a size in bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new UsageError(`--max-file-size must be a size such as 64MiB, 10MB or 500000 (got "${text}")`);
  }
  return Math.floor(Number(match[1]) * unit);
}

function parseNamespace(text: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text) || text.length > 63) {
    throw new UsageError(`--namespace must be a namespace name: lowercase letters, digits and '-', at most 63 characters (got "${text}")`);
  }
  return text;
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A name helm accepts for a release: lowercase DNS labels, at most 53 characters. */
function parseReleaseName(text: string): string {
  if (!RELEASE_NAME.test(text) || text.length > 53) {
    throw new UsageError(`--release-name must be a release name helm accepts: lowercase letters, digits, '-' and '.', at most 53 characters (got "${text}")`);
  }
  return text;
}

function parseKubeVersion(text: string): string {
  if (!/^v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/.test(text)) throw new UsageError(`--kube-version must be a Kubernetes version such as 1.31 or v1.31.2 (got "${text}")`);
  return text;
}

function parseSetting(text: string): string {
  if (!/^[^=\s][^=]*=/.test(text)) throw new UsageError(`--set must be key=value, such as image.tag=1.2.3 (got "${text}")`);
  return text;
}

const DURATION_UNITS: Record<string, number> = { '': 1000, s: 1000, ms: 1, m: 60_000 };

/** `60`, `90s`, `2m`, `500ms`: a duration in milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(text.trim());
  const ms = match ? Number(match[1]) * DURATION_UNITS[(match[2] ?? '').toLowerCase()]! : NaN;
  if (!match || !(ms >= 1)) throw new UsageError(`${flag} must be a duration such as 60, 90s or 2m (got "${text}")`);
  return Math.round(ms);
}

/** `2/4`: the second of four shards. */
function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count || count > 10000) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, such as 2/4 (got "${text}")`);
  }
  return { index, count };
}

function nonEmpty(text: string | undefined, flag: string): string | undefined {
  if (text !== undefined && text.trim() === '') throw new UsageError(`${flag} needs a path`);
  return text;
}

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        debug: { type: 'boolean' },
        'max-file-size': { type: 'string' },
        'follow-symlinks': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        'print-config': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'stdin-filename': { type: 'string' },
        output: { type: 'string', multiple: true },
        category: { type: 'string' },
        shard: { type: 'string' },
        namespace: { type: 'string' },
        partial: { type: 'boolean' },
        complete: { type: 'boolean' },
        values: { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        'release-name': { type: 'string' },
        'kube-version': { type: 'string' },
        'include-tests': { type: 'boolean' },
        'helm-binary': { type: 'string' },
        'kustomize-binary': { type: 'string' },
        'render-timeout': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.partial && values.complete) throw new UsageError('--partial and --complete cannot be used together');
  if (values.help) return { name: 'help' };
  if (values.version) return { name: 'version' };
  const debug = values.debug ?? false;
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const config: ConfigChoice = values['no-config'] ? { kind: 'none' } : values.config !== undefined ? { kind: 'file', file: values.config } : { kind: 'search' };
  const rules: Record<string, Severity | 'off'> = {};
  for (const setting of values.rule ?? []) {
    const match = /^(.+):(off|info|warning|error)$/.exec(setting);
    if (!match) throw new UsageError(`--rule must be id:severity with a severity of off, info, warning or error (got "${setting}")`);
    rules[match[1]!] = match[2] as Severity | 'off';
  }
  if (values['print-config'] !== undefined) return { name: 'print-config', file: values['print-config'], config, rules, debug };

  const [first, ...rest] = positionals;
  if (first === 'rules') {
    if (rest.length > 0) throw new UsageError('`kubegate rules` takes no arguments');
    return { name: 'rules', debug };
  }
  if (first === 'init') {
    if (rest.length > 0) throw new UsageError('`kubegate init` takes no arguments');
    return { name: 'init', debug };
  }
  if (first === 'explain') {
    if (rest.length !== 1) throw new UsageError('usage: kubegate explain <rule>');
    return { name: 'explain', ruleId: rest[0]!, debug };
  }

  const render: RenderCommandOptions = {
    values: values.values ?? [],
    set: first === 'drift' ? (values.set ?? []) : (values.set ?? []).map(parseSetting),
    releaseName: values['release-name'] === undefined ? undefined : parseReleaseName(values['release-name']),
    kubeVersion: values['kube-version'] === undefined ? undefined : parseKubeVersion(values['kube-version']),
    helmBinary: nonEmpty(values['helm-binary'], '--helm-binary'),
    kustomizeBinary: nonEmpty(values['kustomize-binary'], '--kustomize-binary'),
    includeTests: values['include-tests'],
    timeoutMs: values['render-timeout'] === undefined ? undefined : parseDuration(values['render-timeout'], '--render-timeout'),
  };
  if (first === 'drift') {
    return {
      name: 'drift',
      options: {
        environments: rest,
        format: oneOf(values.format ?? 'text', DRIFT_FORMATS, '--format'),
        outputFile: values['output-file'],
        failOn: oneOf(values['fail-on'] ?? 'error', SEVERITIES, '--fail-on'),
        failOnGiven: values['fail-on'] !== undefined,
        config,
        rules,
        namespace: values.namespace === undefined ? undefined : parseNamespace(values.namespace),
        render,
      },
      debug,
    };
  }

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings must be a whole number (got "${raw}")`);
    maxWarnings = Number(raw);
  }
  return {
    name: 'lint',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      format: oneOf(values.format ?? 'text', FORMAT_NAMES, '--format'),
      outputFile: values['output-file'],
      failOn: oneOf(values['fail-on'] ?? 'error', SEVERITIES, '--fail-on'),
      maxWarnings,
      quiet: values.quiet ?? false,
      color: values['no-color'] ? false : values.color,
      maxFileBytes: values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']),
      followSymlinks: values['follow-symlinks'] ?? false,
      failOnGiven: values['fail-on'] !== undefined,
      config,
      rules,
      baseline: values.baseline,
      writeBaseline: values['write-baseline'],
      stdinFilename: values['stdin-filename'],
      outputs: (values.output ?? []).map((spec) => {
        const colon = spec.indexOf(':');
        if (colon <= 0 || colon === spec.length - 1) throw new UsageError(`--output must be format:file, such as sarif:kubegate.sarif (got "${spec}")`);
        return { format: oneOf(spec.slice(0, colon), FORMAT_NAMES, '--output'), file: spec.slice(colon + 1) };
      }),
      category: values.category,
      shard: values.shard === undefined ? undefined : parseShard(values.shard),
      namespace: values.namespace === undefined ? undefined : parseNamespace(values.namespace),
      partial: values.partial ? true : values.complete ? false : undefined,
      render,
    },
    debug,
  };
}
