import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../rules/index.js';
import { lint } from '../engine/lint.js';
import { SEVERITY_RANK, type LintResult, type Severity } from '../engine/types.js';
import { loadSources } from '../load/sources.js';
import type { Reporter } from '../report/types.js';
import { packageInfo } from '../package-info.js';
import { HELP, parseCommandLine, UsageError, type Format, type LintCommandOptions } from './args.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  readStdin: () => Promise<Uint8Array>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const processIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  readStdin: () => readAll(process.stdin),
});

/** Reporters are loaded by format, so a text run never pays for the SARIF code and the other way round. */
async function reporterFor(format: Format): Promise<Reporter> {
  switch (format) {
    case 'text':
      return (await import('../report/text.js')).textReporter;
    case 'json':
      return (await import('../report/json.js')).jsonReporter;
    case 'sarif':
      return (await import('../report/sarif.js')).sarifReporter;
  }
}

function useColor(options: LintCommandOptions, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (options.format !== 'text' || options.outputFile !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

export function exitCodeFor(result: LintResult, failOn: Severity, maxWarnings: number | undefined): number {
  const threshold = SEVERITY_RANK[failOn];
  if (result.findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold)) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && result.findings.filter((finding) => finding.severity === 'warning').length > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

async function runLint(options: LintCommandOptions, io: CliIO): Promise<number> {
  const loaded = await loadSources(options.paths, { cwd: io.cwd, readStdin: io.readStdin });
  const result = lint(loaded.sources, { rules });
  if (options.quiet) result.findings = result.findings.filter((finding) => finding.severity === 'error');

  const reporter = await reporterFor(options.format);
  const report = reporter(result, { rules, version: packageInfo().version, cwd: io.cwd, color: useColor(options, io) });
  if (options.outputFile !== undefined) {
    writeFileSync(path.resolve(io.cwd, options.outputFile), report);
  } else {
    io.stdout(report);
  }

  for (const notice of loaded.notices) io.stderr(`kubegate: ${notice}\n`);
  for (const error of loaded.errors) io.stderr(`kubegate: error: ${error}\n`);
  for (const error of result.internalErrors) io.stderr(`kubegate: internal error (please report it): ${error}\n`);
  if (loaded.errors.length > 0 || result.internalErrors.length > 0) return EXIT_ERROR;
  return exitCodeFor(result, options.failOn, options.maxWarnings);
}

async function listRules(io: CliIO): Promise<number> {
  const width = Math.max(...rules.map((rule) => rule.meta.id.length));
  const lines = rules.map((rule) => `${rule.meta.id.padEnd(width)}  ${rule.meta.category.padEnd(9)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}`);
  io.stdout(`${'rule'.padEnd(width)}  ${'category'.padEnd(9)}  ${'severity'.padEnd(7)}  description\n${lines.join('\n')}\n`);
  return EXIT_OK;
}

async function explainRule(ruleId: string, io: CliIO): Promise<number> {
  const rule = rules.find((candidate) => candidate.meta.id === ruleId);
  if (!rule) {
    io.stderr(`kubegate: error: unknown rule "${ruleId}". Run \`kubegate rules\` to list them.\n`);
    return EXIT_ERROR;
  }
  const { ruleDocText } = await import('../report/rule-docs.js');
  io.stdout(ruleDocText(rule));
  return EXIT_OK;
}

/** Runs the CLI and returns its exit code; never throws for bad input, only for bugs. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`kubegate: error: ${error.message}\nRun \`kubegate --help\` for usage.\n`);
    return EXIT_ERROR;
  }
  switch (command.name) {
    case 'help':
      io.stdout(HELP);
      return EXIT_OK;
    case 'version':
      io.stdout(`${packageInfo().version}\n`);
      return EXIT_OK;
    case 'rules':
      return listRules(io);
    case 'explain':
      return explainRule(command.ruleId, io);
    case 'lint':
      try {
        return await runLint(command.options, io);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR') {
          io.stderr(`kubegate: error: ${(error as Error).message}\n`);
          return EXIT_ERROR;
        }
        throw error;
      }
  }
}
