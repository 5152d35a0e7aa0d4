/**
 * The GitHub Action, run the way the runner runs a composite action: action.yml's steps in order,
 * their `${{ }}` expressions evaluated, each `run:` script through `bash --noprofile --norc -eo
 * pipefail` with the step's environment, outputs read back from $GITHUB_OUTPUT. The `uses:` steps
 * (setup-node, upload-sarif) are not run here; whether the runner would run them, and with what
 * inputs, is asserted instead.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'action');
// `npm ci` of the action's own source, build included, takes about 20 s here from a warm npm cache.
const SLOW = 300_000;

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionFile {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const actionText = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = parse(actionText) as ActionFile;
const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// ---------------------------------------------------------------------------------------------
// The expression language, as far as action.yml uses it. Anything else throws, so a new form in
// action.yml makes this test fail instead of being evaluated wrongly.

interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  failed: boolean;
}

type Value = string | boolean;

const TOKEN = /\s*('(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|[A-Za-z_][\w.-]*)/y;

function evaluate(source: string, context: Context): Value {
  const tokens: string[] = [];
  for (let position = 0; source.slice(position).trim() !== ''; position = TOKEN.lastIndex) {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(source);
    if (match === null) throw new Error(`cannot read "${source.slice(position)}" in "${source}"`);
    tokens.push(match[1]!);
  }
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Error(`expected ${expected ?? 'more'} in "${source}"`);
    return token;
  };
  const truthy = (value: Value) => value !== false && value !== '';

  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (peek() === '(') {
      take('(');
      take(')');
      if (token === 'cancelled') return false;
      if (token === 'always') return true;
      if (token === 'success') return !context.failed;
      if (token === 'failure') return context.failed;
      throw new Error(`unknown function ${token}() in "${source}"`);
    }
    const [scope, ...rest] = token.split('.');
    if (scope === 'inputs' && rest.length === 1) {
      const value = context.inputs[rest[0]!];
      if (value === undefined) throw new Error(`undeclared input ${token}`);
      return value;
    }
    if (scope === 'github' && rest.length === 1 && rest[0]! in context.github) return context.github[rest[0]!]!;
    if (scope === 'steps' && rest.length === 3 && rest[1] === 'outputs') {
      const step = context.steps[rest[0]!];
      if (step === undefined) throw new Error(`${token} names no earlier step`);
      return step.outputs[rest[2]!] ?? '';
    }
    throw new Error(`unknown context ${token} in "${source}"`);
  };
  const unary = (): Value => (peek() === '!' ? (take(), !truthy(unary())) : primary());
  const comparison = (): Value => {
    const left = unary();
    const op = peek();
    if (op !== '==' && op !== '!=') return left;
    take();
    const right = unary();
    if (typeof left !== 'string' || typeof right !== 'string') throw new Error(`only strings are compared here: "${source}"`);
    // The runner compares strings ignoring case.
    const equal = left.toLowerCase() === right.toLowerCase();
    return op === '==' ? equal : !equal;
  };
  const and = (): Value => {
    let value = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): Value => {
    let value = and();
    while (peek() === '||') {
      take();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`unexpected "${tokens[at]}" in "${source}"`);
  return value;
}

const EXPRESSION = /\$\{\{(.*?)\}\}/g;
const substitute = (text: string, context: Context) => text.replace(EXPRESSION, (_, expression: string) => String(evaluate(expression, context)));
const condition = (text: string | undefined, context: Context) => {
  const whole = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(text ?? '');
  const value = evaluate(whole ? whole[1]! : (text ?? 'success()'), context);
  return value !== false && value !== '';
};

// ---------------------------------------------------------------------------------------------
// The runner.

interface StepRun {
  step: Step;
  ran: boolean;
  with?: Record<string, string>;
  status?: number;
  stdout?: string;
  stderr?: string;
}

interface ActionRun {
  steps: StepRun[];
  failed: boolean;
  outputs: Record<string, string>;
  summary: string;
  /** The step that lints, and the last one, which decides the job's result. */
  lint: StepRun;
  last: StepRun;
}

const isInstall = (step: Step) => step.run !== undefined && /\bnpm ci\b/.test(step.run);

function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

function runAction(options: { actionPath: string; workspace: string; inputs?: Record<string, string>; install: boolean }): ActionRun {
  for (const name of Object.keys(options.inputs ?? {})) if (!(name in action.inputs)) throw new Error(`undeclared input ${name}`);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, options.inputs?.[name] ?? input.default ?? '']));
  const context: Context = { inputs, github: { action_path: options.actionPath, workspace: options.workspace }, steps: {}, failed: false };
  const runnerFiles = mkdtempSync(path.join(tmpdir(), 'kubegate-runner-'));
  const summaryFile = path.join(runnerFiles, 'summary.md');
  writeFileSync(summaryFile, '');
  // The test may itself run inside GitHub Actions: none of that job's variables may leak in.
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB|RUNNER)_/.test(name)));
  const runs: StepRun[] = [];
  try {
    for (const [index, step] of action.runs.steps.entries()) {
      if (!condition(step.if, context) || (isInstall(step) && !options.install)) {
        runs.push({ step, ran: false });
        continue;
      }
      if (step.uses !== undefined) {
        runs.push({ step, ran: true, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, substitute(String(value), context)])) });
        continue;
      }
      const outputFile = path.join(runnerFiles, `output-${index}`);
      const scriptFile = path.join(runnerFiles, `step-${index}.sh`);
      writeFileSync(scriptFile, substitute(step.run!, context));
      const env = {
        ...base,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: options.actionPath,
        GITHUB_WORKSPACE: options.workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        // `npm ci` resolves the lock file again; the cache the checkout's own `npm ci` filled has it all.
        npm_config_prefer_offline: 'true',
        npm_config_update_notifier: 'false',
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(String(value), context)])),
      };
      if (step['working-directory'] !== undefined) throw new Error(`${step.name}: working-directory is not modelled here`);
      // What `shell: bash` means to the runner.
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd: options.workspace, env, encoding: 'utf8', timeout: SLOW - 10_000 });
      const run: StepRun = { step, ran: true, status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
      runs.push(run);
      if (step.id !== undefined) context.steps[step.id] = { outputs: readOutputs(outputFile) };
      if (run.status !== 0) context.failed = true;
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, output]) => [name, substitute(output.value, context)]));
    const lint = runs.find((run) => run.step.id === 'lint');
    if (lint === undefined) throw new Error('action.yml has no step with id: lint');
    return { steps: runs, failed: context.failed, outputs, summary: readFileSync(summaryFile, 'utf8'), lint, last: runs[runs.length - 1]! };
  } finally {
    rmSync(runnerFiles, { recursive: true, force: true });
  }
}

const uploadStep = (run: ActionRun) => run.steps.find((step) => step.step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;

// ---------------------------------------------------------------------------------------------

describe('action.yml', () => {
  const steps = action.runs.steps;

  it('is a composite action with the documented inputs and defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default]))).toEqual({
      paths: '.',
      config: '',
      'fail-on': 'error',
      'sarif-file': 'kubegate.sarif',
      category: '',
      shard: '',
      'upload-sarif': 'true',
      'node-version': '20',
    });
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\S/);
  });

  it('uses every input it declares, and no other', () => {
    const used = new Set([...actionText.matchAll(/\binputs\.([\w-]+)/g)].map((match) => match[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('runs its scripts in bash and never puts an expression in a script', () => {
    const scripts = steps.filter((step) => step.run !== undefined);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const step of scripts) {
      expect(step.shell, step.name).toBe('bash');
      // Interpolated into the script, an input would be shell code; in env: it is only a value.
      expect(step.run, step.name).not.toContain('${{');
    }
  });

  it('refers only to earlier steps, and sets up Node before installing', () => {
    const seen = new Set<string>();
    for (const step of steps) {
      for (const match of JSON.stringify(step).matchAll(/\bsteps\.([\w-]+)\./g)) expect(seen, `${step.name ?? step.uses} refers to steps.${match[1]}`).toContain(match[1]);
      if (step.id !== undefined) seen.add(step.id);
    }
    const setupNode = steps.findIndex((step) => step.uses === 'actions/setup-node@v4');
    expect(setupNode).toBeGreaterThanOrEqual(0);
    expect(steps[setupNode]!.with).toEqual({ 'node-version': '${{ inputs.node-version }}' });
    expect(steps.filter(isInstall)).toHaveLength(1);
    expect(steps.findIndex(isInstall)).toBeGreaterThan(setupNode);
  });

  it('uploads with upload-sarif v3, then fails last', () => {
    const upload = steps.findIndex((step) => step.uses === 'github/codeql-action/upload-sarif@v3');
    expect(upload).toBeGreaterThan(steps.findIndex((step) => step.id === 'lint'));
    expect(steps[upload]!.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}', category: '${{ inputs.category }}' });
    expect(upload).toBe(steps.length - 2);
  });
});

describe('the README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /^## GitHub Action\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  const workflowText = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];

  it('has a workflow that uses the action with declared inputs only', () => {
    expect(workflowText, 'a ```yaml block in the "## GitHub Action" section').toBeDefined();
    const workflow = parse(workflowText!) as {
      on: unknown;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    expect(workflow.on === 'pull_request' || (typeof workflow.on === 'object' && workflow.on !== null && 'pull_request' in workflow.on)).toBe(true);
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    const jobSteps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const checkout = jobSteps.findIndex((step) => step.uses?.startsWith('actions/checkout@'));
    const kubegate = jobSteps.findIndex((step) => step.uses === `kubegate/kubegate@v${version}`);
    expect(checkout).toBeGreaterThanOrEqual(0);
    expect(kubegate).toBeGreaterThan(checkout);
    const given = Object.keys(jobSteps[kubegate]!.with ?? {});
    expect(given.length).toBeGreaterThan(0);
    for (const name of given) expect(Object.keys(action.inputs), `README input ${name}`).toContain(name);
  });

  it('names every input', () => {
    for (const name of Object.keys(action.inputs)) expect(section, name).toContain(`\`${name}\``);
  });
});

/** This repository's working tree as the runner gets the action: its files, no node_modules, no build. */
function copyWorkingTree(into: string) {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = path.join(ROOT, file);
    try {
      lstatSync(from);
    } catch {
      continue; // deleted in the working tree, not yet in the index
    }
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(from, path.join(into, file), { verbatimSymlinks: true });
  }
}

describe('running the action', () => {
  let scratch: string;
  let actionPath: string;
  let workspace: string;
  let bad: ActionRun;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-action-'));
    actionPath = path.join(scratch, 'action');
    copyWorkingTree(actionPath);
    workspace = path.join(scratch, 'workspace');
    cpSync(path.join(ROOT, 'fixtures', 'demo'), path.join(workspace, 'k8s'), { recursive: true });
    cpSync(path.join(ROOT, 'fixtures', 'demo'), path.join(workspace, 'rules'), { recursive: true });
    for (const file of ['clean.yaml', 'floating-tag.yaml', 'strict.kubegaterc.yaml']) cpSync(path.join(FIXTURES, file), path.join(workspace, file));
    bad = runAction({ actionPath, workspace, inputs: { paths: 'k8s', category: 'production' }, install: true });
  }, SLOW);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const run = (inputs: Record<string, string>) => runAction({ actionPath, workspace, inputs, install: false });
  const sarif = (file = 'kubegate.sarif') =>
    JSON.parse(readFileSync(path.join(workspace, file), 'utf8')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>; automationDetails?: { id: string } }>;
    };

  it('installs and builds kubegate from its own source', () => {
    const install = bad.steps.find((step) => isInstall(step.step))!;
    expect(install.ran).toBe(true);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(path.join(actionPath, 'dist', 'cli', 'kubegate.cjs'))).toBe(true);
  });

  it('annotates the findings, writes SARIF, uploads it, and only then fails', () => {
    expect(bad.lint.status, bad.lint.stderr).toBe(0);
    expect(bad.lint.stdout).toMatch(/^::error file=k8s\/deployment\.yaml,line=27,col=11,endLine=27,endColumn=25,title=kubegate readiness-probe-missing::Container "checkout" has no readinessProbe/m);
    expect(bad.lint.stdout).toMatch(/^::warning file=k8s\/deployment\.yaml,line=28,.*mutable-image-tag::/m);
    const log = sarif();
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toContain('readiness-probe-missing');
    expect(log.runs[0]!.results).toHaveLength(bad.lint.stdout!.match(/^::(error|warning|notice) /gm)!.length);
    expect(log.runs[0]!.automationDetails?.id).toBe('kubegate/production/');
    expect(uploadStep(bad).ran).toBe(true);
    expect(uploadStep(bad).with).toEqual({ sarif_file: 'kubegate.sarif', category: 'production' });
    expect(bad.summary).toContain('| readiness-probe-missing | 1 | 0 | 0 |');
    expect(bad.outputs['exit-code']).toBe('1');
    expect(bad.last.status).toBe(1);
    expect(bad.last.stderr).toContain('findings at or above fail-on');
    expect(bad.failed).toBe(true);
  });

  it('passes a clean manifest, and still uploads its report so that fixed alerts close', () => {
    const clean = run({ paths: 'clean.yaml' });
    expect(clean.lint.stdout).not.toMatch(/^::(error|warning)/m);
    expect(sarif().runs[0]!.results).toEqual([]);
    expect(uploadStep(clean).ran).toBe(true);
    expect(uploadStep(clean).with).toEqual({ sarif_file: 'kubegate.sarif', category: '' });
    expect(clean.outputs['exit-code']).toBe('0');
    expect(clean.last.status).toBe(0);
    expect(clean.failed).toBe(false);
  });

  it('passes fail-on and config on to kubegate', () => {
    const lenient = run({ paths: 'floating-tag.yaml' });
    expect(lenient.lint.stdout).toMatch(/^::warning file=floating-tag\.yaml,.*mutable-image-tag/m);
    expect(lenient.last.status).toBe(0);
    expect(run({ paths: 'floating-tag.yaml', 'fail-on': 'warning' }).last.status).toBe(1);
    const strict = run({ paths: 'floating-tag.yaml', config: 'strict.kubegaterc.yaml' });
    expect(strict.lint.stdout).toMatch(/^::error file=floating-tag\.yaml,.*mutable-image-tag/m);
    expect(strict.last.status).toBe(1);
  });

  it('reads paths separated by spaces and newlines, leaves patterns to kubegate, and lints a folder named rules', () => {
    const several = run({ paths: 'clean.yaml  floating-tag.yaml\n  rules\n\tk8s/*.yaml\n', 'sarif-file': 'several.sarif' });
    expect(several.lint.stderr).toBe('');
    const files = new Set(sarif('several.sarif').runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(files).toEqual(new Set(['floating-tag.yaml', 'rules/configmap.yaml', 'rules/deployment.yaml', 'k8s/configmap.yaml', 'k8s/deployment.yaml']));
    expect(several.last.status).toBe(1);
  });

  it('lints one shard of a matrix, under a category of its own', () => {
    const shards = ['1/2', '2/2'].map((shard, index) => {
      const done = run({ paths: 'k8s rules', shard, 'sarif-file': `shard-${index + 1}.sarif` });
      const log = sarif(`shard-${index + 1}.sarif`);
      return { id: log.runs[0]!.automationDetails?.id, files: log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri), stderr: done.lint.stderr };
    });
    expect(shards.map((shard) => shard.id)).toEqual(['kubegate/shard-1-of-2/', 'kubegate/shard-2-of-2/']);
    // The two top-level folders land in different shards, each whole.
    const folders = shards.map((shard) => new Set(shard.files.map((file) => file.split('/')[0])));
    expect(folders.map((set) => set.size)).toEqual([1, 1]);
    expect(new Set([...folders[0]!, ...folders[1]!])).toEqual(new Set(['k8s', 'rules']));
    expect(shards[0]!.stderr).toContain('shard 1/2: 1 of 2 units');
  });

  it('skips the upload when asked, and still fails on findings', () => {
    const local = run({ paths: 'k8s', 'upload-sarif': 'false' });
    expect(uploadStep(local).ran).toBe(false);
    expect(local.last.status).toBe(1);
  });

  it('treats inputs as values, never as shell code', () => {
    const hostile = run({ paths: '$(touch pwned-paths) `touch pwned-ticks`', category: '"; touch pwned-category; "', config: '' });
    expect(existsSync(path.join(workspace, 'pwned-paths'))).toBe(false);
    expect(existsSync(path.join(workspace, 'pwned-ticks'))).toBe(false);
    expect(existsSync(path.join(workspace, 'pwned-category'))).toBe(false);
    expect(hostile.lint.stderr).toContain('path not found: $(touch');
    expect(hostile.outputs['exit-code']).toBe('2');
    expect(hostile.last.status).toBe(2);
    expect(hostile.last.stderr).toContain('kubegate could not finish (exit 2)');
  });

  it('does not upload a report left by an earlier run when kubegate writes none', () => {
    writeFileSync(path.join(workspace, 'stale.sarif'), '{}');
    const usage = run({ paths: 'k8s', 'sarif-file': 'stale.sarif', 'fail-on': 'fatal' });
    expect(usage.lint.stderr).toContain('--fail-on');
    expect(existsSync(path.join(workspace, 'stale.sarif'))).toBe(false);
    expect(uploadStep(usage).ran).toBe(false);
    expect(usage.last.status).toBe(2);
  });
});
