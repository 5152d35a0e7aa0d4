/**
 * Helm charts and Kustomize overlays, rendered by the real binaries into sources the linter reads
 * like any other: one source per chart or overlay, its text exactly what the binary printed
 * (overlays: see kustomize.ts for the one rewrite, of origin paths, that moves no line).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { InputDescription, Source } from '../core/types.js';
import { decodeSource } from '../load/decode.js';
import type { Renderable } from '../load/sources.js';
import { runTool, type RunResult } from './exec.js';
import type { RenderFailure } from './failures.js';
import { defaultReleaseName, helmArguments, helmCommand, helmFailure, type HelmOptions } from './helm.js';
import { kustomizationFile, kustomizeArguments, kustomizeFailure, rewriteOrigins, writeWrapper } from './kustomize.js';
import { findHelm, findKustomize, MissingToolError, type Tool, type ToolChoice } from './tools.js';

export type { RenderFailure, RenderFailureId } from './failures.js';
export { kustomizationReader } from './kustomize.js';
export { helmTemplateFile } from './helm.js';
export { MissingToolError } from './tools.js';

export interface RenderOptions {
  cwd: string;
  /** The environment the binaries run in (kubegate's own), and where KUBEGATE_HELM and PATH are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** `releaseName` applies to every chart; a values file inside a chart's folder applies to that chart only, the others to every chart. */
  helm: HelmOptions;
  helmBinary: ToolChoice;
  kustomizeBinary: ToolChoice;
  /** Per chart or overlay. */
  timeoutMs: number;
  /** The most a chart or overlay may print, as --max-file-size limits a file. */
  maxOutputBytes: number;
  /** Renders at once; one per core by default, as each is a process that mostly computes. */
  concurrency?: number;
}

/**
 * A chart or overlay to render. A chart rendered for an environment of the configuration gets
 * that environment's helm options instead of the run's, and its own name in the report.
 */
export interface RenderTarget extends Renderable {
  environment?: string;
  helm?: HelmOptions;
}

/**
 * How a rendering is named in the report and keyed by the linter (`charts/shop (production)`): a
 * chart under two environments renders twice, and each rendering needs a name of its own for its
 * findings to get its environment's severities and for its objects not to count as duplicates of
 * the other's.
 */
export function renderedName(unitPath: string, environment: string | undefined): string {
  return environment === undefined ? unitPath : `${unitPath} (${environment})`;
}

export interface RenderResult {
  /** One per chart or overlay that rendered, in the order given. */
  sources: Source[];
  /** Charts and overlays that did not, each at the file and line to fix. */
  failures: RenderFailure[];
  /** How each chart and overlay was rendered, for the report's header. */
  inputs: InputDescription[];
  /** What helm or kustomize said on a render that succeeded (deprecation warnings and the like). */
  notices: string[];
  /** A binary that is needed and missing: the run exits 2. */
  errors: string[];
}

/**
 * Never the network: the binaries get a proxy that refuses every connection (Go's HTTP client and
 * git both honour it) and git may use no transport but local files, so a chart or overlay that
 * needs a download fails at once with the binary's own message instead of fetching, or hanging
 * on, something the repository does not hold.
 */
const OFFLINE: Readonly<Record<string, string>> = {
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  ALL_PROXY: 'http://127.0.0.1:9',
  NO_PROXY: '',
  no_proxy: '',
  GIT_ALLOW_PROTOCOL: 'file',
  GIT_TERMINAL_PROMPT: '0',
};

/** Most lines of a successful render's warnings shown per chart or overlay. */
const MAX_WARNING_LINES = 5;

/** Paths as the user would type them from the working directory. */
function shownFrom(cwd: string): (file: string) => string {
  return (file) => {
    const relative = path.relative(cwd, file);
    return relative === '' ? '.' : path.isAbsolute(relative) ? file : relative;
  };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** A list of inputs for a message: the first few, then how many more. */
function naming(units: readonly RenderTarget[]): string {
  const shown = units.slice(0, 3).map((unit) => unit.path);
  return units.length > 3 ? `${shown.join(', ')} and ${units.length - 3} more` : shown.join(', ');
}

/** Whether printed text holds Kubernetes objects at all, is empty, or is something else (a usage message, a wrong binary). */
function contentOf(text: string): 'manifests' | 'empty' | 'other' {
  const meaningful = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*#/.test(line) && !/^(---|\.\.\.)\s*$/.test(line));
  if (meaningful.length === 0) return 'empty';
  return /(^|[\s{,])["']?(apiVersion|kind)["']?\s*:/m.test(text) ? 'manifests' : 'other';
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed;
}

/** Runs `work` on every item, at most `limit` at a time, keeping the results in order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

type Outcome = { source?: Source; failure?: RenderFailure; input: InputDescription; notices: string[]; error?: string };

/**
 * Renders each chart with helm and each overlay with kustomize (or kubectl kustomize), up to one
 * process per core at a time. A failure is a finding at the file and line to fix, and the other
 * inputs still render; only a missing binary stops the run (with how to install it).
 */
export async function renderInputs(renderables: readonly RenderTarget[], options: RenderOptions): Promise<RenderResult> {
  const result: RenderResult = { sources: [], failures: [], inputs: [], notices: [], errors: [] };
  const shown = shownFrom(options.cwd);
  const charts = renderables.filter((unit) => unit.renderer === 'helm');
  const overlays = renderables.filter((unit) => unit.renderer === 'kustomize');
  const tools: { helm?: Tool; kustomize?: Tool } = {};
  try {
    if (charts.length > 0) tools.helm = findHelm(options.helmBinary, options.cwd, options.env, naming(charts));
  } catch (error) {
    if (!(error instanceof MissingToolError)) throw error;
    result.errors.push(error.message);
  }
  try {
    if (overlays.length > 0) tools.kustomize = findKustomize(options.kustomizeBinary, options.cwd, options.env, naming(overlays));
  } catch (error) {
    if (!(error instanceof MissingToolError)) throw error;
    result.errors.push(error.message);
  }
  const env: NodeJS.ProcessEnv = { ...options.env, ...OFFLINE };
  const run = (tool: Tool, args: string[]) => runTool(tool.binary, args, { cwd: options.cwd, env, timeoutMs: options.timeoutMs, maxOutputBytes: options.maxOutputBytes });
  const chartOf = (file: string) => charts.find((chart) => isInside(file, chart.dir));

  const settle = (unit: RenderTarget, input: InputDescription, tool: Tool, outcome: RunResult, markerFile: string, failed: (stderr: string, code: number) => RenderFailure, rewrite?: (text: string) => string): Outcome => {
    const name = tool.command.split(' ')[0]!;
    const at = { file: markerFile, line: 1, column: 1 };
    switch (outcome.kind) {
      case 'not-started':
        return { input, notices: [], error: `cannot run ${tool.binary} to render ${unit.path} (${outcome.code})` };
      case 'timeout':
        return { input, notices: [], failure: { ...at, messageId: 'timeout', data: { input: input.path, tool: name, seconds: Math.round(options.timeoutMs / 100) / 10 } } };
      case 'too-large':
        return { input, notices: [], failure: { ...at, messageId: 'tooLarge', data: { input: input.path, tool: name, limit: formatBytes(options.maxOutputBytes) } } };
      case 'exited': {
        if (outcome.code !== 0) return { input, notices: [], failure: failed(outcome.stderr, outcome.code) };
        const decoded = decodeSource(input.path, outcome.stdout);
        const source = rewrite && !decoded.encodingError ? { ...decoded, text: rewrite(decoded.text) } : decoded;
        if (!source.encodingError && contentOf(source.text) === 'other') {
          return { input, notices: [], failure: { ...at, messageId: 'notManifests', data: { input: input.path, tool: name, binary: tool.binary, start: firstLine(source.text) } } };
        }
        const warnings = outcome.stderr.split('\n').map((line) => line.trim()).filter(Boolean);
        const notices = warnings.slice(0, MAX_WARNING_LINES).map((line) => `${input.command}: ${line}`);
        if (warnings.length > MAX_WARNING_LINES) notices.push(`${input.command}: ${warnings.length - MAX_WARNING_LINES} more lines of warnings`);
        const origin = { kind: 'rendered' as const, renderer: unit.renderer, input: unit.dir, ...(unit.environment === undefined ? {} : { environment: unit.environment }) };
        return { input, notices, source: { ...source, origin } };
      }
    }
  };

  const renderOne = async (unit: RenderTarget): Promise<Outcome | undefined> => {
    if (unit.renderer === 'helm') {
      const tool = tools.helm;
      if (!tool) return undefined;
      const given = unit.helm ?? options.helm;
      // By folder: a chart under two environments is two targets.
      const values = given.values.filter((file) => {
        const owner = chartOf(file);
        return owner === undefined || owner.dir === unit.dir;
      });
      const helm: HelmOptions = { ...given, values };
      const release = given.releaseName ?? defaultReleaseName(unit.dir);
      const name = renderedName(unit.path, unit.environment);
      const input: InputDescription = { path: name, how: 'helm', command: helmCommand(release, unit.path, helm, shown) };
      const chartFile = shown(path.join(unit.dir, 'Chart.yaml'));
      const outcome = await run(tool, helmArguments(release, unit.dir, helm));
      const outcomeOf = settle(unit, input, tool, outcome, chartFile, (stderr, code) => helmFailure(stderr, code, unit.dir, name, shown));
      return unit.environment !== undefined && outcomeOf.failure ? { ...outcomeOf, failure: { ...outcomeOf.failure, environment: unit.environment } } : outcomeOf;
    }
    const tool = tools.kustomize;
    if (!tool) return undefined;
    const command = `${tool.command} ${unit.path}`;
    const input: InputDescription = { path: unit.path, how: 'kustomize', command };
    const own = shown(kustomizationFile(unit.dir) ?? path.join(unit.dir, 'kustomization.yaml'));
    let wrapper;
    try {
      wrapper = writeWrapper(unit.dir);
    } catch (error) {
      return { input, notices: [], error: `cannot write the temporary kustomization that renders ${unit.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
    try {
      const outcome = await run(tool, kustomizeArguments(tool.flavor ?? 'kustomize', wrapper.dir));
      const built = wrapper;
      return settle(
        unit,
        input,
        tool,
        outcome,
        own,
        (stderr, code) => kustomizeFailure(stderr, code, built, unit.dir, unit.path, shown),
        (text) => rewriteOrigins(text, built),
      );
    } finally {
      wrapper.remove();
    }
  };

  const outcomes = await inPool(renderables, options.concurrency ?? availableParallelism(), renderOne);
  for (const outcome of outcomes) {
    if (!outcome) continue;
    result.inputs.push(outcome.input);
    if (outcome.source) result.sources.push(outcome.source);
    if (outcome.failure) result.failures.push(outcome.failure);
    if (outcome.error) result.errors.push(outcome.error);
    for (const notice of outcome.notices) result.notices.push(notice);
  }
  return result;
}

/** As the file-too-large diagnostic words a limit. */
function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${bytes} bytes`;
}
