import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as registeredRules } from '../rules/index.js';
import { formatPath } from '../src/core/format.js';
import { builtinRuleDocsUrl } from '../src/core/tool.js';
import type { Finding, LintResult, RuleDescriptor } from '../src/core/types.js';
import { DIAGNOSTIC_LIST } from '../src/engine/diagnostics.js';
import { lint } from '../src/engine/lint.js';
import { describeRule } from '../src/engine/rule.js';
import { jsonReporter, type JsonFinding } from '../src/report/json.js';
import { sarifReporter } from '../src/report/sarif.js';
import { textReporter } from '../src/report/text.js';
import type { ReportContext } from '../src/report/types.js';
import type { Log, Result } from 'sarif';

const CWD = resolve('/work/project');

// One resource rule (input diagnostics always run) keeps the expected findings fixed while the
// registry grows; the SARIF rule list still gets every rule, as the CLI passes it.
const lintRules = registeredRules.filter((rule) => rule.meta.id === 'readiness-probe-missing');
const descriptors: RuleDescriptor[] = [...DIAGNOSTIC_LIST, ...registeredRules.map((rule) => describeRule(rule.meta))];

const WEB = [
  '# Source: shop/templates/web.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example/web:1.4.2',
  '          ports: [{containerPort: 8080}]',
  '          imagePullPolicy: IfNotPresent',
  '          args: [serve]',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  'data:',
  '  mode: fast',
  '  mode: safe',
  '---',
  '- not',
  '- an object',
  '',
].join('\n');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers: [{name: shell, image: "busybox:1.36", ports: [{containerPort: 80}]}]\n';

function sources(web = WEB) {
  return [
    { path: 'deploy/web.yaml', text: web },
    { path: resolve(CWD, 'broken.yaml'), text: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: "fast\n' },
    { path: '<stdin>', text: POD },
  ];
}

function run(web?: string): LintResult {
  const result = lint(sources(web), { rules: lintRules, settings: { 'duplicate-key': 'warning', 'yaml-syntax-error': 'info' } });
  expect(result.internalErrors).toEqual([]);
  return result;
}

const context = (overrides: Partial<ReportContext> = {}): ReportContext => ({
  tool: { name: 'kubegate', version: '1.2.3', informationUri: 'https://github.com/kubegate/kubegate' },
  rules: descriptors,
  cwd: CWD,
  color: false,
  ...overrides,
});

const READINESS = (container: string) =>
  `Container "${container}" has no readinessProbe, though it listens on ${container === 'web' ? 8080 : 80}: whatever connects gets through the moment the process starts, and a rollout counts it ready. Add a readinessProbe that checks it can serve.`;

describe('formatPath', () => {
  it('writes identifiers with dots, indexes in brackets and quotes other keys', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'])).toBe('spec.template.spec.containers[0].readinessProbe');
    expect(formatPath(['metadata', 'annotations', 'app.kubernetes.io/name'])).toBe('metadata.annotations["app.kubernetes.io/name"]');
    expect(formatPath(['data', 'key with "quotes"', 'x-y'])).toBe('data["key with \\"quotes\\""]["x-y"]');
    expect(formatPath(['items', 2, 'metadata'])).toBe('items[2].metadata');
    expect(formatPath(['$patch'])).toBe('["$patch"]');
    expect(formatPath([])).toBe('');
  });
});

describe('text reporter', () => {
  const result = run();
  const text = textReporter(result, context());
  const lines = text.split('\n');

  it('groups findings by file, shows paths relative to cwd, and names the resource and template', () => {
    // Where the parser puts a syntax error is the engine's business; the layout around it is tested here.
    const syntax = result.findings.find((finding) => finding.ruleId === 'yaml-syntax-error')!;
    const duplicate = 'Key "mode" appears twice in this mapping: kubectl (1.25 and later) and kustomize reject the manifest, while Helm and other clients keep only the last value and silently drop the first. Merge them into one entry.';
    expect(text).toBe(
      [
        '<stdin>',
        `  5:16  error  ${READINESS('shell')}  readiness-probe-missing`,
        '               Pod/debug',
        '',
        'broken.yaml',
        `  ${syntax.range.line}:${syntax.range.column}  info  ${syntax.message}  yaml-syntax-error`,
        '',
        'deploy/web.yaml',
        `  11:11  error    ${READINESS('web')}  readiness-probe-missing`,
        '                  Deployment/shop/web from shop/templates/web.yaml',
        `  23:3   warning  ${duplicate}  duplicate-key`,
        '                  ConfigMap/settings',
        '',
        '4 problems (2 errors, 1 warning, 1 info) in 3 files, 3 resources checked',
        '1 document skipped: not a Kubernetes object (a YAML sequence)',
        '',
      ].join('\n'),
    );
  });

  it('aligns the position and severity columns of a file', () => {
    const block = lines.slice(lines.indexOf('deploy/web.yaml') + 1).filter((line) => /^ {2}\d/.test(line));
    expect(block).toHaveLength(2);
    expect(new Set(block.map((line) => line.search(/error|warning/)))).toHaveProperty('size', 1);
    expect(new Set(block.map((line) => line.search(/(?<=error {3}|warning )\S/)))).toHaveProperty('size', 1);
  });

  it('colours severities and dims secondary text only when asked', () => {
    expect(text).not.toContain('\u001b[');
    const colored = textReporter(result, context({ color: true }));
    expect(colored).toContain('\u001b[31merror  \u001b[39m');
    expect(colored).toContain('\u001b[33mwarning\u001b[39m');
    expect(colored).toContain('\u001b[34minfo\u001b[39m');
    expect(colored).toContain('\u001b[2mreadiness-probe-missing\u001b[22m');
    expect(colored).toContain('\u001b[2m                  Deployment/shop/web from shop/templates/web.yaml\u001b[22m');
    // Without the escape codes the coloured report is the plain one, so colour never shifts columns.
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });

  it('says so when nothing is wrong, and groups skip reasons', () => {
    const clean = lint(
      [
        { path: 'ok.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- x\n---\n- z\n---\nplain scalar\n' },
        { path: 'empty.yaml', text: '\n' },
      ],
      { rules: lintRules },
    );
    expect(textReporter(clean, context())).toBe(
      [
        'No problems found in 2 files (1 resource).',
        '4 documents skipped: not a Kubernetes object (a YAML sequence) ×2; not a Kubernetes object (a YAML scalar) ×1; empty file ×1',
        '',
      ].join('\n'),
    );
  });
});

describe('json reporter', () => {
  const result = run();
  const json = jsonReporter(result, context());
  const findings = JSON.parse(json) as JsonFinding[];

  it('is an indented array with one entry per finding', () => {
    expect(json.startsWith('[\n  {\n    "ruleId"')).toBe(true);
    expect(findings).toHaveLength(result.findings.length);
  });

  it('carries the resource, the formatted path and the template source', () => {
    const web = findings.find((f) => f.file === 'deploy/web.yaml' && f.ruleId === 'readiness-probe-missing')!;
    expect(web.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(web).toEqual({
      ruleId: 'readiness-probe-missing',
      messageId: 'ports',
      severity: 'error',
      message: READINESS('web'),
      file: 'deploy/web.yaml',
      line: 11,
      column: 11,
      endLine: 11,
      endColumn: 20,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      path: 'spec.template.spec.containers[0]',
      fingerprint: web.fingerprint,
      templateSource: 'shop/templates/web.yaml',
    });
    const pod = findings.find((f) => f.file === '<stdin>')!;
    expect(pod.resource).toEqual({ apiVersion: 'v1', kind: 'Pod', namespace: null, name: 'debug' });
    expect(pod).not.toHaveProperty('templateSource');
  });

  it('uses null where a finding has no resource or path', () => {
    const syntax = findings.find((f) => f.ruleId === 'yaml-syntax-error')!;
    expect(syntax.resource).toBeNull();
    expect(syntax.path).toBeNull();
    expect(syntax.file).toBe(resolve(CWD, 'broken.yaml'));
    expect(syntax.severity).toBe('info');
  });
});

describe('sarif reporter', () => {
  const result = run();
  const log = JSON.parse(sarifReporter(result, context())) as Log;
  const sarifRun = log.runs[0]!;
  const results = sarifRun.results!;
  const byFile = (uri: string) => results.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === uri);

  it('describes the tool and every rule of the run, found or not', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const driver = sarifRun.tool.driver;
    expect(driver).toMatchObject({ name: 'kubegate', version: '1.2.3', semanticVersion: '1.2.3', informationUri: 'https://github.com/kubegate/kubegate' });
    expect(driver.rules!.map((rule) => rule.id)).toEqual(descriptors.map((rule) => rule.id));
    const readiness = driver.rules!.find((rule) => rule.id === 'readiness-probe-missing')!;
    const meta = registeredRules.find((rule) => rule.meta.id === 'readiness-probe-missing')!.meta;
    expect(readiness).toEqual({
      id: 'readiness-probe-missing',
      name: 'ReadinessProbeMissing',
      shortDescription: { text: meta.description },
      fullDescription: { text: meta.rationale },
      help: { text: `${meta.rationale}\n\n${meta.remediation}`, markdown: `${meta.rationale}\n\n**How to fix.** ${meta.remediation}` },
      helpUri: 'https://github.com/kubegate/kubegate/blob/main/docs/rules.md#readiness-probe-missing',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'probes', tags: ['kubernetes', 'probes'], precision: 'high', 'problem.severity': 'error' },
    });
    expect(readiness.helpUri).toBe(builtinRuleDocsUrl('readiness-probe-missing'));
    // A security rule carries the score GitHub turns into low/medium/high/critical.
    const image = driver.rules!.find((rule) => rule.id === 'mutable-image-tag')!;
    expect(image.properties).toMatchObject({ tags: ['kubernetes', 'images', 'security'], 'security-severity': '3.5', precision: 'high' });
    // A rule of the security category is tagged security once: SARIF requires unique tags.
    const seccomp = driver.rules!.find((rule) => rule.id === 'seccomp-profile-missing')!;
    expect(seccomp.properties).toMatchObject({ tags: ['kubernetes', 'security'], 'security-severity': '4.3' });
    expect(sarifRun.columnKind).toBe('utf16CodeUnits');
    expect(sarifRun.invocations).toEqual([{ executionSuccessful: true }]);
    expect(sarifRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(CWD).href}/` } });
  });

  it('points each result at its rule, file, region and resource', () => {
    expect(results).toHaveLength(result.findings.length);
    for (const r of results) expect(sarifRun.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    const [deployment, configMap] = byFile('deploy/web.yaml');
    expect(deployment).toMatchObject({
      ruleId: 'readiness-probe-missing',
      level: 'error',
      message: { text: READINESS('web') },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 11, startColumn: 11, endLine: 11, endColumn: 20 },
          },
          logicalLocations: [{ name: 'web', fullyQualifiedName: 'Deployment/shop/web', kind: 'object' }],
        },
      ],
      properties: { templateSource: 'shop/templates/web.yaml' },
    });
    expect(configMap).toMatchObject({ ruleId: 'duplicate-key', level: 'warning' });
    // A parse problem in a document that became one resource names that resource.
    expect(configMap!.locations![0]!.logicalLocations).toEqual([{ name: 'settings', fullyQualifiedName: 'ConfigMap/settings', kind: 'object' }]);
    expect(configMap).not.toHaveProperty('properties');
    // An absolute path inside cwd is made relative too, so the log does not depend on how paths were given.
    expect(byFile('broken.yaml')).toMatchObject([{ ruleId: 'yaml-syntax-error', level: 'note', locations: [{ physicalLocation: { artifactLocation: { uriBaseId: '%SRCROOT%' } } }] }]);
    const [stdin] = byFile('stdin');
    expect(stdin!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'stdin' });
  });

  it('writes files outside cwd with ../ segments and encodes unusual names', () => {
    const outside = lint(
      [
        { path: resolve('/elsewhere/pod.yaml'), text: POD },
        { path: 'my manifests/pod #1.yaml', text: POD },
      ],
      { rules: lintRules },
    );
    const uris = (JSON.parse(sarifReporter(outside, context())) as Log).runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation);
    const up = relative(context().cwd, '/elsewhere/pod.yaml');
    expect(uris).toEqual([
      { uri: up, uriBaseId: '%SRCROOT%' },
      { uri: 'my%20manifests/pod%20%231.yaml', uriBaseId: '%SRCROOT%' },
    ]);
    expect(up.startsWith('../')).toBe(true);
  });

  describe('fingerprints', () => {
    const fingerprint = (r: Result) => r.partialFingerprints!['kubegate/v2']!;

    it('are sha256 hex digests, distinct per result', () => {
      const all = results.map(fingerprint);
      for (const value of all) expect(value).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set(all).size).toBe(all.length);
    });

    it('survive lines being added above a finding', () => {
      const shifted = run(`# a comment added later\n\n${WEB}`);
      const shiftedLog = JSON.parse(sarifReporter(shifted, context())) as Log;
      const shiftedResults = shiftedLog.runs[0]!.results!;
      const line = (r: Result) => r.locations![0]!.physicalLocation!.region!.startLine!;
      const before = byFile('deploy/web.yaml');
      const after = shiftedResults.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'deploy/web.yaml');
      expect(after.map(line)).toEqual(before.map((r) => line(r) + 2));
      expect(after.map(fingerprint)).toEqual(before.map(fingerprint));
    });

    it('tell identical findings apart by their order, and include the path inside the resource', () => {
      const twice = `${POD}---\n${POD}`;
      const doubled = lint([{ path: 'pods.yaml', text: twice }], { rules: lintRules });
      const prints = (JSON.parse(sarifReporter(doubled, context())) as Log).runs[0]!.results!.map(fingerprint);
      expect(prints).toHaveLength(2);
      expect(prints[0]).not.toBe(prints[1]);

      // The same finding on the same container, now second in its list: only the path differs.
      const second = POD.replace('containers: [{name: shell,', 'containers: [{name: a, image: "a:1"}, {name: shell,');
      const moved = lint([{ path: '<stdin>', text: second }], { rules: lintRules });
      const movedResult = (JSON.parse(sarifReporter(moved, context())) as Log).runs[0]!.results!.find((r) => r.message.text === byFile('stdin')[0]!.message.text)!;
      expect(movedResult).toBeDefined();
      const movedPrint = fingerprint(movedResult);
      expect(movedPrint).not.toBe(fingerprint(byFile('stdin')[0]!));
    });
  });

  it('marks the run failed when a rule crashed', () => {
    const crashed: LintResult = { ...result, internalErrors: [{ message: 'rule x failed on Pod/p (a.yaml:1): Error: boom', stack: 'Error: boom\n    at /abs/path.js:1:1' }] };
    const failed = (JSON.parse(sarifReporter(crashed, context())) as Log).runs[0]!;
    expect(failed.invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'rule x failed on Pod/p (a.yaml:1): Error: boom' } }] },
    ]);
  });
});

describe('findings beyond the first location', () => {
  const base = run();
  const web = base.findings.find((f) => f.file === 'deploy/web.yaml' && f.ruleId === 'readiness-probe-missing')!;
  const related: Finding = {
    ...web,
    related: [{ file: '<stdin>', range: { line: 3, column: 11, endLine: 3, endColumn: 16 }, resource: { apiVersion: 'v1', kind: 'Pod', name: 'debug' }, path: ['metadata', 'name'], message: 'the other side' }],
  };
  const suppressed: Finding = { ...web, suppressions: [{ kind: 'annotation', justification: 'probed by the mesh' }] };

  it('SARIF carries related locations and suppressions with their justification', () => {
    const log = JSON.parse(sarifReporter({ ...base, findings: [related, suppressed] }, context())) as Log;
    const [withRelated, withSuppression] = log.runs[0]!.results!;
    expect(withRelated!.relatedLocations).toEqual([
      {
        id: 0,
        message: { text: 'the other side' },
        physicalLocation: { artifactLocation: { uri: 'stdin' }, region: { startLine: 3, startColumn: 11, endLine: 3, endColumn: 16 } },
        logicalLocations: [{ name: 'debug', fullyQualifiedName: 'Pod/debug', kind: 'object' }],
      },
    ]);
    expect(withSuppression!.suppressions).toEqual([{ kind: 'inSource', justification: 'probed by the mesh', properties: { kubegateKind: 'annotation' } }]);
  });

  it('JSON carries them too', () => {
    const [withRelated, withSuppression] = JSON.parse(jsonReporter({ ...base, findings: [related, suppressed] }, context())) as JsonFinding[];
    expect(withRelated!.related).toEqual([{ file: '<stdin>', line: 3, column: 11, endLine: 3, endColumn: 16, resource: { apiVersion: 'v1', kind: 'Pod', namespace: null, name: 'debug' }, path: 'metadata.name', message: 'the other side' }]);
    expect(withSuppression!.suppressions).toEqual([{ kind: 'annotation', justification: 'probed by the mesh' }]);
  });

  it('text leaves suppressed findings out and counts them, and says what --quiet hid', () => {
    const text = textReporter({ ...base, findings: [suppressed] }, context({ hidden: 2 }));
    expect(text).not.toContain('readiness-probe-missing');
    expect(text).toContain('0 problems (0 errors, 0 warnings, 0 info) in 0 files, 3 resources checked; 2 warnings and infos hidden by --quiet, 1 suppressed\n');
    expect(text).not.toContain('No problems found');
    expect(textReporter({ ...base, findings: [suppressed] }, context())).toContain('No problems found in 3 files (3 resources); 1 suppressed.');
  });

  it('fingerprints ignore the message text but not the message id', () => {
    const reworded = { ...web, message: 'Reworded.' };
    const otherMessage = { ...web, messageId: 'other' };
    const print = (finding: Finding) => (JSON.parse(sarifReporter({ ...base, findings: [finding] }, context())) as Log).runs[0]!.results![0]!.partialFingerprints!['kubegate/v2'];
    expect(print(reworded)).toBe(print(web));
    expect(print(otherMessage)).not.toBe(print(web));
  });
});

describe('large runs', () => {
  it('JSON is exactly what JSON.stringify writes, built a finding at a time', () => {
    const result = run();
    const json = jsonReporter(result, context());
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    expect(jsonReporter({ ...result, findings: [] }, context())).toBe('[]\n');
  });

  it('text handles a file with hundreds of thousands of findings', () => {
    const one = run().findings.find((f) => f.ruleId === 'readiness-probe-missing')!;
    const many = Array.from({ length: 250_000 }, (_, i) => ({ ...one, range: { ...one.range, line: i + 1 } }));
    const text = textReporter({ ...run(), findings: many }, context());
    expect(text.split('\n').length).toBeGreaterThan(500_000);
  });
});

describe('reports of rendered charts and overlays', () => {
  const range = (line: number, column: number, length: number) => ({ line, column, endLine: line, endColumn: column + length });
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
  const base: Omit<Finding, 'file' | 'range'> = { ruleId: 'readiness-probe-missing', messageId: 'missing', message: 'Container "web" has no readinessProbe.', severity: 'error', resource: deployment, path: ['spec', 'template', 'spec', 'containers', 0] };
  // As src/render/locate.ts leaves them: on the template, the base, or (when nothing better was found) the rendered output.
  const onTemplate: Finding = {
    ...base,
    file: 'charts/shop/templates/deployment.yaml',
    range: range(20, 9, 35),
    origin: { file: 'shop/templates/deployment.yaml', line: 20 },
    related: [{ file: 'charts/shop', range: range(142, 11, 12), resource: deployment, path: base.path!, message: 'as rendered by helm template' }],
  };
  const onBase: Finding = {
    ...base,
    ruleId: 'cpu-request-missing',
    severity: 'warning',
    message: 'Container "web" has no CPU request.',
    file: 'overlays/base/deployment.yaml',
    range: range(31, 11, 10),
    origin: { file: 'overlays/base/deployment.yaml', line: 31 },
    related: [
      { file: 'overlays/base/service.yaml', range: range(6, 3, 9), message: 'Service web selects its pods' },
      { file: 'overlays/staging', range: range(57, 9, 10), message: 'as rendered by kustomize build' },
    ],
  };
  const leftRendered: Finding = { ...base, file: 'charts/shop', range: range(230, 11, 12), origin: { file: 'shop/charts/cache/templates/statefulset.yaml' } };
  const result: LintResult = { findings: [leftRendered, onTemplate, onBase], skips: [], fileCount: 3, resourceCount: 9, internalErrors: [] };
  const inputs = [
    { path: 'charts/shop', how: 'helm' as const, command: 'helm template shop charts/shop -f charts/shop/values-production.yaml' },
    { path: 'overlays/staging', how: 'kustomize' as const },
    { path: 'plain', how: 'folder' as const },
  ];

  it('names each rendered input and its command in a header, and shows the rendered line under each moved finding', () => {
    expect(textReporter(result, context({ inputs }))).toBe(
      [
        'Rendered:',
        '  charts/shop: helm template shop charts/shop -f charts/shop/values-production.yaml',
        '  overlays/staging: rendered with kustomize',
        '',
        'charts/shop (as rendered by helm)',
        '  230:11  error  Container "web" has no readinessProbe.  readiness-probe-missing',
        '                 Deployment/shop/web from shop/charts/cache/templates/statefulset.yaml',
        '',
        'charts/shop/templates/deployment.yaml',
        '  20:9  error  Container "web" has no readinessProbe.  readiness-probe-missing',
        '               Deployment/shop/web, rendered: line 142',
        '',
        'overlays/base/deployment.yaml',
        '  31:11  warning  Container "web" has no CPU request.  cpu-request-missing',
        '                  Deployment/shop/web, rendered: line 57 of overlays/staging',
        '',
        '3 problems (2 errors, 1 warning, 0 info) in 3 files, 9 resources checked',
        '',
      ].join('\n'),
    );
  });

  it('has no header without rendered inputs, and colour changes nothing but the escapes', () => {
    const plain = textReporter(result, context({ inputs: [{ path: 'plain', how: 'folder' }] }));
    expect(plain.startsWith('charts/shop\n')).toBe(true);
    const withHeader = textReporter(result, context({ inputs }));
    const colored = textReporter(result, context({ inputs, color: true }));
    expect(colored).toContain('\u001b[2mhelm template shop charts/shop -f charts/shop/values-production.yaml\u001b[22m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(withHeader);
  });

  it('escapes control characters in the names and commands of inputs', () => {
    const text = textReporter({ ...result, findings: [] }, context({ inputs: [{ path: 'charts/\u001b[2Jshop', how: 'helm', command: 'helm template x\u001b[2J' }] }));
    expect(text).toContain('  charts/\\x1b[2Jshop: helm template x\\x1b[2J\n');
    expect(text).not.toContain('\u001b');
  });

  it('SARIF and JSON carry the rendered place as a related location', () => {
    const log = JSON.parse(sarifReporter({ ...result, findings: [onTemplate] }, context({ inputs }))) as Log;
    const sarifResult = log.runs[0]!.results![0]!;
    expect(sarifResult.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('charts/shop/templates/deployment.yaml');
    expect(sarifResult.relatedLocations).toEqual([
      expect.objectContaining({ id: 0, message: { text: 'as rendered by helm template' }, physicalLocation: { artifactLocation: { uri: 'charts/shop', uriBaseId: '%SRCROOT%' }, region: { startLine: 142, startColumn: 11, endLine: 142, endColumn: 23 } } }),
    ]);
    const [json] = JSON.parse(jsonReporter({ ...result, findings: [onTemplate] }, context())) as JsonFinding[];
    expect(json).toMatchObject({ file: 'charts/shop/templates/deployment.yaml', line: 20, templateSource: 'shop/templates/deployment.yaml', templateLine: 20 });
    expect(json!.related).toEqual([expect.objectContaining({ file: 'charts/shop', line: 142, message: 'as rendered by helm template' })]);
  });
});
