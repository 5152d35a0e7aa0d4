import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { WARNING_ONLY_DEPLOYMENT } from './support/manifests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd?: string; stdin?: string | Uint8Array; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    stdoutIsTTY: false,
    readStdin: async () => (typeof options.stdin === 'string' ? Buffer.from(options.stdin) : (options.stdin ?? new Uint8Array())),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.36\n';
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-cli-'));
  mkdirSync(path.join(scratch, 'empty'));
  mkdirSync(path.join(scratch, 'bad'));
  writeFileSync(path.join(scratch, 'bad', 'zero.yaml'), '');
  writeFileSync(path.join(scratch, 'bad', 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
  writeFileSync(path.join(scratch, 'bad', 'latin1.yaml'), Buffer.from('kind: ConfigMap\nname: caf\xe9\n', 'latin1'));
  writeFileSync(path.join(scratch, 'bad', 'pod.yaml'), POD);
  writeFileSync(path.join(scratch, 'bad', 'notes.txt'), 'not a manifest');
  writeFileSync(path.join(scratch, 'bad', 'comments.yaml'), '# nothing here yet\n---\n# still nothing\n');
});

describe('kubegate on the demo app', () => {
  it('prints findings with line:column and exits 1', async () => {
    const { code, stdout, stderr } = await run(['fixtures/demo']);
    expect(code).toBe(1);
    expect(stdout).toContain('fixtures/demo/deployment.yaml');
    expect(stdout).toMatch(/^ {2}27:11 +error +Container "checkout" has no readinessProbe/m);
    expect(stdout).toContain('Deployment/shop/checkout');
    expect(stderr).toBe('');
  });

  it('passes the clean workload alone', async () => {
    const { code, stdout } = await run(['fixtures/demo/worker.yaml']);
    expect(stdout).toBe('No problems found in 1 file (1 resource).\n');
    expect(code).toBe(0);
  });

  it('writes JSON findings with positions and the resource', async () => {
    const { code, stdout } = await run(['fixtures/demo/deployment.yaml', '--format', 'json']);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(findings.find((finding) => finding.ruleId === 'readiness-probe-missing')).toEqual({
      ruleId: 'readiness-probe-missing',
      messageId: 'ports',
      severity: 'error',
      message: 'Container "checkout" has no readinessProbe, though it listens on http: whatever connects gets through the moment the process starts, and a rollout counts it ready. Add a readinessProbe that checks it can serve.',
      file: 'fixtures/demo/deployment.yaml',
      line: 27,
      column: 11,
      endLine: 27,
      endColumn: 25,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'checkout' },
      path: 'spec.template.spec.containers[0]',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('writes SARIF to --output-file', async () => {
    const out = path.join(scratch, 'report.sarif');
    const { code, stdout } = await run(['fixtures/demo', '-f', 'sarif', '-o', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const log = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.length).toBeGreaterThan(3);
  });

  it('gives each rule in SARIF its help with the rule\'s own example, before and after', async () => {
    const out = path.join(scratch, 'help.sarif');
    await run(['fixtures/demo', '--output', `sarif:${out}`]);
    const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { text: string; markdown: string } }> } } }> };
    const readiness = log.runs[0]!.tool.driver.rules.find((rule) => rule.id === 'readiness-probe-missing')!;
    const invalid = readFileSync(path.join(ROOT, 'docs/examples/readiness-probe-missing/invalid.yaml'), 'utf8');
    const valid = readFileSync(path.join(ROOT, 'docs/examples/readiness-probe-missing/valid.yaml'), 'utf8');
    expect(readiness.help.markdown).toContain('#### Why it matters');
    expect(readiness.help.markdown).toContain(`Reported:\n\n\`\`\`yaml\n${invalid}`);
    expect(readiness.help.markdown).toContain(`Fixed:\n\n\`\`\`yaml\n${valid}`);
    expect(readiness.help.text).toContain('How to fix:');
  });
});

describe('exit codes and thresholds', () => {
  it('--fail-on warning fails on warnings; the default does not', async () => {
    const warningsOnly = WARNING_ONLY_DEPLOYMENT;
    expect((await run(['-'], { stdin: warningsOnly })).code).toBe(0);
    expect((await run(['-', '--fail-on', 'warning'], { stdin: warningsOnly })).code).toBe(1);
    expect((await run(['-', '--max-warnings', '0'], { stdin: warningsOnly })).code).toBe(1);
    expect((await run(['-', '--max-warnings', '1'], { stdin: warningsOnly })).code).toBe(0);
  });

  it('--quiet reports errors only', async () => {
    const { stdout } = await run(['fixtures/demo/deployment.yaml', '--quiet']);
    expect(stdout).toContain('error');
    expect(stdout).not.toContain('warning  ');
    expect(stdout).toContain('; 2 warnings and infos hidden by --quiet\n');
  });

  it('--quiet hides warnings from the report but not from the exit code', async () => {
    const warningsOnly = WARNING_ONLY_DEPLOYMENT;
    const quiet = await run(['-', '--quiet', '--fail-on', 'warning'], { stdin: warningsOnly });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('No problems found');
    expect(quiet.stdout).toContain('1 warning or info hidden by --quiet');
  });

  it('rejects bad usage with exit 2 and a hint', async () => {
    for (const argv of [['--format', 'xml'], ['--fail-on', 'fatal'], ['--max-warnings', 'many'], ['--bogus'], ['explain']]) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(/^kubegate: error: .+\n/);
    }
  });
});

describe('errors end in a message and exit 2, never a stack trace', () => {
  it('names an output file that cannot be written', async () => {
    const blocker = path.join(scratch, 'a-file');
    writeFileSync(blocker, 'x');
    const { code, stdout, stderr } = await run(['fixtures/demo/worker.yaml', '-o', path.join(blocker, 'report.txt')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`kubegate: error: cannot write the report to ${path.join(blocker, 'report.txt')}: ENOTDIR\n`);
  });

  it('turns an unexpected failure into one line, with the stack only under --debug', async () => {
    const failing = (argv: string[]) => {
      let stderr = '';
      const io: CliIO = { stdout: () => {}, stderr: (text) => void (stderr += text), cwd: ROOT, env: {}, stdoutIsTTY: false, readStdin: async () => { throw new Error('stdin exploded'); } };
      return main(argv, io).then((code) => ({ code, stderr }));
    };
    const plain = await failing(['-']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('kubegate: error: stdin exploded\nkubegate: this looks like a bug; run again with --debug for details and please report it.\n');
    const debug = await failing(['-', '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^kubegate: error: stdin exploded\nError: stdin exploded\n\s+at /);
  });

  it('finishes a YAML alias bomb quickly, reporting each template string once', () => {
    const levels = ['  a: &a ["{{ .Values.x }}", "plain"]'];
    for (const [i, name] of [...'bcdefghij'].entries()) levels.push(`  ${name}: &${name} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`);
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'data:', ...levels, ''].join('\n');
    const started = Date.now();
    const child = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kubegate.cjs'), '-', '--format', 'json'], { input: bomb, encoding: 'utf8', timeout: 20_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(child.status).toBe(1);
    const findings = JSON.parse(child.stdout) as Array<{ ruleId: string; line: number }>;
    expect(findings.map((finding) => `${finding.ruleId} ${finding.line}`)).toEqual(['unrendered-template 5']);
  });
});

describe('bad input never stops the run', () => {
  it('names a missing path, still lints the rest, and exits 2', async () => {
    const { code, stdout, stderr } = await run(['does/not/exist.yaml', 'fixtures/demo/deployment.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe('kubegate: error: path not found: does/not/exist.yaml\n');
    expect(stdout).toContain('readiness-probe-missing');
  });

  it('says so for a folder with no manifests, and exits 0', async () => {
    const { code, stdout, stderr } = await run(['empty'], { cwd: scratch });
    expect(code).toBe(0);
    expect(stderr).toBe('kubegate: no manifests (.yaml, .yml, .json) found in empty\n');
    expect(stdout).toContain('No problems found in 0 files');
  });

  it('says so for empty stdin, and exits 0', async () => {
    const { code, stderr } = await run(['-']);
    expect(code).toBe(0);
    expect(stderr).toBe('kubegate: standard input is empty: nothing to check\n');
  });

  it('reports binary and non-UTF-8 files by name and position, skips empty ones, and lints the others', async () => {
    const { code, stdout, stderr } = await run(['bad', '--format', 'json'], { cwd: scratch });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as Array<{ ruleId: string; file: string; line: number; column: number }>;
    const where = findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`);
    expect(where).toContain('bad/binary.yaml:1:5 invalid-encoding');
    expect(where).toContain('bad/latin1.yaml:2:10 invalid-encoding');
    expect(where).toContain('bad/pod.yaml:7:7 readiness-probe-missing');
    expect(where.some((line) => line.startsWith('bad/zero.yaml') || line.startsWith('bad/notes.txt'))).toBe(false);
    const text = await run(['bad'], { cwd: scratch });
    expect(text.stdout).toContain('2 documents skipped: no YAML content (only comments or empty documents) ×1; empty file ×1');
  });

  it('reads manifests from stdin and names them <stdin>', async () => {
    const { code, stdout } = await run(['-', '--format', 'json', '--fail-on', 'warning'], { stdin: POD });
    expect(code).toBe(1);
    expect(stdout).toContain('"file": "<stdin>"');
  });

  it('expands quoted glob patterns and reports one that matches nothing', async () => {
    const matched = await run(['fixtures/demo/*.yaml', '--format', 'json']);
    expect(new Set((JSON.parse(matched.stdout) as Array<{ file: string }>).map((finding) => finding.file))).toEqual(
      new Set(['fixtures/demo/configmap.yaml', 'fixtures/demo/deployment.yaml']),
    );
    const none = await run(['nowhere/**/*.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no files match the pattern nowhere/**/*.yaml');
  });
});

describe('commands', () => {
  it('lists rules with category, severity and description', async () => {
    const { code, stdout } = await run(['rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^readiness-probe-missing +probes +error +A long-running container has no readiness probe\.$/m);
    expect(stdout).toMatch(/^yaml-syntax-error +input +error +A YAML document cannot be parsed\.$/m);
    // Every column starts where its header does.
    const [header, ...rows] = stdout.trimEnd().split('\n');
    for (const title of ['category', 'severity', 'description']) {
      const at = header!.indexOf(title);
      for (const row of rows) expect(row[at - 1], `${title} in "${row}"`).toBe(' ');
      for (const row of rows) expect(row[at], `${title} in "${row}"`).not.toBe(' ');
    }
  });

  it('explains a rule, and rejects an unknown one', async () => {
    const known = await run(['explain', 'invalid-quantity']);
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('invalid-quantity');
    const unknown = await run(['explain', 'no-such-rule']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "no-such-rule"');
  });

  it('prints help and version', async () => {
    expect((await run(['--help'])).stdout).toContain('Usage: kubegate');
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run(['--version'])).stdout).toBe(`${version.version}\n`);
  });

  it('colours text only when allowed', async () => {
    const tty = async (env: Record<string, string>, extra: string[] = []) => {
      let out = '';
      await main(['fixtures/demo/deployment.yaml', ...extra], { stdout: (t) => void (out += t), stderr: () => {}, cwd: ROOT, env, stdoutIsTTY: true, readStdin: async () => new Uint8Array() });
      return out.includes('\u001b[');
    };
    expect(await tty({})).toBe(true);
    expect(await tty({ NO_COLOR: '1' })).toBe(false);
    expect(await tty({}, ['--no-color'])).toBe(false);
  });
});

describe('the installed binary', () => {
  const bin = path.join(ROOT, 'bin', 'kubegate.cjs');

  it('runs the README command: findings, exit 1, no stack trace', () => {
    const result = spawnSync(process.execPath, [bin, 'fixtures/demo'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/27:11/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('reads stdin through a pipe', () => {
    const out = execFileSync(process.execPath, [bin, '-', '--format', 'json', '--fail-on', 'info', '--max-warnings', '100'], { cwd: ROOT, input: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n', encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([]);
  });
});
