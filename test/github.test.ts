import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { WARNING_ONLY_DEPLOYMENT } from './support/manifests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "web,1:x"}\nspec:\n  containers:\n    - name: web\n      image: web:latest\n';

async function run(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: ROOT,
    env: options.env ?? {},
    stdoutIsTTY: false,
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  };
  return { code: await main(argv, io), stdout, stderr };
}

/** GitHub's workflow command syntax: `::command key=value,key=value::message`, values escaped. */
const WORKFLOW_COMMAND = /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\r\n]+$/;

describe('--format github', () => {
  it('prints one workflow command per finding, on the exact line, with values escaped', async () => {
    const { code, stdout } = await run(['fixtures/demo', '-f', 'github']);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBe(8);
    for (const line of lines) expect(line).toMatch(WORKFLOW_COMMAND);
    expect(lines).toContain(
      '::error file=fixtures/demo/deployment.yaml,line=27,col=11,endLine=27,endColumn=25,title=kubegate readiness-probe-missing::Container "checkout" has no readinessProbe, and Service "checkout" sends traffic to its pods: they get requests the moment the process starts, and a rollout counts them ready. Add a readinessProbe that checks it can serve. (Deployment/shop/checkout)',
    );
    expect(lines.some((line) => line.startsWith('::warning file=fixtures/demo/deployment.yaml,line=28,'))).toBe(true);
  });

  it('escapes what the input could use to break or forge a command', async () => {
    const { stdout } = await run(['-', '-f', 'github', '--stdin-filename', 'k8s/a,b:c.yaml'], { stdin: POD.replace('image: web:latest', 'image: "web:latest\\n::error::forged"') });
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(WORKFLOW_COMMAND);
    expect(stdout).toContain('file=k8s/a%2Cb%3Ac.yaml,');
    expect(stdout).not.toMatch(/^::error::forged/m);
  });

  it('appends a job summary when GITHUB_STEP_SUMMARY is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubegate-summary-'));
    const summary = path.join(dir, 'summary.md');
    try {
      await run(['fixtures/demo', '-f', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
      const text = readFileSync(summary, 'utf8');
      expect(text).toMatch(/^## kubegate\n\n8 problems in 2 files, 4 resources checked\.\n/);
      expect(text).toContain('| readiness-probe-missing | 1 | 0 | 0 |');
      expect(text).toContain('| fixtures/demo/deployment.yaml:27:11 | error | readiness-probe-missing |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--stdin-filename', () => {
  it('names standard input as the file it stands for, in every format', async () => {
    const json = JSON.parse((await run(['-', '-f', 'json', '--stdin-filename', 'k8s/pod.yaml'], { stdin: POD })).stdout) as { file: string }[];
    expect(new Set(json.map((f) => f.file))).toEqual(new Set(['k8s/pod.yaml']));
    const sarif = JSON.parse((await run(['-', '-f', 'sarif', '--stdin-filename', 'k8s/pod.yaml'], { stdin: POD })).stdout) as Log;
    expect(sarif.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'k8s/pod.yaml', uriBaseId: '%SRCROOT%' });
  });
});

describe('the exit explained', () => {
  it('the text report\'s last line says which threshold turned the run red', async () => {
    const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);
    expect(lastLine((await run(['fixtures/demo/deployment.yaml'])).stdout)).toBe('Exit 1: 4 findings at or above --fail-on error.');
    const warnings = WARNING_ONLY_DEPLOYMENT;
    const exceeded = await run(['-', '--max-warnings', '0'], { stdin: warnings });
    expect([exceeded.code, lastLine(exceeded.stdout)]).toEqual([1, 'Exit 1: 1 warning exceeds --max-warnings 0.']);
    expect((await run(['-'], { stdin: warnings })).stdout).not.toContain('Exit 1');
  });
});

describe('several outputs and categories', () => {
  it('--output writes more formats from the same run, and --category sets SARIF automationDetails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubegate-outputs-'));
    try {
      const sarifFile = path.join(dir, 'k.sarif');
      const junitFile = path.join(dir, 'k.xml');
      const { code, stdout } = await run(['fixtures/demo', '--output', `sarif:${sarifFile}`, '--output', `junit:${junitFile}`, '--category', 'production']);
      expect(code).toBe(1);
      expect(stdout).toContain('8 problems');
      const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
      expect(sarif.runs[0]!.results).toHaveLength(8);
      expect(sarif.runs[0]!.automationDetails).toEqual({ id: 'kubegate/production/' });
      const junit = readFileSync(junitFile, 'utf8');
      expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kubegate" tests="8" failures="8">\n/);
      expect(junit).toContain('<testsuite name="fixtures/demo/deployment.yaml" tests="7" failures="7">');
      expect(junit).toContain('<testcase classname="readiness-probe-missing" name="readiness-probe-missing Deployment/shop/checkout" file="fixtures/demo/deployment.yaml" line="27"><failure type="error" message="Container &quot;checkout&quot; has no readinessProbe');
      // Every element opened is closed, in order.
      const stack: string[] = [];
      for (const [, closing, name, selfClosing] of junit.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
        if (selfClosing) continue;
        if (closing) expect(stack.pop()).toBe(name);
        else stack.push(name!);
      }
      expect(stack).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a malformed --output', async () => {
    const bad = await run(['fixtures/demo', '--output', 'sarif']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--output must be format:file');
    expect((await run(['fixtures/demo', '--output', 'xml:x.xml'])).stderr).toContain('--output must be one of text, json, sarif, github, junit');
  });
});
