/**
 * The pre-commit hook as its users get it: the real pre-commit installs this repository
 * (`language: node`: `npm install`, `npm pack`, `npm install -g` of the tarball) and runs the hook
 * on a repository with a manifest in it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Each try-repo installs the hook from scratch (its store is a temporary folder): 20 to 50 s here,
// with the rest of the suite running, most of it the build, which npm runs twice (prepare in
// `npm install`, again in `npm pack`).
const SLOW = 300_000;

const inCI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const preCommit = onPath('pre-commit');
const SKIP_REASON = 'pre-commit hook: skipped because pre-commit is not on PATH (apt-get install pre-commit, or pipx install pre-commit)';
// The default reporter folds a skipped file into a count; say it on stderr so nobody reads the
// skip as "the hook works".
if (preCommit === undefined && !inCI) console.warn(`kubegate ${SKIP_REASON}`);

describe('.pre-commit-hooks.yaml and the README', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string; bin: Record<string, string> };
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /^## pre-commit\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';

  it('declares a node hook that runs the package binary once on all the manifests', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks).toMatchObject([
      {
        id: 'kubegate',
        name: 'kubegate',
        description: expect.stringMatching(/\S/),
        entry: 'kubegate',
        language: 'node',
        types_or: ['yaml', 'json'],
        pass_filenames: true,
        require_serial: true,
      },
    ]);
    expect(Object.keys(pkg.bin)).toContain(hooks[0]!.entry);
  });

  it('shows a configuration that names this repository, this version and the hook', () => {
    const snippet = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(snippet, 'a ```yaml block in the "## pre-commit" section').toBeDefined();
    const config = parse(snippet!) as { repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string }> }> };
    expect(config.repos).toEqual([{ repo: pkg.homepage, rev: `v${pkg.version}`, hooks: [{ id: 'kubegate' }] }]);
    const lintStaged = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(JSON.parse(lintStaged ?? 'null')).toEqual({ 'lint-staged': { '*.{yaml,yml,json}': 'kubegate' } });
  });
});

describe.runIf(preCommit === undefined && inCI)('pre-commit in CI', () => {
  it('is installed', () => {
    expect.fail('pre-commit is not on PATH, but CI must run the hook through it: install it with `apt-get install -y --no-install-recommends pre-commit` (.ci/run does)');
  });
});

/** git with no user or system configuration: a global hooks path or signing setting must not decide the test. */
const isolatedGit = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: isolatedGit, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * This repository's working tree, committed into a repository of its own. try-repo on the checkout
 * itself would miss files not yet added to git: its shadow commit takes only staged changes and
 * `git add -u`, so a new .pre-commit-hooks.yaml would not be in it.
 */
function snapshotWorkingTree(into: string): string {
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
  git(['init', '-q'], into);
  git(['add', '-A'], into);
  git(['-c', 'user.name=kubegate test', '-c', 'user.email=test@kubegate.invalid', 'commit', '-q', '--no-verify', '-m', 'working tree'], into);
  return into;
}

const workerWith = (memory: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: order-worker, namespace: shop}',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: order-worker}}',
    '  template:',
    '    metadata: {labels: {app: order-worker}}',
    '    spec:',
    '      containers:',
    '        - name: worker',
    '          image: registry.example.com/shop/order-worker:2.7.1',
    '          ports: [{name: metrics, containerPort: 9090}]',
    '          readinessProbe: {httpGet: {path: /ready, port: metrics}}',
    '          livenessProbe: {httpGet: {path: /healthz, port: metrics}, failureThreshold: 6}',
    '          resources:',
    `            requests: {cpu: 100m, memory: ${memory}}`,
    `            limits: {memory: ${memory}}`,
    '          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}',
    '      automountServiceAccountToken: false',
    '      securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}',
    '',
  ].join('\n');

// A JavaScript configuration file runs inside the hook's kubegate, so it can say which Node ran it
// and from where: proof that pre-commit used the machine's Node instead of downloading one.
const RUNTIME_PROBE = `require('node:fs').writeFileSync(process.env.KUBEGATE_TEST_RUNTIME, JSON.stringify({
  execPath: process.execPath,
  script: process.argv[1],
  nodeVirtualEnv: process.env.NODE_VIRTUAL_ENV ?? null,
}));
module.exports = {};
`;

describe.skipIf(preCommit === undefined)(preCommit ? `the pre-commit hook, through ${preCommit}` : SKIP_REASON, () => {
  let scratch: string;
  let hookRepo: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-pre-commit-'));
    hookRepo = snapshotWorkingTree(path.join(scratch, 'kubegate'));
    project = path.join(scratch, 'project');
    mkdirSync(project);
    git(['init', '-q'], project);
    git(['config', 'user.name', 'kubegate test'], project);
    git(['config', 'user.email', 'test@kubegate.invalid'], project);
    writeFileSync(path.join(project, 'kubegate.config.cjs'), RUNTIME_PROBE);
    const tmp = path.join(scratch, 'tmp');
    mkdirSync(tmp);
    env = {
      ...isolatedGit,
      PRE_COMMIT_HOME: path.join(scratch, 'pre-commit-home'),
      // try-repo keeps its store, with the installed hook, in a temporary folder: keep that here too.
      TMPDIR: tmp,
      KUBEGATE_TEST_RUNTIME: path.join(scratch, 'runtime.json'),
      // The install resolves kubegate's dependencies again; the cache `npm ci` filled has them all.
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const commit = (file: string, text: string, message: string) => {
    writeFileSync(path.join(project, file), text);
    git(['add', '-A'], project);
    git(['commit', '-q', '--no-verify', '-m', message], project);
  };

  const tryRepo = () => {
    const result = spawnSync(preCommit!, ['try-repo', hookRepo, 'kubegate', '--all-files', '--color=never'], { cwd: project, env, encoding: 'utf8', timeout: SLOW - 10_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}`, error: result.error };
  };

  it('fails on a manifest with an error, naming the finding', () => {
    commit('deploy.yaml', workerWith('512m'), 'memory in millibytes');
    const { status, output, error } = tryRepo();
    expect(error).toBeUndefined();
    expect(output, output).toMatch(/^kubegate\.+Failed$/m);
    expect(output).toMatch(/^deploy\.yaml$/m);
    expect(output).toMatch(/^ {2}17:43 +error +Container "worker" sets requests\.memory to "512m", which is 0\.512 bytes.+invalid-quantity$/m);
    expect(output).toContain('Exit 1: 2 findings at or above --fail-on error.');
    expect(status, output).toBe(1);
  }, SLOW);

  it('ran the installed package on the Node already on PATH, downloading none', () => {
    const runtime = JSON.parse(readFileSync(env.KUBEGATE_TEST_RUNTIME!, 'utf8')) as { execPath: string; script: string; nodeVirtualEnv: string | null };
    const node = onPath('node');
    expect(node).toBeDefined();
    expect(runtime.execPath).toBe(realpathSync(node!));
    // pre-commit names the environment after its language_version; nodeenv's "system" environment
    // holds a shim to that Node, where any other version would hold a downloaded one.
    expect(path.basename(runtime.nodeVirtualEnv ?? '')).toBe('node_env-system');
    expect(runtime.script.startsWith(`${runtime.nodeVirtualEnv}${path.sep}`)).toBe(true);
  });

  it('passes once the manifest is fixed', () => {
    commit('deploy.yaml', workerWith('512Mi'), 'memory in mebibytes');
    const { status, output, error } = tryRepo();
    expect(error).toBeUndefined();
    expect(output, output).toMatch(/^kubegate\.+Passed$/m);
    expect(status, output).toBe(0);
  }, SLOW);
});
