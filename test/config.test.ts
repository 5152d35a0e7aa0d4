import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { rules } from '../rules/index.js';
import { describeErrors } from '../src/config/load.js';
import { resolveConfig } from '../src/config/resolve.js';
import { configValidator } from '../src/config/validate.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPLOYMENT = readFileSync(path.join(ROOT, 'fixtures/demo/deployment.yaml'), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubegate-config-'));
  mkdirSync(path.join(dir, 'prod'));
  writeFileSync(path.join(dir, 'app.yaml'), DEPLOYMENT);
  writeFileSync(path.join(dir, 'prod', 'app.yaml'), DEPLOYMENT);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, stdoutIsTTY: false, readStdin: async () => new Uint8Array() };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function findings(argv: string[], cwd = dir): Promise<string[]> {
  const result = await run([...argv, '-f', 'json'], cwd);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { file: string; ruleId: string; severity: string }[]).map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
}

const has = (list: string[], file: string, rule: string) => list.some((line) => line.startsWith(`${file} ${rule} `));

describe('configuration files', () => {
  it('--config FILE with a rule off removes that rule\'s findings', async () => {
    writeFileSync(path.join(dir, 'team-config.yaml'), 'rules:\n  readiness-probe-missing: "off"\n');
    expect(has(await findings(['app.yaml']), 'app.yaml', 'readiness-probe-missing')).toBe(true);
    const configured = await findings(['app.yaml', '--config', 'team-config.yaml']);
    expect(has(configured, 'app.yaml', 'readiness-probe-missing')).toBe(false);
    expect(has(configured, 'app.yaml', 'mutable-image-tag')).toBe(true);
  });

  it('an invalid value exits 2 with a message naming the file, the key, the value and what is allowed', async () => {
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'rules:\n  readiness-probe-missing: sometimes\n');
    const result = await run(['app.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('kubegate: error: .kubegaterc.yaml: rules["readiness-probe-missing"] is "sometimes"; allowed: off, info, warning or error, or [severity, options]\n');
  });

  it('names unknown keys, rule options off the rule\'s schema, and unknown rules', async () => {
    writeFileSync(path.join(dir, '.kubegaterc.json'), '{"rulez": {}}');
    expect((await run(['app.yaml'])).stderr).toBe('kubegate: error: .kubegaterc.json: unknown key "rulez"\n');
    writeFileSync(path.join(dir, '.kubegaterc.json'), '{"rules": {"no-such-rule": "error"}}');
    expect((await run(['app.yaml'])).stderr).toBe('kubegate: error: .kubegaterc.json: unknown rule "no-such-rule" in rule settings\n');
    writeFileSync(path.join(dir, '.kubegaterc.json'), '{"rules": {"readiness-probe-missing": ["error", {"x": 1}]}}');
    expect((await run(['app.yaml'])).stderr).toBe('kubegate: error: .kubegaterc.json: rule readiness-probe-missing takes no options\n');
  });

  it('sets rule options, checked against the rule\'s own schema', async () => {
    writeFileSync(path.join(dir, 'main.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:main\n');
    expect(has(await findings(['main.yaml']), 'main.yaml', 'mutable-image-tag')).toBe(false);
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'rules:\n  mutable-image-tag: [error, {mutableTags: [main, latest]}]\n');
    expect(await findings(['main.yaml'])).toContain('main.yaml mutable-image-tag error');
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'rules:\n  mutable-image-tag: [error, {mutableTags: main}]\n');
    const bad = await run(['main.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('kubegate: error: .kubegaterc.yaml: rule mutable-image-tag: options.mutableTags must be array\n');
  });

  it('is found from the working directory upward, in each supported form', async () => {
    for (const [name, text] of <[string, string][]>[
      ['.kubegaterc', 'rules:\n  readiness-probe-missing: "off"\n'],
      ['.kubegaterc.yml', 'rules:\n  readiness-probe-missing: "off"\n'],
      ['kubegate.config.mjs', 'export default { rules: { "readiness-probe-missing": "off" } };\n'],
      ['kubegate.config.cjs', 'module.exports = { rules: { "readiness-probe-missing": "off" } };\n'],
      ['package.json', '{"name": "x", "kubegate": {"rules": {"readiness-probe-missing": "off"}}}'],
    ]) {
      writeFileSync(path.join(dir, name), text);
      expect(has(await findings(['app.yaml'], path.join(dir, 'prod')), '../app.yaml', 'readiness-probe-missing'), name).toBe(false);
      rmSync(path.join(dir, name));
    }
  });

  it('--no-config and --rule win over the file', async () => {
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'rules:\n  readiness-probe-missing: "off"\n');
    expect(has(await findings(['app.yaml', '--no-config']), 'app.yaml', 'readiness-probe-missing')).toBe(true);
    const ruled = await findings(['app.yaml', '--rule', 'readiness-probe-missing:warning', '--rule', 'mutable-image-tag:off']);
    expect(ruled.filter((line) => line.includes('readiness-probe-missing'))).toEqual(['app.yaml readiness-probe-missing warning']);
    expect(has(ruled, 'app.yaml', 'mutable-image-tag')).toBe(false);
  });

  it('applies presets, overrides per file, ignorePatterns and failOn, and never lints itself', async () => {
    writeFileSync(
      path.join(dir, '.kubegaterc.yaml'),
      [
        'extends: kubegate:strict',
        'rules:',
        '  mutable-image-tag: "off"',
        'overrides:',
        '  - files: "prod/**"',
        '    rules:',
        '      mutable-image-tag: error',
        '      liveness-probe-missing: "off"',
        'ignorePatterns: ["ignored/**"]',
        'failOn: warning',
        '',
      ].join('\n'),
    );
    mkdirSync(path.join(dir, 'ignored'));
    writeFileSync(path.join(dir, 'ignored', 'app.yaml'), DEPLOYMENT);
    const list = await findings(['.']);
    expect(list.every((line) => line.endsWith(' error'))).toBe(true);
    expect(has(list, 'app.yaml', 'mutable-image-tag')).toBe(false);
    expect(has(list, 'prod/app.yaml', 'mutable-image-tag')).toBe(true);
    expect(has(list, 'app.yaml', 'revision-history-limit-zero')).toBe(true);
    expect(has(list, 'prod/app.yaml', 'liveness-probe-missing')).toBe(false);
    expect(list.some((line) => line.startsWith('ignored/') || line.startsWith('.kubegaterc'))).toBe(false);
    writeFileSync(path.join(dir, 'warn.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  revisionHistoryLimit: 0\n');
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'failOn: warning\n');
    expect((await run(['warn.yaml'])).code).toBe(1);
    expect((await run(['warn.yaml', '--fail-on', 'error'])).code).toBe(0);
  });

  it('environments give their files the severities of their profile', async () => {
    mkdirSync(path.join(dir, 'dev'));
    writeFileSync(path.join(dir, 'dev', 'app.yaml'), DEPLOYMENT);
    writeFileSync(
      path.join(dir, '.kubegaterc.yaml'),
      'environments:\n  production:\n    paths: ["prod/**"]\n  development:\n    paths: ["dev/**"]\n  qa:\n    paths: ["qa/**"]\n    profile: careful\nprofiles:\n  careful:\n    rules: {liveness-probe-missing: error}\n  production:\n    rules: {mutable-image-tag: warning}\n',
    );
    const list = await findings(['.']);
    const severity = (file: string, rule: string) => list.find((line) => line.startsWith(`${file} ${rule} `))?.split(' ')[2];
    // Production: the built-in profile (rollback safety), with the configuration's own changes over it.
    expect(severity('prod/app.yaml', 'revision-history-limit-zero')).toBe('error');
    expect(severity('prod/app.yaml', 'mutable-image-tag')).toBe('warning');
    // Development relaxes what does not break a deployment; outside any environment, the defaults.
    expect(severity('dev/app.yaml', 'mutable-image-tag')).toBe('info');
    expect(severity('dev/app.yaml', 'readiness-probe-missing')).toBe('error');
    expect(severity('app.yaml', 'mutable-image-tag')).toBe('warning');
    const printed = JSON.parse((await run(['--print-config', 'prod/app.yaml'])).stdout) as { environment: unknown };
    expect(printed.environment).toEqual({ name: 'production', profile: 'production' });
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'environments:\n  qa:\n    paths: ["qa/**"]\n    profile: careful\n');
    expect((await run(['app.yaml'])).stderr).toBe('kubegate: error: .kubegaterc.yaml: environments.qa.profile is "careful"; allowed: development, staging, production\n');
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'overrides:\n  - files: "x/**"\n    rules: {no-such-rule: error}\n');
    expect((await run(['app.yaml'])).stderr).toBe('kubegate: error: .kubegaterc.yaml: overrides[0].rules: unknown rule "no-such-rule"\n');
  });

  it('environments take values, set and namespace for their charts, checked like the rest', async () => {
    writeFileSync(path.join(dir, 'values-prod.yaml'), 'replicaCount: 4\n');
    const config = { environments: { production: { paths: ['prod/**'], values: ['values-prod.yaml'], set: ['image.tag=1.2.3'], namespace: 'prod' } } };
    const validate = configValidator();
    expect(validate(config)).toBe(true);
    const resolved = resolveConfig(config, path.join(dir, '.kubegaterc.yaml'), path.join(dir, 'prod'), rules);
    expect(resolved.environments.map(({ contains, ...rest }) => ({ ...rest, containsApp: contains('app.yaml'), containsParent: contains('../app.yaml') }))).toEqual([
      { name: 'production', profile: 'production', values: [path.join(dir, 'values-prod.yaml')], set: ['image.tag=1.2.3'], namespace: 'prod', paths: ['**'], local: false, capacity: undefined, containsApp: true, containsParent: false },
    ]);
    // A rendering for an environment gets its profile whatever its path, and the file's overrides still apply.
    expect(resolved.severityFor!('../app.yaml', 'mutable-image-tag')).toBeUndefined();
    expect(resolved.severityFor!('../app.yaml', 'mutable-image-tag', 'production')).toBe('error');
    expect(resolved.severityFor!('app.yaml', 'mutable-image-tag')).toBe('error');
    for (const [text, message] of <[string, string][]>[
      ['environments:\n  production:\n    paths: ["prod/**"]\n    valuez: [a.yaml]\n', 'environments.production has an unknown key "valuez"'],
      ['environments:\n  production:\n    paths: ["prod/**"]\n    set: ["no-equals"]\n', 'environments.production.set[0] is "no-equals": it must match pattern "^[^=\\s][^=]*="'],
      ['environments:\n  production:\n    paths: ["prod/**"]\n    namespace: Prod\n', 'environments.production.namespace is "Prod": it must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"'],
      ['environments:\n  production:\n    paths: ["prod/**"]\n    values: values-prod.yaml\n', 'environments.production.values is "values-prod.yaml": it must be array'],
    ]) {
      writeFileSync(path.join(dir, '.kubegaterc.yaml'), text);
      expect((await run(['app.yaml'])).stderr).toBe(`kubegate: error: .kubegaterc.yaml: ${message}\n`);
    }
  });

  it('--print-config shows what applies to a file', async () => {
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'rules:\n  mutable-image-tag: "off"\noverrides:\n  - files: ["prod/**"]\n    rules: {mutable-image-tag: error}\n');
    const printed = JSON.parse((await run(['--print-config', 'prod/app.yaml'])).stdout) as { configFile: string; rules: Record<string, unknown> };
    expect(printed.configFile).toBe(path.join(dir, '.kubegaterc.yaml'));
    expect(printed.rules['mutable-image-tag']).toEqual(['error', { mutableTags: ['latest'] }]);
    expect(printed.rules['readiness-probe-missing']).toBe('error');
    const top = JSON.parse((await run(['--print-config', 'app.yaml'])).stdout) as { rules: Record<string, unknown> };
    expect(top.rules['mutable-image-tag']).toBe('off');
  });

  it('`kubegate init` writes a starter that validates, and will not overwrite one', async () => {
    expect((await run(['init'])).code).toBe(0);
    const text = readFileSync(path.join(dir, '.kubegaterc.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect((await run(['app.yaml'])).stderr).toBe('');
    const again = await run(['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('the bundled CLI validates with the validator ajv compiled at build time', () => {
    writeFileSync(path.join(dir, '.kubegaterc.yaml'), 'failOn: sometimes\n');
    const child = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kubegate.cjs'), 'app.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toBe('kubegate: error: .kubegaterc.yaml: failOn is "sometimes"; allowed: "error", "warning", "info"\n');
  });
});

describe('schema errors in words', () => {
  it('one message per problem, not ajv\'s cascade', () => {
    const validate = configValidator();
    const config = { rules: { 'a-rule': 'sometimes', Bad_Id: 'error' }, overrides: [{ files: 'x', rules: { 'a-rule': ['error', {}] } }] };
    expect(validate(config)).toBe(false);
    expect(describeErrors(validate.errors ?? [], config)).toBe(
      'rules has a key that is not a rule id (rule ids are kebab-case, with an optional plugin prefix such as acme/no-latest); rules["a-rule"] is "sometimes"; allowed: off, info, warning or error, or [severity, options]; overrides[0].rules["a-rule"] is ["error",{}]; allowed: off, info, warning or error',
    );
  });
});
