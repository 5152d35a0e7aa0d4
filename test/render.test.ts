/**
 * Charts and overlays rendered by the real helm and kustomize (or kubectl kustomize), through the
 * CLI and through `renderInputs`: what renders, the options that reach helm, and every way a
 * render fails (each a `render-failed` finding, the other inputs still linted) or cannot start
 * (exit 2). Stand-in scripts play only the binaries that misbehave: one that hangs, one that
 * warns, one that prints something else, one that records how many run at once.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { main, type CliIO } from '../src/cli/main.js';
import { lint } from '../src/engine/lint.js';
import { loadSources } from '../src/load/sources.js';
import { renderInputs, type RenderOptions } from '../src/render/index.js';
import { rewriteOrigins } from '../src/render/kustomize.js';
import { available, helmBinary, inCI, kustomizeBinary, missingInCI, ROOT, toolEnv } from './support/tools.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string | undefined> = { ...process.env, ...toolEnv() }, cwd = ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    env,
    stdoutIsTTY: false,
    readStdin: async () => new Uint8Array(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  related?: { file: string; line: number; message: string }[];
  messageId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  resource?: { kind: string; namespace?: string; name: string };
}

async function findings(argv: string[], env?: Record<string, string | undefined>): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const result = await run([...argv, '--format', 'json'], env);
  return { code: result.code, findings: JSON.parse(result.stdout) as JsonFinding[], stderr: result.stderr };
}

const failuresOf = (list: JsonFinding[]) => list.filter((finding) => finding.ruleId === 'render-failed').map(({ messageId, file, line, column, message }) => ({ messageId, file, line, column, message }));

/** The replicas a replicas-without-spread finding counts: what the chart rendered. */
const replicas = (list: JsonFinding[]) => Number(/runs (\d+) replicas/.exec(list.find((finding) => finding.ruleId === 'replicas-without-spread')?.message ?? '')?.[1]);

/** Problems with the input itself: none may come from a chart's or an overlay's files once they are rendered. */
const INPUT_DIAGNOSTICS = ['unrendered-template', 'incomplete-resource', 'yaml-syntax-error', 'duplicate-key', 'yaml-version-ambiguity'];

const scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-render-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Whether a process still runs: a killed one may linger as a zombie until something reaps it (a container's init may never). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** A stand-in binary: a shell script, run as helm or kustomize would be. */
function script(name: string, body: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function renderOptions(overrides: Partial<RenderOptions> = {}): RenderOptions {
  return {
    cwd: ROOT,
    env: process.env,
    helm: { values: [], set: [], includeTests: false },
    helmBinary: helmBinary === undefined ? {} : { binary: helmBinary },
    kustomizeBinary: kustomizeBinary === undefined ? {} : { binary: kustomizeBinary },
    timeoutMs: 60_000,
    maxOutputBytes: 64 * 1024 * 1024,
    ...overrides,
  };
}

const chart = (dir: string) => ({ renderer: 'helm' as const, dir: path.join(ROOT, dir), path: dir, named: true });
const overlay = (dir: string) => ({ renderer: 'kustomize' as const, dir: path.join(ROOT, dir), path: dir, named: true });

const hasHelm = available('helm');
const hasKustomize = available('kustomize');

describe.runIf(inCI && !hasHelm)('helm in CI', () => {
  it('is installed', () => expect.fail(missingInCI('helm')));
});
describe.runIf(inCI && !hasKustomize)('kustomize in CI', () => {
  it('is installed', () => expect.fail(missingInCI('kustomize')));
});

describe.runIf(hasHelm)('Helm charts', () => {
  it('render with helm template into one source per chart, each document keeping its # Source: line', async () => {
    const result = await renderInputs([chart('fixtures/charts/shop')], renderOptions());
    expect(result.failures).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.inputs).toEqual([{ path: 'fixtures/charts/shop', how: 'helm', command: 'helm template shop fixtures/charts/shop' }]);
    const [source] = result.sources;
    expect(source!.path).toBe('fixtures/charts/shop');
    expect(source!.origin).toEqual({ kind: 'rendered', renderer: 'helm', input: path.join(ROOT, 'fixtures/charts/shop') });
    expect(source!.text).toContain('# Source: shop/templates/deployment.yaml\n');
    expect(source!.text).toContain('# Source: shop/templates/service.yaml\n');
    // The test hook is left out unless asked for.
    expect(source!.text).not.toContain('test-connection');
  });

  it('lint a chart as its rendered objects: its templates and values files are not read as manifests', async () => {
    const raw = lint((await loadSources(['fixtures/charts/shop'], { cwd: ROOT, readStdin: async () => new Uint8Array() })).sources, { rules });
    // What reading the chart's files as manifests gives, and rendering must not.
    expect(raw.findings.map((finding) => finding.ruleId)).toContain('unrendered-template');

    const { code, findings: found } = await findings(['fixtures/charts/shop']);
    expect(code).toBe(1);
    expect(found.filter((finding) => INPUT_DIAGNOSTICS.includes(finding.ruleId))).toEqual([]);
    expect(found.filter((finding) => /values[^/]*\.yaml$/.test(finding.file))).toEqual([]);
    expect(found.map((finding) => `${finding.ruleId} ${finding.resource?.kind}/${finding.resource?.name}`)).toEqual(
      expect.arrayContaining(['readiness-probe-missing Deployment/shop', 'cpu-request-missing Deployment/shop']),
    );
  });

  it('--values and --set change what is rendered; a values file in a chart applies to that chart only', async () => {
    const defaults = await findings(['fixtures/charts/shop']);
    expect(replicas(defaults.findings)).toBe(2);
    const production = await findings(['fixtures/charts/shop', '--values', 'fixtures/charts/shop/values-production.yaml']);
    expect(replicas(production.findings)).toBe(4);
    // values-production.yaml gives a CPU request.
    expect(production.findings.map((finding) => finding.ruleId)).not.toContain('cpu-request-missing');
    expect(replicas((await findings(['fixtures/charts/shop', '--values', 'fixtures/charts/shop/values-production.yaml', '--set', 'replicaCount=3'])).findings)).toBe(3);
    const both = await renderInputs([chart('fixtures/charts/shop'), chart('fixtures/charts/umbrella')], renderOptions({ helm: { values: [path.join(ROOT, 'fixtures/charts/shop/values-staging.yaml')], set: [], includeTests: false } }));
    expect(both.inputs.map((input) => input.command)).toEqual(['helm template shop fixtures/charts/shop -f fixtures/charts/shop/values-staging.yaml', 'helm template umbrella fixtures/charts/umbrella']);
  });

  it('take values from the configuration, and the command line wins over it', async () => {
    const dir = path.join(scratch, 'configured');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), `helm:\n  values: ["${path.join(ROOT, 'fixtures/charts/shop/values-production.yaml')}"]\n  set: ["replicaCount=5"]\n`);
    const config = ['--config', path.join(dir, '.kubegaterc.yaml')];
    expect(replicas((await findings(['fixtures/charts/shop', ...config])).findings)).toBe(5);
    expect(replicas((await findings(['fixtures/charts/shop', ...config, '--set', 'replicaCount=6'])).findings)).toBe(6);
  });

  it('render once per environment whose paths hold them, with its values, set and namespace, and its profile\'s severities', async () => {
    const dir = path.join(scratch, 'environments');
    cpSync(path.join(ROOT, 'fixtures/charts/shop'), path.join(dir, 'charts/shop'), { recursive: true });
    writeFileSync(
      path.join(dir, '.kubegaterc.yaml'),
      [
        'environments:',
        '  staging:',
        '    paths: ["charts/**"]',
        '    values: [charts/shop/values-staging.yaml]',
        '    set: ["image.tag=latest"]',
        '  production:',
        '    paths: ["charts/shop/**"]',
        '    values: [charts/shop/values-production.yaml]',
        '    set: ["image.tag=latest"]',
        '    namespace: prod',
        '    profile: production',
        '',
      ].join('\n'),
    );
    const env = { ...process.env, ...toolEnv() };
    const json = await run(['charts/shop', '--format', 'json'], env, dir);
    expect(json.stderr).toBe('');
    const found = JSON.parse(json.stdout) as JsonFinding[];
    const environmentOf = (finding: JsonFinding) => / for (\w+)$/.exec(finding.related?.find((related) => related.message.startsWith('as rendered by '))?.message ?? '')?.[1];
    const seen = (rule: string) => found.filter((finding) => finding.ruleId === rule).map((finding) => `${environmentOf(finding)} ${finding.severity} ${finding.file}:${finding.line}`);
    // Both renderings put mutable-image-tag on the same template line, each with its environment's severity.
    expect(seen('mutable-image-tag').sort()).toEqual(['production error charts/shop/templates/deployment.yaml:21', 'staging warning charts/shop/templates/deployment.yaml:21']);
    // Different values: staging's one replica needs no spread and has no CPU request; production's four do and has one.
    expect(seen('replicas-without-spread').map((line) => line.split(' ')[0])).toEqual(['production']);
    expect(replicas(found)).toBe(4);
    expect(seen('cpu-request-missing').map((line) => line.split(' ')[0])).toEqual(['staging']);
    expect(seen('readiness-probe-missing').map((line) => line.split(' ')[0]).sort()).toEqual(['production', 'staging']);
    // Two renderings of one chart are not two definitions of its objects.
    expect(found.map((finding) => finding.ruleId)).not.toContain('duplicate-resource');

    const text = await run(['charts/shop'], env, dir);
    expect(text.stdout).toContain(
      [
        'Rendered:',
        '  charts/shop (staging): helm template shop charts/shop -f charts/shop/values-staging.yaml --set image.tag=latest',
        '  charts/shop (production): helm template shop charts/shop --namespace prod -f charts/shop/values-production.yaml --set image.tag=latest',
        '',
      ].join('\n'),
    );
    // The command line's --set comes last and wins; its --namespace wins over the environment's.
    const overridden = JSON.parse((await run(['charts/shop', '--set', 'replicaCount=3', '--format', 'json'], env, dir)).stdout) as JsonFinding[];
    expect(overridden.filter((finding) => finding.ruleId === 'replicas-without-spread').map((finding) => `${environmentOf(finding)} ${/runs (\d+) replicas/.exec(finding.message)?.[1]}`).sort()).toEqual(['production 3', 'staging 3']);
    expect((await run(['charts/shop', '--namespace', 'qa'], env, dir)).stdout).toContain('  charts/shop (production): helm template shop charts/shop --namespace qa -f charts/shop/values-production.yaml --set image.tag=latest\n');

    // A chart under no environment renders as before, named by its folder alone.
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'environments:\n  production:\n    paths: ["other/**"]\n    values: [charts/shop/values-production.yaml]\n');
    const outside = await run(['charts/shop'], env, dir);
    expect(outside.stdout).toContain('Rendered:\n  charts/shop: helm template shop charts/shop\n');
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'environments:\n  production:\n    paths: ["charts/**"]\n    values: [charts/shop/values-prod.yaml]\n');
    const missing = await run(['charts/shop'], env, dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('kubegate: error: the values file charts/shop/values-prod.yaml (environments.production.values in the configuration) does not exist or is not a file\n');
  });

  it('are configured under helm and kustomize, checked against the schema, a binary path relative to the file', async () => {
    const dir = path.join(scratch, 'configured-binaries');
    mkdirSync(path.join(dir, 'tools'), { recursive: true });
    const wrapper = path.join(dir, 'tools', 'helm');
    writeFileSync(wrapper, `#!/bin/sh\necho "via the configured helm" >&2\nexec "${helmBinary}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'helm:\n  binary: ./tools/helm\n');
    const env = { PATH: process.env.PATH };
    const configured = await run(['fixtures/charts/shop', '--config', path.join(dir, '.kubegaterc.yaml')], env);
    expect(configured.stderr).toBe('kubegate: helm template shop fixtures/charts/shop: via the configured helm\n');
    // KUBEGATE_HELM wins over the configuration.
    expect((await run(['fixtures/charts/shop', '--config', path.join(dir, '.kubegaterc.yaml')], { ...env, KUBEGATE_HELM: helmBinary })).stderr).toBe('');
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'helm:\n  sets: ["a=b"]\n');
    const wrong = await run(['fixtures/charts/shop', '--config', path.join(dir, '.kubegaterc.yaml')], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('helm has an unknown key "sets"');
  });

  it('--include-tests keeps the chart\'s test hooks', async () => {
    expect((await run(['fixtures/charts/shop'])).stdout).toMatch(/ 2 resources checked/);
    expect((await run(['fixtures/charts/shop', '--include-tests'])).stdout).toMatch(/ 3 resources checked/);
  });

  it('--release-name, --namespace and --kube-version reach helm, and a subchart renders with its parent', async () => {
    const { findings: found } = await findings(['fixtures/charts/umbrella', '--release-name', 'web', '--namespace', 'prod']);
    const names = found.map((finding) => `${finding.resource?.kind}/${finding.resource?.namespace}/${finding.resource?.name}`);
    expect(names).toContain('ConfigMap/prod/web-settings');
    expect(names).toContain('Deployment/prod/web-backend');
    const result = await renderInputs([chart('fixtures/charts/umbrella')], renderOptions({ helm: { values: [], set: [], includeTests: false, kubeVersion: '1.29', namespace: 'prod' } }));
    expect(result.sources[0]!.text).toContain('kubeVersion: "v1.29.0"');
    expect(result.sources[0]!.text).toContain('# Source: umbrella/charts/backend/templates/deployment.yaml\n');
    expect(result.inputs[0]!.command).toBe('helm template umbrella fixtures/charts/umbrella --namespace prod --kube-version 1.29');
  });

  it('that fail to render are findings at the template line helm names, and the other inputs are still linted', async () => {
    const { code, findings: found } = await findings(['fixtures/charts/broken', 'fixtures/demo/deployment.yaml']);
    expect(code).toBe(1);
    expect(failuresOf(found)).toEqual([
      {
        messageId: 'template',
        file: 'fixtures/charts/broken/bad-template/templates/configmap.yaml',
        line: 6,
        column: 1,
        message: 'helm template fixtures/charts/broken/bad-template fails here: parse error at (bad-template/templates/configmap.yaml:6): unexpected "}" in operand. Fix the template or give the value; nothing in fixtures/charts/broken/bad-template was checked.',
      },
      {
        messageId: 'missingDependency',
        file: 'fixtures/charts/broken/missing-dependency/Chart.yaml',
        line: 6,
        column: 11,
        message: expect.stringMatching(/^Chart fixtures\/charts\/broken\/missing-dependency depends on redis, which is not in its charts\/ folder, .* Run `helm dependency build fixtures\/charts\/broken\/missing-dependency`/),
      },
      {
        messageId: 'template',
        file: 'fixtures/charts/broken/missing-value/templates/secret.yaml',
        line: 6,
        column: 10,
        message: expect.stringContaining('fails here: execution error at (missing-value/templates/secret.yaml:6:10): database.url is required.'),
      },
    ]);
    expect(found.some((finding) => finding.file === 'fixtures/demo/deployment.yaml' && finding.ruleId === 'readiness-probe-missing')).toBe(true);
  });

  it('that helm rejects as a whole are findings on Chart.yaml with helm\'s message', async () => {
    const dir = path.join(scratch, 'nameless');
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nversion: 0.1.0\n');
    const result = await renderInputs([{ renderer: 'helm', dir, path: 'nameless', named: true }], renderOptions({ cwd: scratch }));
    expect(result.failures).toEqual([{ file: 'nameless/Chart.yaml', line: 1, column: 1, messageId: 'helm', data: { input: 'nameless', detail: 'validation: chart.metadata.name is required' } }]);
  });

  it('that hang are stopped at --render-timeout, with every process the binary started', async () => {
    const hang = script('hang', `sleep 30 & echo $! > ${path.join(scratch, 'child.pid')}\nwait`);
    const started = Date.now();
    const { code, findings: found } = await findings(['fixtures/charts/shop', 'fixtures/demo/service.yaml', '--helm-binary', hang, '--render-timeout', '1s']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(failuresOf(found)).toEqual([
      { messageId: 'timeout', file: 'fixtures/charts/shop/Chart.yaml', line: 1, column: 1, message: expect.stringMatching(/^helm did not finish rendering fixtures\/charts\/shop within 1 s and was stopped/) },
    ]);
    const child = Number(readFileSync(path.join(scratch, 'child.pid'), 'utf8'));
    expect(running(child)).toBe(false);
  });

  it('print warnings as notices when they succeed, and are linted as usual', async () => {
    const warn = script('warn', `echo "WARNING: this chart is deprecated" >&2\nexec "${helmBinary}" "$@"`);
    const { stdout, stderr } = await run(['fixtures/charts/shop', '--helm-binary', warn]);
    expect(stderr).toBe('kubegate: helm template shop fixtures/charts/shop: WARNING: this chart is deprecated\n');
    expect(stdout).toContain('readiness-probe-missing');
  });

  it('that print something other than manifests, or too much, are findings naming the chart', async () => {
    const usage = script('usage', 'echo "Usage: helm [command]"');
    expect(failuresOf((await findings(['fixtures/charts/shop', '--helm-binary', usage])).findings)).toEqual([
      { messageId: 'notManifests', file: 'fixtures/charts/shop/Chart.yaml', line: 1, column: 1, message: `helm printed no Kubernetes objects for fixtures/charts/shop, only text beginning "Usage: helm [command]", so nothing in it was checked. Check that ${usage} is helm.` },
    ]);
    expect(failuresOf((await findings(['fixtures/charts/shop', '--max-file-size', '1000'])).findings)).toEqual([
      { messageId: 'tooLarge', file: 'fixtures/charts/shop/Chart.yaml', line: 1, column: 1, message: expect.stringMatching(/^helm printed more than 1000 bytes for fixtures\/charts\/shop and was stopped/) },
    ]);
  });

  it('run up to the given number at a time', async () => {
    const log = path.join(scratch, 'concurrency.log');
    const recording = script('recording', `echo start >> ${log}\nsleep 0.3\necho end >> ${log}\necho "apiVersion: v1"\necho "kind: Namespace"\necho "metadata: {name: x}"`);
    const charts = ['shop', 'umbrella', 'broken/bad-template'].map((name) => chart(`fixtures/charts/${name}`));
    const events = async (concurrency: number) => {
      rmSync(log, { force: true });
      const result = await renderInputs(charts, renderOptions({ helmBinary: { binary: recording }, concurrency }));
      expect(result.sources).toHaveLength(3);
      return readFileSync(log, 'utf8').trim().split('\n');
    };
    expect(await events(1)).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect((await events(3)).slice(0, 3)).toEqual(['start', 'start', 'start']);
  });
});

describe('a missing binary', () => {
  it('stops the run with exit 2 and says how to install helm', async () => {
    const { code, stderr } = await run(['fixtures/charts/shop', 'fixtures/demo'], { PATH: scratch });
    expect(code).toBe(2);
    expect(stderr).toContain('kubegate: error: helm is needed to render fixtures/charts/shop, and it was not found on PATH; install helm (https://helm.sh/docs/intro/install/), or name it with --helm-binary or KUBEGATE_HELM\n');
  });

  it('names the binary given, and where it was given', async () => {
    const { code, stderr } = await run(['fixtures/charts/shop', '--helm-binary', './no/such/helm'], { PATH: scratch });
    expect(code).toBe(2);
    expect(stderr).toContain('kubegate: error: ./no/such/helm (--helm-binary) is not an executable file; install helm');
    const fromEnv = await run(['fixtures/charts/shop'], { PATH: scratch, KUBEGATE_HELM: 'helm-3.99' });
    expect(fromEnv.stderr).toContain('kubegate: error: helm-3.99 (KUBEGATE_HELM) was not found on PATH');
  });

  it('says kubectl renders overlays too', async () => {
    const { code, stderr } = await run(['fixtures/kustomize/overlays/staging'], { PATH: scratch });
    expect(code).toBe(2);
    expect(stderr).toContain('kustomize is needed to render fixtures/kustomize/overlays/staging, and neither kustomize nor kubectl was found on PATH; install kubectl, which renders overlays as `kubectl kustomize`');
  });

  it('is not needed when there is nothing to render', async () => {
    expect((await run(['fixtures/demo/worker.yaml'], { PATH: scratch })).code).toBe(0);
  });
});

describe('render options without a chart', () => {
  it('are said to do nothing, and a values file that does not exist is a usage error', async () => {
    const { stderr } = await run(['fixtures/demo/worker.yaml', '--set', 'a=b', '--include-tests']);
    expect(stderr).toBe('kubegate: --set, --include-tests apply to Helm charts, and no chart was found among the inputs\n');
    const missing = await run(['fixtures/demo/worker.yaml', '--values', 'no-such-values.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('kubegate: error: the values file no-such-values.yaml (--values) does not exist or is not a file\n');
  });

  it('are checked as helm would take them', async () => {
    for (const argv of [['--set', 'novalue'], ['--release-name', 'Shop_1'], ['--kube-version', 'latest'], ['--render-timeout', '0'], ['--helm-binary', '']]) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(/^kubegate: error: --[a-z-]+ /);
    }
  });
});

describe('origin annotations', () => {
  it('are made relative to the overlay, line for line, and remote ones are left alone', () => {
    const wrapper = { dir: '/tmp/kubegate-kustomize-x', overlay: '/work/app/overlays/prod' };
    const text = [
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: ../../work/app/base/deployment.yaml',
      '  name: web',
      '---',
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      configuredIn: "../../work/app/overlays/prod/kustomization.yaml"',
      '      configuredBy:',
      '        apiVersion: builtin',
      '        kind: ConfigMapGenerator',
      '---',
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: examples/helloWorld/deployment.yaml',
      '      repo: https://github.com/kubernetes-sigs/kustomize',
      '      ref: v3.3.1',
      '',
    ].join('\n');
    const rewritten = rewriteOrigins(text, wrapper).split('\n');
    expect(rewritten).toHaveLength(text.split('\n').length);
    expect(rewritten[3]).toBe('      path: ../../base/deployment.yaml');
    expect(rewritten[9]).toBe('      configuredIn: kustomization.yaml');
    expect(rewritten[17]).toBe('      path: examples/helloWorld/deployment.yaml');
    expect(rewritten.filter((line, index) => ![3, 9].includes(index))).toEqual(text.split('\n').filter((line, index) => ![3, 9].includes(index)));
  });
});

describe.runIf(hasKustomize)('Kustomize overlays', () => {
  it('name the kustomization of a generated object, relative to the overlay', async () => {
    const dir = path.join(scratch, 'generated');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'configMapGenerator:\n  - name: settings\n    literals: [mode=fast]\n');
    const result = await renderInputs([{ renderer: 'kustomize', dir, path: 'generated', named: true }], renderOptions({ cwd: scratch }));
    expect(result.sources[0]!.text).toContain('config.kubernetes.io/origin: |\n      configuredIn: kustomization.yaml\n');
  });

  it('render through a wrapper, every object naming its file relative to the overlay', async () => {
    const result = await renderInputs([overlay('fixtures/kustomize/overlays/production')], renderOptions());
    expect(result.failures).toEqual([]);
    const [source] = result.sources;
    expect(source!.origin).toEqual({ kind: 'rendered', renderer: 'kustomize', input: path.join(ROOT, 'fixtures/kustomize/overlays/production') });
    const origins = [...source!.text.matchAll(/config\.kubernetes\.io\/origin: \|\n\s+path: (.+)\n/g)].map((match) => match[1]);
    expect(origins.sort()).toEqual(['../../base/deployment.yaml', '../../base/service.yaml']);
    for (const origin of origins) expect(existsSync(path.join(ROOT, 'fixtures/kustomize/overlays/production', origin!))).toBe(true);
    expect(source!.text).toContain('- --cache-size=4096');
    expect(result.inputs[0]!.command).toMatch(/^(kubectl kustomize|kustomize build) fixtures\/kustomize\/overlays\/production$/);
  });

  it('lint as their rendered objects: a patch is not an object of its own', async () => {
    const { findings: found } = await findings(['fixtures/kustomize']);
    expect(found.filter((finding) => INPUT_DIAGNOSTICS.includes(finding.ruleId))).toEqual([]);
    // The patch's maxUnavailable, in production only; the base is rendered through the overlays, not on its own.
    const rollout = found.filter((finding) => finding.ruleId === 'rolling-update-all-unavailable');
    expect(rollout.map((finding) => `${finding.resource?.namespace}/${finding.resource?.name}`)).toEqual(['production/catalog']);
    expect((await run(['fixtures/kustomize'])).stdout).toMatch(/ 4 resources checked/);
  });

  it('that list a file that does not exist are findings on the line that lists it', async () => {
    const { code, findings: found } = await findings(['fixtures/kustomize/broken/missing-file', 'fixtures/demo/deployment.yaml']);
    expect(code).toBe(1);
    expect(failuresOf(found)).toEqual([
      {
        messageId: 'missingFile',
        file: 'fixtures/kustomize/broken/missing-file/kustomization.yaml',
        line: 5,
        column: 5,
        message: expect.stringMatching(/^kustomize cannot build fixtures\/kustomize\/broken\/missing-file: fixtures\/kustomize\/broken\/missing-file\/service\.yaml, listed here, does not exist\./),
      },
    ]);
    expect(found.some((finding) => finding.file === 'fixtures/demo/deployment.yaml')).toBe(true);
  });

  it('that kustomize rejects otherwise are findings with its message, on the kustomization', async () => {
    const dir = path.join(scratch, 'invalid');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - a.yaml\nbogus: [\n');
    const result = await renderInputs([{ renderer: 'kustomize', dir, path: 'invalid', named: true }], renderOptions({ cwd: scratch }));
    expect(result.failures).toEqual([{ file: 'invalid/kustomization.yaml', line: 1, column: 1, messageId: 'kustomize', data: { input: 'invalid', detail: expect.stringContaining('did not find expected node content') } }]);
  });

  it('never reach the network: a remote base fails at once, on the line that names it', async () => {
    const dir = path.join(scratch, 'remote');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n');
    const started = Date.now();
    const result = await renderInputs([{ renderer: 'kustomize', dir, path: 'remote', named: true }], renderOptions({ cwd: scratch, timeoutMs: 20_000 }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.failures).toEqual([
      { file: 'remote/kustomization.yaml', line: 2, column: 5, messageId: 'remoteResource', data: { input: 'remote', url: 'https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1' } },
    ]);
  });
});
