import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Log, Result } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/core/types.js';
import { readExamples, ruleHelp } from '../src/docs/rule-docs.js';
import { DIAGNOSTIC_LIST } from '../src/engine/diagnostics.js';
import { lint } from '../src/engine/lint.js';
import { describeRule } from '../src/engine/rule.js';
import { sarifReporter } from '../src/report/sarif.js';
import type { ReportContext } from '../src/report/types.js';
import { readSarifSchema, sarifSchemaValidator } from './support/sarif-schema.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

const CWD = resolve('/work/project');
const context: ReportContext = {
  tool: { name: 'kubegate', version: '0.1.0', informationUri: 'https://github.com/kubegate/kubegate' },
  rules: [...DIAGNOSTIC_LIST, ...rules.map((rule) => describeRule(rule.meta))],
  cwd: CWD,
  color: false,
  // The long help with each rule's examples, as the CLI gives it, so the validators see real Markdown.
  help: (id) => {
    const meta = context.rules.find((rule) => rule.id === id);
    return meta ? ruleHelp(meta, readExamples(ROOT, id)) : undefined;
  },
};

const DEPLOYMENT = [
  '# Source: shop/templates/web.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example/web:1.4.2',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: settings}',
  'data:',
  '  mode: fast',
  '  mode: safe',
  '',
].join('\n');

function lintAll(sources: { path: string; text: string }[]): LintResult {
  const result = lint(sources, { rules, settings: { 'duplicate-key': 'warning' } });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.map((error) => error.message).join('\n'));
  return result;
}

/** The logs both validators check: every kind of location and result the reporter writes. */
function logs(): Record<string, string> {
  const findings = lintAll([
    { path: 'deploy/web.yaml', text: DEPLOYMENT },
    { path: resolve(CWD, 'charts/broken.yaml'), text: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: "fast\n' },
    { path: 'café/unicode name.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1"}]\n' },
    { path: '<stdin>', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers: [{name: c, image: "c:1"}]\n' },
  ]);
  // Guards the fixture itself: every location kind above must actually produce a result.
  if (new Set(findings.findings.map((finding) => finding.file)).size !== 4) throw new Error('the sample sources no longer produce a finding in every file');
  // Cross-resource and suppressed results, as later rules and suppressions produce them.
  const [first, second] = findings.findings;
  findings.findings.push(
    { ...first!, related: [{ file: second!.file, range: second!.range, message: 'the other object', ...(second!.resource ? { resource: second!.resource } : {}) }] },
    { ...second!, suppressions: [{ kind: 'inline', justification: 'deliberate' }, { kind: 'baseline', justification: 'known before adoption' }] },
  );
  const clean = lintAll([{ path: 'ok.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' }]);
  const crashed: LintResult = { ...clean, internalErrors: [{ message: 'rule x failed on ConfigMap/a (ok.yaml:1): boom', stack: 'Error: boom' }] };
  return {
    'findings.sarif': sarifReporter(findings, context),
    'clean.sarif': sarifReporter(clean, context),
    'crashed.sarif': sarifReporter(crashed, context),
  };
}

describe('SARIF output against the official 2.1.0 schema', () => {
  const schema = readSarifSchema();

  it('is the unmodified OASIS errata01 schema', () => {
    // sha256 of oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json at e0583813; an edited copy would validate nothing.
    const digest = createHash('sha256').update(readFileSync(join(ROOT, 'schemas/sarif-schema-2.1.0.json'))).digest('hex');
    expect(digest).toBe('c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e');
  });

  it('uses no draft-04 construct besides the root id', () => {
    const offending: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${where}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        const isSchemaKeyword = !where.endsWith('/properties') && !where.endsWith('/definitions');
        if (isSchemaKeyword && key === 'id' && typeof value === 'string' && where !== '') offending.push(`${where}/id`);
        if (isSchemaKeyword && (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') offending.push(`${where}/${key}`);
        visit(value, `${where}/${key}`);
      }
    };
    visit(schema, '');
    expect(offending).toEqual([]);
  });

  const validate = sarifSchemaValidator();

  for (const [name, text] of Object.entries(logs())) {
    it(`validates ${name}`, () => {
      expect(validate(JSON.parse(text))).toBe('No errors');
    });
  }

  it('rejects a log that breaks the schema, so the check above can fail', () => {
    const broken = JSON.parse(logs()['findings.sarif']!) as Log;
    broken.runs[0]!.results![0]!.level = 'fatal' as Result.level;
    broken.runs[0]!.results![1]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    const errors = validate(broken);
    expect(errors).toContain('/runs/0/results/0/level');
    expect(errors).toContain('/runs/0/results/1/locations/0/physicalLocation/region/startLine');
  });
});

const PLATFORM_PACKAGE = `@microsoft/sarif-multitool-${process.platform}`;
const MULTITOOL = join(ROOT, 'node_modules', PLATFORM_PACKAGE, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
const missing = !existsSync(MULTITOOL);
const INSTALL = `Microsoft's SARIF validator is not installed (${MULTITOOL}): run npm install (devDependency @microsoft/sarif-multitool; its optional dependency ${PLATFORM_PACKAGE} holds the binary)`;

/**
 * GH1001-GH1007, the checks for what GitHub code scanning accepts, are disabled by default in
 * multitool 5.x, so `--rule-kind Gh` alone runs none of them: this policy turns them on as errors.
 * SARIF2006 is turned off because it fetches every helpUri over HTTP, which would make the test
 * depend on the network (and on docs that are only published after a release).
 */
const POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
${[
  'GH1001.ProvideRequiredLocationProperties',
  'GH1002.InlineThreadFlowLocations',
  'GH1003.ProvideRequiredRegionProperties',
  'GH1004.ReviewArraysThatExceedConfigurableDefaults',
  'GH1005.LocationsMustBeRelativeUrisOrFilePaths',
  'GH1006.ProvideCheckoutPath',
  'GH1007.ProvideFullyFormattedMessageStrings',
]
  .map((rule) => `  <Properties Key="${rule}.Options"><Property Key="RuleEnabled" Value="Error" Type="Driver.RuleEnabledState" /></Properties>`)
  .join('\n')}
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options"><Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" /></Properties>
</Properties>
`;

/**
 * Advice the validator gives as notes that kubegate declines, each for a reason:
 * - SARIF2002 (message id + arguments instead of text): GitHub requires `message.text` (GH1007).
 * - SARIF2003 (versionControlProvenance): kubegate does not look at the VCS; upload-sarif records the commit.
 * - SARIF2009 (ids like `KG1001`): rule ids are the readable names users write in their config.
 * - SARIF2010 / SARIF2011 (snippets, context regions): reporters are pure and get no file text;
 *   GitHub shows the code from the repository.
 */
const DECLINED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2009', 'SARIF2010', 'SARIF2011']);

interface Finding {
  level: string;
  ruleId: string;
  file: string;
  text: string;
}

async function multitool(files: Record<string, string>): Promise<{ findings: Finding[]; log: Log }> {
  const dir = mkdtempSync(join(tmpdir(), 'kubegate-sarif-'));
  dirs.push(dir);
  const paths = Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
  writeFileSync(join(dir, 'policy.xml'), POLICY);
  const output = join(dir, 'validation.sarif');
  // Inputs go first: `--log` takes a list and would swallow a file name that follows it.
  await run(
    MULTITOOL,
    ['validate', ...paths, '--config', join(dir, 'policy.xml'), '--rule-kind', 'Gh;Ghas;Sarif', '--level', 'Error;Warning;Note', '--output', output, '--log', 'ForceOverwrite'],
    // The validator needs no culture data; without this it aborts where libicu is not installed.
    { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, timeout: 120_000 },
  );
  const log = JSON.parse(readFileSync(output, 'utf8')) as Log;
  const findings = (log.runs[0]!.results ?? []).map((result) => ({
    // SARIF's default level is `warning`: the validator leaves it out for its warnings.
    level: result.level ?? 'warning',
    ruleId: result.ruleId!,
    file: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.split('/').pop() ?? '',
    text: result.message.text ?? JSON.stringify(result.message.arguments),
  }));
  return { findings, log };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("SARIF output against Microsoft's validator", () => {
  // Outside CI a missing binary (an unsupported platform, an install without optional deps) skips
  // with the reason in the test name; in CI it fails, since nothing else would notice.
  const skip = missing && !process.env.CI;
  if (skip) console.warn(`skipping the SARIF validator tests: ${INSTALL}`);

  it.skipIf(skip)(`has no errors or warnings under the SARIF and GitHub rules${skip ? ` (skipped: ${INSTALL})` : ''}`, async () => {
    if (missing) throw new Error(INSTALL);
    const { findings, log } = await multitool(logs());
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect((invocation.toolExecutionNotifications ?? []).filter((n) => n.level === 'error')).toEqual([]);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(findings.filter((f) => f.level === 'warning')).toEqual([]);
    expect(findings.filter((f) => !DECLINED_NOTES.has(f.ruleId))).toEqual([]);
  });

  it.skipIf(skip)(`accepts a file outside the working directory, written with ../ under %SRCROOT%${skip ? ' (skipped)' : ''}`, async () => {
    if (missing) throw new Error(INSTALL);
    const outside = lintAll([{ path: resolve(CWD, '../elsewhere/pod.yaml'), text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1"}]\n' }]);
    const log = sarifReporter(outside, context);
    expect(log).toContain('"uri": "../elsewhere/pod.yaml"');
    const { findings } = await multitool({ 'outside.sarif': log });
    expect(findings.filter((f) => f.level === 'error' || f.level === 'warning')).toEqual([]);
  });
});
