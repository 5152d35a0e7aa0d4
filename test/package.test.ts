/**
 * kubegate as people install it: the packed tarball, installed into an empty folder the way a
 * pre-commit hook or a CI step would, with nothing from this checkout but the tarball.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SLOW = 240_000;
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

describe('the packed package', () => {
  let scratch: string;
  let project: string;
  let files: string[];

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-pack-'));
    // `npm test` has just built dist/; packing without scripts ships exactly that build.
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], ROOT)) as { filename: string; files: { path: string }[] }[];
    files = packed[0]!.files.map((file) => file.path);
    project = path.join(scratch, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-kubegate', version: '1.0.0', private: true, type: 'module' }));
    // Dependencies come from the npm cache that `npm ci` filled, and from the registry otherwise.
    npm(['install', '--prefer-offline', '--no-save', path.join(scratch, packed[0]!.filename)], project);
  }, SLOW);

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ships the build, the docs and nothing from the development tree', () => {
    for (const needed of ['bin/kubegate.cjs', 'schemas/config.schema.json', 'schemas/kubernetes/index.json', 'schemas/kubernetes/definitions.json', 'dist/cli/config-validator.cjs', 'dist/cli/kubegate.cjs', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/rules/index.js', 'docs/rules.md', 'docs/examples/readiness-probe-missing/invalid.yaml', 'package.json', 'README.md']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((file) => /^(src|test|fixtures|bench|scripts|dist\/test|dist\/bench)\//.test(file) || file.endsWith('.map'))).toEqual([]);
  });

  it('`npx kubegate` lints a manifest: findings with positions, exit 1', () => {
    writeFileSync(path.join(project, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: web:1.0.0\n      ports: [{containerPort: 80}]\n');
    const run = spawnSync('npx', ['--no-install', 'kubegate', 'pod.yaml'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}6:7 +error +Container "web" has no readinessProbe/m);
    const explain = spawnSync('npx', ['--no-install', 'kubegate', 'explain', 'readiness-probe-missing'], { cwd: project, encoding: 'utf8' });
    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain('Invalid example');
  });

  it('imports as a library: lint, defineRule and the built-in rules, with types', () => {
    const script = [
      "import { lint, defineRule, rules } from 'kubegate';",
      'const noDefaultNamespace = defineRule({',
      "  meta: { id: 'acme/no-default-namespace', category: 'acme', severity: 'error', description: 'Uses the default namespace.', rationale: 'Shared by everyone.', remediation: 'Set metadata.namespace.', messages: { found: '{{name}} is in default.' }, appliesTo: '*' },",
      '  check(resource, context) {',
      "    if (resource.namespace === 'default') context.report({ messageId: 'found', data: { name: resource.name }, path: ['metadata', 'namespace'] });",
      '  },',
      '});',
      "const result = lint([{ path: 'c.yaml', text: 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: c, namespace: default}\\n' }], { rules: [...rules.filter((rule) => rule.meta.id !== 'unused-configmap'), noDefaultNamespace] });",
      'const finding = result.findings[0];',
      'const line: number = finding ? finding.range.line : 0;',
      "console.log(JSON.stringify(result.findings.map((f) => [f.ruleId, f.messageId, line, f.range.column])));",
    ].join('\n');
    writeFileSync(path.join(project, 'check.ts'), script);
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['check.ts'] }));
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const js = script.replace('const line: number =', 'const line =');
    writeFileSync(path.join(project, 'check.mjs'), js);
    const out = execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' });
    // The built-in default-namespace reports what the plugin rule does: both ran.
    expect(JSON.parse(out)).toEqual([
      ['acme/no-default-namespace', 'found', 3, 32],
      ['default-namespace', 'explicit', 3, 32],
    ]);
    expect(readdirSync(path.join(project, 'node_modules', 'kubegate'))).not.toContain('src');
  });
}, SLOW);
