import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { yamlLibrary } from '../parse/lazy-yaml.js';
import type { RenderFailure } from './failures.js';

export interface HelmOptions {
  /** The release name; the chart's name when absent. */
  releaseName?: string;
  /** Values files, absolute, in order (later ones win, as with helm). */
  values: readonly string[];
  /** `key=value`, in order. */
  set: readonly string[];
  namespace?: string;
  kubeVersion?: string;
  /** Keep the chart's test hooks (`helm.sh/hook: test`), which `helm template` renders unless told to skip them. */
  includeTests: boolean;
}

function readChartYaml(chartDir: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = yamlLibrary().parse(readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // helm reads it too, and says what is wrong with it.
    return undefined;
  }
}

/**
 * The release name a chart renders under by default: its name, made a valid release name (helm
 * refuses uppercase and underscores there, though a chart name may hold them).
 */
export function defaultReleaseName(chartDir: string): string {
  const name = readChartYaml(chartDir)?.name;
  const base = typeof name === 'string' && name !== '' ? name : path.basename(chartDir);
  const cleaned = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 53)
    .replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'release' : cleaned;
}

/**
 * `helm template` with the chart's own dependencies as vendored in `charts/`, never fetched (no
 * `--dependency-update`): a chart whose dependencies are missing fails with helm's message.
 */
export function helmArguments(release: string, chartDir: string, options: HelmOptions): string[] {
  const args = ['template', release, chartDir];
  if (options.namespace !== undefined) args.push('--namespace', options.namespace);
  for (const file of options.values) args.push('--values', file);
  for (const setting of options.set) args.push('--set', setting);
  if (options.kubeVersion !== undefined) args.push('--kube-version', options.kubeVersion);
  if (!options.includeTests) args.push('--skip-tests');
  return args;
}

/** The command as the report header shows it, with paths as the user would type them. */
export function helmCommand(release: string, chartPath: string, options: HelmOptions, shown: (file: string) => string): string {
  const parts = ['helm template', release, chartPath];
  if (options.namespace !== undefined) parts.push('--namespace', options.namespace);
  for (const file of options.values) parts.push('-f', shown(file));
  for (const setting of options.set) parts.push('--set', setting);
  if (options.kubeVersion !== undefined) parts.push('--kube-version', options.kubeVersion);
  return parts.join(' ');
}

/**
 * The file a chart-relative path from helm names (`shop/templates/deployment.yaml` in a
 * `# Source:` line or an error; `shop/charts/db/templates/x.yaml` for a subchart), in the chart
 * at `chartDir`, or undefined when it is not a file there (a subchart shipped as a .tgz archive).
 * The first segment is the chart's name, not its folder's; a subchart is found by folder name,
 * else by the name in its Chart.yaml.
 */
export function helmTemplateFile(chartDir: string, helmPath: string): string | undefined {
  const segments = helmPath.split('/').filter((segment) => segment !== '');
  let dir = chartDir;
  let index = 1;
  while (segments[index] === 'charts' && index + 2 < segments.length) {
    const name = segments[index + 1]!;
    const sub = subchartDir(path.join(dir, 'charts'), name);
    if (sub === undefined) return undefined;
    dir = sub;
    index += 2;
  }
  if (index >= segments.length) return undefined;
  const file = path.join(dir, ...segments.slice(index));
  return existsSync(file) ? file : undefined;
}

function subchartDir(chartsDir: string, name: string): string | undefined {
  const direct = path.join(chartsDir, name);
  if (existsSync(path.join(direct, 'Chart.yaml'))) return direct;
  let entries;
  try {
    entries = readdirSync(chartsDir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(chartsDir, entry.name);
    if (readChartYaml(dir)?.name === name) return dir;
  }
  return undefined;
}

/** helm's error, without the `Error: ` prefix and the advice about `--debug` (which kubegate does not pass). */
export function helmErrorText(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !/^Use --debug flag/.test(line));
  const errorAt = lines.findIndex((line) => line.startsWith('Error: '));
  const kept = errorAt >= 0 ? lines.slice(errorAt) : lines;
  return kept.join(' ').replace(/^Error: /, '').trim();
}

/** Where helm says a template failed: `template: shop/templates/x.yaml:12:3: executing …`, `parse error at (shop/templates/x.yaml:5): …`, `execution error at (shop/templates/x.yaml:9:14): …`. */
const TEMPLATE_LOCATIONS = [/\btemplate: ([^\s:]+):(\d+)(?::(\d+))?:/, /\berror at \(([^\s:)]+):(\d+)(?::(\d+))?\)/, /\bYAML parse error on ([^\s:]+):/];

/**
 * A failed `helm template` as a finding: at the template and line helm names when it names one
 * (an unclosed action is placed where it starts), at the missing dependency in Chart.yaml, else
 * on Chart.yaml's first line.
 */
export function helmFailure(stderr: string, code: number, chartDir: string, input: string, shown: (file: string) => string): RenderFailure {
  const detail = helmErrorText(stderr) || `helm exited with code ${code} and printed nothing to say why`;
  const chartFile = path.join(chartDir, 'Chart.yaml');
  const missing = /found in Chart\.yaml, but missing in charts\/ directory: (.+)$/.exec(detail);
  if (missing) {
    const names = missing[1]!.split(',').map((name) => name.trim()).filter(Boolean);
    const at = dependencyLine(chartFile, names[0] ?? '');
    return { file: shown(chartFile), line: at.line, column: at.column, messageId: 'missingDependency', data: { input, dependencies: names.join(', ') } };
  }
  // The first location in the message is where it failed; later ones are what it was calling.
  const match = TEMPLATE_LOCATIONS.map((pattern) => pattern.exec(detail))
    .filter((found): found is RegExpExecArray => found !== null)
    .sort((a, b) => a.index - b.index)[0];
  const file = match && helmTemplateFile(chartDir, match[1]!);
  if (match && file !== undefined) {
    // "unclosed action started at shop/templates/x.yaml:6": helm names the end of the file, the start is what to fix.
    const started = new RegExp(`started at ${escapeRegExp(match[1]!)}:(\\d+)`).exec(detail);
    const line = Number(started?.[1] ?? match[2] ?? 1);
    const column = started || match[3] === undefined ? 1 : Number(match[3]);
    return { file: shown(file), line, column, messageId: 'template', data: { input, detail } };
  }
  return { file: shown(chartFile), line: 1, column: 1, messageId: 'helm', data: { input, detail } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The line of `- name: <dependency>` in Chart.yaml, else its first line. */
function dependencyLine(chartFile: string, name: string): { line: number; column: number } {
  let text: string;
  try {
    text = readFileSync(chartFile, 'utf8');
  } catch {
    return { line: 1, column: 1 };
  }
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^dependencies\s*:/.test(line));
  if (start < 0) return { line: 1, column: 1 };
  const pattern = new RegExp(`^(\\s*-?\\s*name\\s*:\\s*)["']?${escapeRegExp(name)}["']?\\s*(#.*)?$`);
  for (let index = start + 1; index < lines.length; index++) {
    const match = pattern.exec(lines[index]!);
    if (match) return { line: index + 1, column: match[1]!.length + 1 };
  }
  return { line: start + 1, column: 1 };
}
