import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { available, helmBinary, inCI, kustomizeBinary, missingInCI, ROOT, toolEnv } from './support/tools.js';

async function run(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: options.cwd ?? ROOT, env: options.env ?? {}, stdoutIsTTY: false, readStdin: async () => new Uint8Array() };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const INCIDENT = ['fixtures/drift/incident/staging.yaml', 'fixtures/drift/incident/production.yaml'];
const ALLOWED = ['fixtures/drift/allowed/staging.yaml', 'fixtures/drift/allowed/production.yaml'];

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('kubegate drift', () => {
  it('reports each difference planted in the incident pair, in the environment that lacks it, and exits 1', async () => {
    const result = await run(['drift', ...INCIDENT, '-f', 'json', '--no-config']);
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as { ruleId: string; file: string; line: number; severity: string; sides: { environment: string; value: string | null }[]; related?: { file: string; line: number }[] }[];
    expect(findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.file}:${finding.line}`).sort()).toEqual([
      'drift-data-key-missing error fixtures/drift/incident/production.yaml:7',
      'drift-env-var-missing error fixtures/drift/incident/production.yaml:31',
      'drift-env-var-source warning fixtures/drift/incident/production.yaml:33',
      'drift-local-endpoint error fixtures/drift/incident/production.yaml:8',
      'drift-probe-missing warning fixtures/drift/incident/production.yaml:27',
      'drift-resource-missing warning fixtures/drift/incident/staging.yaml:15',
      'drift-security-context-weaker warning fixtures/drift/incident/production.yaml:37',
    ]);
    const missing = findings.find((finding) => finding.ruleId === 'drift-env-var-missing')!;
    expect(missing.sides).toEqual([
      { environment: 'staging', value: 'from Secret checkout-secrets key database-url', file: 'fixtures/drift/incident/staging.yaml', line: 42 },
      { environment: 'production', value: null, file: 'fixtures/drift/incident/production.yaml', line: 31 },
    ]);
    expect(missing.related).toMatchObject([{ file: 'fixtures/drift/incident/staging.yaml', line: 42 }]);
    // Secret values never reach a report.
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).not.toContain('db.staging.internal');
  });

  it('shows the two sides next to each other in text, and a matrix and tables in Markdown', async () => {
    const text = await run(['drift', ...INCIDENT, '--no-config']);
    expect(text.stdout).toContain('Deployment checkout\n');
    expect(text.stdout).toContain('           staging:     from Secret checkout-secrets key database-url  fixtures/drift/incident/staging.yaml:42\n           production:  —  fixtures/drift/incident/production.yaml:31\n');
    expect(text.stdout.trimEnd().split('\n').slice(-2)).toEqual(['7 differences (3 errors, 4 warnings, 0 info) between staging, production', 'Exit 1: 3 findings at or above --fail-on error.']);
    const markdown = await run(['drift', ...INCIDENT, '--no-config', '-f', 'markdown']);
    expect(markdown.stdout).toContain('| Resource | staging | production |\n| --- | :---: | :---: |\n| ConfigMap checkout-config | ✓ | ✓ 2 ⚠ |\n| Deployment checkout | ✓ | ✓ 4 ⚠ |\n| Secret checkout-secrets | ✓ | ✗ |\n');
    expect(markdown.stdout).toContain('| 🔴 | env DATABASE_URL (container checkout) (`drift-env-var-missing`) | from Secret checkout-secrets key database-url | ✗ |');
  });

  it('puts the other environment in SARIF relatedLocations', async () => {
    const result = await run(['drift', ...INCIDENT, '--no-config', '-f', 'sarif']);
    const sarif = JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const [sarifRun] = sarif.runs;
    expect(sarifRun!.tool.driver.rules.map((rule) => rule.id)).toContain('drift-env-var-missing');
    const missing = sarifRun!.results.find((result) => result.ruleId === 'drift-env-var-missing')!;
    expect(missing.locations[0]!.physicalLocation.artifactLocation.uri).toBe('fixtures/drift/incident/production.yaml');
    expect(missing.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe('fixtures/drift/incident/staging.yaml');
  });

  it('reports nothing for a pair that differs only in allowed ways (replicas, resources, tags, namespaces, hosts, labels)', async () => {
    const result = await run(['drift', ...ALLOWED, '--no-config']);
    expect(result).toEqual({ code: 0, stdout: 'No drift between staging, production.\n', stderr: '' });
  });

  it('compares the environments of the configuration, with allow patterns and severities from it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubegate-drift-'));
    for (const name of ['staging', 'production']) writeFileSync(path.join(dir, `${name}.yaml`), (await import('node:fs')).readFileSync(path.join(ROOT, `fixtures/drift/incident/${name}.yaml`)));
    writeFileSync(
      path.join(dir, '.kubegaterc.yaml'),
      ['environments:', '  staging: {paths: [staging.yaml]}', '  production: {paths: [production.yaml]}', 'drift:', '  allow: ["Deployment/checkout/checkout/env/*", "ConfigMap/*/data/FEATURE_*"]', 'rules:', '  drift-local-endpoint: warning', ''].join('\n'),
    );
    const result = await run(['drift', '-f', 'json'], { cwd: dir });
    const findings = JSON.parse(result.stdout) as { ruleId: string; severity: string }[];
    expect(findings.map((finding) => `${finding.ruleId} ${finding.severity}`).sort()).toEqual([
      'drift-local-endpoint warning',
      'drift-probe-missing warning',
      'drift-resource-missing warning',
      'drift-security-context-weaker warning',
    ]);
    expect(result.code).toBe(0);
    // Lint runs with the same configuration, drift rule ids and all.
    expect((await run(['staging.yaml'], { cwd: dir })).stderr).toBe('');
  });

  it('says what is wrong with the environments given, and exits 2', async () => {
    expect(await run(['drift', 'fixtures/drift/incident/staging.yaml', '--no-config'])).toMatchObject({ code: 2, stderr: expect.stringContaining('drift compares at least two environments (got 1)') });
    expect(await run(['drift', 'fixtures/drift/incident/staging.yaml', 'no/such/env', '--no-config'])).toMatchObject({ code: 2, stderr: 'kubegate: error: environment env: path not found: no/such/env\n' });
    dir = mkdtempSync(path.join(tmpdir(), 'kubegate-drift-'));
    expect(await run(['drift', 'fixtures/drift/incident/staging.yaml', `empty=${dir}`, '--no-config'])).toMatchObject({ code: 2, stderr: expect.stringContaining(`environment empty: `) });
    expect(await run(['drift', 'a=fixtures/drift/incident/staging.yaml', 'a=fixtures/drift/incident/production.yaml', '--no-config'])).toMatchObject({ code: 2, stderr: expect.stringContaining('two environments are named "a"') });
    expect(await run(['drift', ...INCIDENT, '-f', 'junit', '--no-config'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of text, json, sarif, github, markdown') });
  });
});

const hasKustomize = available('kustomize');
const hasHelm = available('helm');
if (inCI && !hasKustomize) describe('kustomize for drift', () => it('is installed', () => expect.fail(missingInCI('kustomize'))));
if (inCI && !hasHelm) describe('helm for drift', () => it('is installed', () => expect.fail(missingInCI('helm'))));

describe.runIf(hasKustomize && hasHelm)('kubegate drift on charts and overlays, rendered for real', () => {
  it('renders each overlay, and each environment of a chart with its own values', async () => {
    expect(kustomizeBinary && helmBinary).toBeTruthy();
    const overlays = await run(['drift', 'fixtures/kustomize/overlays/staging', 'fixtures/kustomize/overlays/production', '--no-config'], { env: toolEnv() });
    expect(overlays).toEqual({ code: 0, stdout: 'No drift between staging, production.\n', stderr: '' });
    const chart = await run(
      ['drift', 'staging=fixtures/charts/shop', 'production=fixtures/charts/shop', '--values', 'staging=fixtures/charts/shop/values-staging.yaml', '--values', 'production=fixtures/charts/shop/values-production.yaml', '--set', 'production:resources.requests.cpu=64', '-f', 'json', '--no-config'],
      { env: toolEnv(), cwd: ROOT },
    );
    expect(chart.stderr).toBe('');
    expect(JSON.parse(chart.stdout)).toEqual([]);
  });
});
