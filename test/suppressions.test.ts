import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { isActive, type Finding, type Source } from '../src/core/types.js';
import { scanComments, type WrittenSuppression } from '../src/engine/directives.js';
import { PEER_CHECKS, type PeerTool } from '../src/engine/peer-checks.js';
import { lint, type LintConfig } from '../src/engine/lint.js';
import { defineRule, RULE_ID, type AnyRule } from '../src/engine/rule.js';
import type { SuppressionDirective } from '../src/engine/suppress.js';

const rule = (id: string): AnyRule => rules.find((candidate) => candidate.meta.id === id)!;
const CHECKED = [rule('mutable-image-tag'), rule('readiness-probe-missing'), rule('liveness-probe-missing')];

// A rule that relates resources to each other: its presence makes the run hold the whole set.
const wholeSet = defineRule({
  meta: {
    id: 'acme/whole-set',
    category: 'acme',
    severity: 'warning',
    description: 'Looks at every resource at once.',
    rationale: 'It needs the whole set of resources.',
    remediation: 'Nothing to do.',
    messages: { never: 'Never reported.' },
    appliesTo: '*',
    scope: 'set',
  },
  create: () => ({}),
});

const MODES = [
  ['document by document', CHECKED],
  ['whole set', [...CHECKED, wholeSet]],
] as const;

/** A finding as one line: where, which rule, and how it was suppressed. */
function show(finding: Finding): string {
  const suppressed = (finding.suppressions ?? []).map((suppression) => ` [${suppression.kind}: ${suppression.justification}]`).join('');
  return `${finding.range.line}:${finding.range.column} ${finding.ruleId}${finding.ruleId.includes('suppression') ? ` ${finding.messageId}` : ''}${suppressed}`;
}

const container = (name: string, image: string, probes = false) =>
  `        - name: ${name}\n          image: ${image}\n${probes ? '          readinessProbe: {tcpSocket: {port: 80}}\n          livenessProbe: {tcpSocket: {port: 80}}\n' : ''}`;

function deployment(name: string, body: string, annotations = ''): string {
  const metadata = annotations === '' ? `metadata:\n  name: ${name}\n` : `metadata:\n  name: ${name}\n  annotations:\n${annotations}`;
  return `apiVersion: apps/v1\nkind: Deployment\n${metadata}spec:\n  template:\n    spec:\n      containers:\n${body}`;
}

describe.each(MODES)('suppressions written in manifests (%s)', (_mode, ruleSet) => {
  const run = (text: string | Source[], config: Partial<LintConfig> = {}) => lint(typeof text === 'string' ? [{ path: 'app.yaml', text }] : text, { rules: ruleSet, ...config });
  const findings = (text: string | Source[], config: Partial<LintConfig> = {}) => run(text, config).findings.map(show);

  describe('kubegate-disable-next-line', () => {
    it("covers only the named rule's findings that start on the next line", () => {
      const text = deployment(
        'web',
        '        # kubegate-disable-next-line readiness-probe-missing -- warmed up by the sidecar before traffic\n' +
          container('web', 'web:1.0.0') +
          container('side', 'side:1.0.0'),
      );
      expect(findings(text)).toEqual([
        '10:11 liveness-probe-missing',
        '10:11 readiness-probe-missing [inline: warmed up by the sidecar before traffic]',
        '12:11 liveness-probe-missing',
        '12:11 readiness-probe-missing',
      ]);
    });

    it('names several rules, skips blank and comment lines to the next content line, and takes `*` for every rule', () => {
      const text = deployment(
        'web',
        '        # kubegate-disable-next-line readiness-probe-missing, liveness-probe-missing -- batch worker, no endpoint\n\n        # the worker\n' +
          container('worker', 'worker:1.0.0') +
          '        - name: debug\n          # kubegate-disable-next-line * -- debug image, rebuilt on every run\n          image: debug:latest\n',
      );
      expect(findings(text)).toEqual([
        '12:11 liveness-probe-missing [inline: batch worker, no endpoint]',
        '12:11 readiness-probe-missing [inline: batch worker, no endpoint]',
        '14:11 liveness-probe-missing',
        '14:11 readiness-probe-missing',
        '16:18 mutable-image-tag [inline: debug image, rebuilt on every run]',
      ]);
    });

    it('counts lines as the parser does in CRLF files', () => {
      const text = deployment('web', `        # kubegate-disable-next-line readiness-probe-missing -- checked by the mesh\n${container('web', 'web:1.0.0', false)}`).replace(/\n/g, '\r\n');
      expect(findings(text)).toEqual(['10:11 liveness-probe-missing', '10:11 readiness-probe-missing [inline: checked by the mesh]']);
    });

    it('is not a directive inside a block scalar, and not after content on the same line', () => {
      const text = deployment(
        'web',
        '        - name: web\n          image: web:latest # kubegate-disable-next-line mutable-image-tag\n' +
          '          args:\n            - |\n              # kubegate-disable-next-line readiness-probe-missing -- part of the script\n              echo run\n' +
          '          command: ["sh", "-c", "echo \'# kubegate-disable\' here"]\n' +
          '          readinessProbe: {tcpSocket: {port: 80}}\n          livenessProbe: {tcpSocket: {port: 80}}\n' +
          '        - name: side\n          image: side:1.0.0\n          env:\n            - name: SCRIPT\n              value: >-\n                # kubegate-disable -- also part of a value\n',
      );
      expect(findings(text)).toEqual([
        '10:18 mutable-image-tag',
        '10:29 unused-suppression trailing',
        '18:11 liveness-probe-missing',
        '18:11 readiness-probe-missing',
      ]);
    });

    it('ends a block scalar at the first line indented no deeper than its key, and honours an explicit indentation indicator', () => {
      const text =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scripts\ndata:\n  run.sh: |2\n    # kubegate-disable-next-line mutable-image-tag\n' +
        '  # kubegate-disable-next-line mutable-image-tag -- the image is pinned by digest at deploy time\n  other: x\n---\n' +
        deployment('web', `        - name: web\n          # kubegate-disable-next-line mutable-image-tag -- pinned by digest at deploy time\n          image: web:latest\n          readinessProbe: {tcpSocket: {port: 80}}\n          livenessProbe: {tcpSocket: {port: 80}}\n`);
      // The directive in the script is content; the one after it is a comment (that covers nothing).
      expect(findings(text)).toEqual(['8:3 unused-suppression unused', '21:18 mutable-image-tag [inline: pinned by digest at deploy time]']);
    });
  });

  describe('kubegate-disable … kubegate-enable', () => {
    it('covers the named rules between the two, and runs to the end of the file when never enabled', () => {
      const text = deployment(
        'web',
        '        # kubegate-disable mutable-image-tag, readiness-probe-missing -- preview environment\n' +
          container('a', 'a:latest', true) +
          container('b', 'b:latest') +
          '        # kubegate-enable mutable-image-tag\n' +
          container('c', 'c:latest'),
      );
      expect(findings(text)).toEqual([
        '11:18 mutable-image-tag [inline: preview environment]',
        '14:11 liveness-probe-missing',
        '14:11 readiness-probe-missing [inline: preview environment]',
        '15:18 mutable-image-tag [inline: preview environment]',
        '17:11 liveness-probe-missing',
        '17:11 readiness-probe-missing [inline: preview environment]',
        '18:18 mutable-image-tag',
      ]);
    });

    it('without a rule list covers every rule until a bare kubegate-enable, across documents of the file only', () => {
      const text =
        `# kubegate-disable -- generated fixtures, never deployed\n${deployment('a', container('a', 'a:latest'))}---\n${deployment('b', container('b', 'b:latest'))}# kubegate-enable\n---\n${deployment('c', container('c', 'c:latest', true))}`;
      const other = { path: 'other.yaml', text: deployment('d', container('d', 'd:latest', true)) };
      const result = run([{ path: 'app.yaml', text }, other]).findings;
      expect(result.filter(isActive).map((finding) => `${finding.file} ${show(finding)}`)).toEqual(['app.yaml 34:18 mutable-image-tag', 'other.yaml 10:18 mutable-image-tag']);
      expect(result.filter((finding) => !isActive(finding)).map((finding) => `${finding.range.line} ${finding.ruleId}`)).toEqual([
        '10 liveness-probe-missing',
        '10 readiness-probe-missing',
        '11 mutable-image-tag',
        '21 liveness-probe-missing',
        '21 readiness-probe-missing',
        '22 mutable-image-tag',
      ]);
    });

    it('reports an enable that ends no open disable', () => {
      const text = deployment(
        'web',
        '        # kubegate-disable -- everything\n' + container('a', 'a:1.0.0', true) + '        # kubegate-enable mutable-image-tag\n        # kubegate-enable\n        # kubegate-enable\n',
      );
      const result = run(text);
      expect(result.findings.map(show)).toEqual(['9:9 unused-suppression unusedAll', '14:9 unused-suppression strayEnable', '16:9 unused-suppression strayEnable']);
      expect(result.findings.map((finding) => finding.data?.rules)).toEqual([undefined, '"mutable-image-tag"', 'any rule']);
    });
  });

  describe('kubegate.io/ignore annotations', () => {
    const ANNOTATED = '    kubegate.io/ignore: "mutable-image-tag, readiness-probe-missing"\n    kubegate.io/ignore-reason: "the preview image is rebuilt on each push"\n';

    it('cover their own resource only, even with another of the same name in the file', () => {
      const text = `${deployment('web', container('web', 'web:latest'), ANNOTATED)}---\n${deployment('api', container('api', 'api:latest'))}---\n${deployment('web', container('web', 'web:latest')).replace('kind: Deployment', 'kind: StatefulSet')}`;
      const justification = ' [annotation: the preview image is rebuilt on each push]';
      expect(findings(text)).toEqual([
        '12:11 liveness-probe-missing',
        `12:11 readiness-probe-missing${justification}`,
        `13:18 mutable-image-tag${justification}`,
        '23:11 liveness-probe-missing',
        '23:11 readiness-probe-missing',
        '24:18 mutable-image-tag',
        '34:11 liveness-probe-missing',
        '34:11 readiness-probe-missing',
        '35:18 mutable-image-tag',
      ]);
    });

    it('take "*" or "all" for every rule, and match resources across files by file', () => {
      const everything = '    kubegate.io/ignore: "*"\n    kubegate.io/ignore-reason: "a throwaway demo"\n';
      const all = '    kubegate.io/ignore: all\n    kubegate.io/ignore-reason: "a throwaway demo"\n';
      const result = run([
        { path: 'a.yaml', text: deployment('web', container('web', 'web:latest'), everything) },
        { path: 'b.yaml', text: deployment('web', container('web', 'web:latest'), all) },
        { path: 'c.yaml', text: deployment('web', container('web', 'web:latest')) },
      ]);
      expect(result.findings.filter(isActive).map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['c.yaml liveness-probe-missing', 'c.yaml readiness-probe-missing', 'c.yaml mutable-image-tag']);
      expect(result.findings.filter((finding) => !isActive(finding))).toHaveLength(6);
    });

    it('count as annotations in reports, and suppressed findings no longer count', () => {
      const result = run(deployment('web', container('web', 'web:latest', true), ANNOTATED));
      expect(result.findings.map(show)).toEqual(['6:5 unused-suppression unused', '13:18 mutable-image-tag [annotation: the preview image is rebuilt on each push]']);
      expect(result.findings[0]!.data).toEqual({ directive: 'kubegate.io/ignore', rules: '"readiness-probe-missing"' });
      expect(result.findings[0]!.resource).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
      expect(result.findings[0]!.path).toEqual(['metadata', 'annotations', 'kubegate.io/ignore']);
      expect(result.findings.filter(isActive).map((finding) => finding.ruleId)).toEqual(['unused-suppression']);
    });
  });

  describe('suppression-without-reason', () => {
    it('is reported on the comment or the annotation key, and the suppression still applies', () => {
      const text =
        `${deployment('web', `${container('web', 'web:latest', true).replace('          image', '          # kubegate-disable-next-line mutable-image-tag\n          image')}        # kubegate-disable-next-line liveness-probe-missing --\n${container('side', 'side:1.0.0')}`)}---\n` +
        deployment('api', container('api', 'api:latest', true), '    kubegate.io/ignore: mutable-image-tag\n');
      expect(findings(text)).toEqual([
        '10:11 suppression-without-reason inline',
        '11:18 mutable-image-tag [inline: ]',
        '14:9 suppression-without-reason inline',
        '15:11 liveness-probe-missing [inline: ]',
        '15:11 readiness-probe-missing',
        '23:5 suppression-without-reason annotation',
        '29:18 mutable-image-tag [annotation: ]',
      ]);
      const reported = run(text).findings.find((finding) => finding.ruleId === 'suppression-without-reason')!;
      expect(reported).toMatchObject({ severity: 'warning', range: { line: 10, column: 11, endLine: 10, endColumn: 57 }, data: { directive: 'kubegate-disable-next-line' } });
    });

    it('cannot be silenced by the suppression it is about, only by the run (settings, configuration, a baseline)', () => {
      const text = `# kubegate-disable\n${deployment('web', container('web', 'web:latest'))}`;
      expect(findings(text).filter((line) => !line.includes('[inline'))).toEqual(['1:1 suppression-without-reason inline']);
      expect(findings(text, { settings: { 'suppression-without-reason': 'off' } }).filter((line) => !line.includes('[inline'))).toEqual([]);
      const baseline: SuppressionDirective = { kind: 'baseline', justification: 'accepted on 2024-05-01', ruleId: 'suppression-without-reason', file: 'app.yaml' };
      const result = run(text, { suppressions: [baseline] });
      expect(result.findings.filter(isActive)).toEqual([]);
      expect(result.findings[0]!.suppressions).toEqual([{ kind: 'baseline', justification: 'accepted on 2024-05-01' }]);
      expect(result.unusedSuppressions).toEqual([]);
    });
  });

  describe('unused-suppression', () => {
    it('names the rules of a comment or annotation that silenced nothing', () => {
      const text =
        deployment(
          'web',
          '        # kubegate-disable-next-line mutable-image-tag, readiness-probe-missing -- old exception\n' +
            container('web', 'web:1.0.0', true) +
            '        # kubegate-disable-next-line liveness-probe-missing, mutable-image-tag -- mixed\n' +
            container('side', 'side:1.0.0'),
        ) +
        '---\n' +
        deployment('api', container('api', 'api:1.0.0', true), '    kubegate.io/ignore: "*"\n    kubegate.io/ignore-reason: "legacy"\n');
      const result = run(text);
      expect(result.findings.filter(isActive).map(show)).toEqual(['9:9 unused-suppression unused', '14:9 unused-suppression unused', '15:11 readiness-probe-missing', '23:5 unused-suppression unusedAll']);
      expect(result.findings.filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => finding.message)).toEqual([
        'This kubegate-disable-next-line suppresses "mutable-image-tag", "readiness-probe-missing", but no such finding is here to suppress: the exception is stale and would hide the next problem of that rule. Remove it, or the rule ids that no longer apply.',
        'This kubegate-disable-next-line suppresses "mutable-image-tag", but no such finding is here to suppress: the exception is stale and would hide the next problem of that rule. Remove it, or the rule ids that no longer apply.',
        'This kubegate.io/ignore suppresses every rule, but no finding is here to suppress: the exception is stale and would hide the next problem here. Remove it.',
      ]);
    });

    it('reports rule ids kubegate does not know and misspelt directives, not rules turned off for the run or the file', () => {
      const text = deployment(
        'web',
        '        # kubegate-disable-next-line mutable-image-tags, liveness-probe-missing -- typo\n' +
          container('web', 'web:1.0.0', true) +
          '        # kubegate-ignore-next-line mutable-image-tag -- not ours\n        # kubegate-managed section: prose, not a directive\n',
      );
      expect(run(text).findings.map((finding) => `${show(finding)} ${finding.data?.rules ?? finding.data?.directive}`)).toEqual([
        '9:9 unused-suppression unknownRule "mutable-image-tags"',
        '9:9 unused-suppression unused "liveness-probe-missing"',
        '14:9 unused-suppression unknownDirective kubegate-ignore-next-line',
      ]);
      expect(run(text, { settings: { 'liveness-probe-missing': 'off' } }).findings.map(show)).toEqual(['9:9 unused-suppression unknownRule', '14:9 unused-suppression unknownDirective']);
      const perFile = run(text, { severityFor: (file, ruleId) => (file === 'app.yaml' && ruleId === 'liveness-probe-missing' ? 'off' : undefined) });
      expect(perFile.findings.map(show)).toEqual(['9:9 unused-suppression unknownRule', '14:9 unused-suppression unknownDirective']);
      expect(run(text, { settings: { 'unused-suppression': 'off' } }).findings).toEqual([]);
    });

    it('reports an annotation that names no rule', () => {
      expect(findings(deployment('web', container('web', 'web:1.0.0', true), '    kubegate.io/ignore: ""\n'))).toEqual(['6:5 unused-suppression noRules']);
    });

    it('leaves the run’s own unused directives to unusedSuppressions', () => {
      const stale: SuppressionDirective = { kind: 'config', justification: 'old', ruleId: 'mutable-image-tag', file: 'gone.yaml' };
      const result = run(deployment('web', container('web', 'web:1.0.0', true)), { suppressions: [stale] });
      expect(result.findings).toEqual([]);
      expect(result.unusedSuppressions).toEqual([stale]);
    });
  });

  describe('other linters’ annotations', () => {
    const lines = (result: ReturnType<typeof run>) => result.findings.map(show);

    it('kube-linter: ignore-check.kube-linter.io/<check> with its reason, and kube-linter.io/ignore-all', () => {
      const text =
        deployment('web', container('web', 'web:latest'), '    ignore-check.kube-linter.io/no-readiness-probe: "served through the mesh"\n    ignore-check.kube-linter.io/latest-tag: ""\n    ignore-check.kube-linter.io/ssh-port: "no kubegate rule"\n') +
        '---\n' +
        deployment('api', container('api', 'api:latest'), '    kube-linter.io/ignore-all: "legacy app"\n');
      expect(lines(run(text))).toEqual([
        '13:11 liveness-probe-missing',
        '13:11 readiness-probe-missing [annotation: served through the mesh]',
        '14:18 mutable-image-tag [annotation: migrated from kube-linter]',
        '26:11 liveness-probe-missing [annotation: legacy app]',
        '26:11 readiness-probe-missing [annotation: legacy app]',
        '27:18 mutable-image-tag [annotation: legacy app]',
      ]);
    });

    it('Polaris: polaris.fairwinds.com/<check>-exempt and polaris.fairwinds.com/exempt, when "true"', () => {
      const text =
        deployment('web', container('web', 'web:latest'), '    polaris.fairwinds.com/livenessProbeMissing-exempt: "true"\n    polaris.fairwinds.com/tagNotSpecified-exempt: "false"\n') +
        '---\n' +
        deployment('api', container('api', 'api:latest'), '    polaris.fairwinds.com/exempt: "true"\n');
      expect(lines(run(text))).toEqual([
        '12:11 liveness-probe-missing [annotation: migrated from Polaris]',
        '12:11 readiness-probe-missing',
        '13:18 mutable-image-tag',
        '25:11 liveness-probe-missing [annotation: migrated from Polaris]',
        '25:11 readiness-probe-missing [annotation: migrated from Polaris]',
        '26:18 mutable-image-tag [annotation: migrated from Polaris]',
      ]);
    });

    it('kube-score: kube-score/ignore with a list of checks', () => {
      const text = deployment('web', container('web', 'web:latest'), '    kube-score/ignore: "pod-probes, container-image-tag,networkpolicy-targets-pod"\n');
      expect(lines(run(text))).toEqual(['11:11 liveness-probe-missing', '11:11 readiness-probe-missing [annotation: migrated from kube-score]', '12:18 mutable-image-tag [annotation: migrated from kube-score]']);
    });

    it('are never reported as unused or as lacking a reason: they may be there for the other tool', () => {
      const annotations = '    ignore-check.kube-linter.io/no-liveness-probe: ""\n    polaris.fairwinds.com/exempt: "true"\n    kube-score/ignore: container-resources\n';
      expect(lines(run(deployment('web', container('web', 'web:1.0.0', true), annotations)))).toEqual([]);
    });
  });

  describe('rendered Helm output', () => {
    it('reads the comments the templates carried into the output, and points unused ones at their template', () => {
      const rendered =
        '---\n# Source: shop/templates/web.yaml\n' +
        deployment('web', `        # kubegate-disable-next-line readiness-probe-missing -- the chart's sidecar gates traffic\n${container('web', 'web:1.0.0')}`) +
        '---\n# Source: shop/templates/worker.yaml\n' +
        deployment('worker', `        # kubegate-disable-next-line mutable-image-tag -- stale\n${container('worker', 'worker:1.0.0', true)}`);
      const result = run([{ path: 'rendered.yaml', text: rendered, origin: { kind: 'rendered', renderer: 'helm', input: 'charts/shop' } }]);
      expect(result.findings.map(show)).toEqual([
        '12:11 liveness-probe-missing',
        "12:11 readiness-probe-missing [inline: the chart's sidecar gates traffic]",
        '24:9 unused-suppression unused',
      ]);
      expect(result.findings.map((finding) => finding.origin?.file)).toEqual(['shop/templates/web.yaml', 'shop/templates/web.yaml', 'shop/templates/worker.yaml']);
    });
  });
});

describe('the kube-linter, Polaris and kube-score mapping', () => {
  // That every mapped id is a rule kubegate has is checked in migrating.test.ts, which lists the missing ones.
  it('maps each check to at least one well-formed rule id', () => {
    for (const tool of Object.values(PEER_CHECKS)) {
      for (const [check, mapped] of Object.entries(tool.checks)) {
        expect(mapped.length, `${tool.name} ${check}`).toBeGreaterThan(0);
        for (const id of mapped) expect(id, `${tool.name} ${check}`).toMatch(RULE_ID);
      }
    }
  });

  /** A rule that reports every Deployment, standing in for each mapped rule whether it is written yet or not. */
  const standIn = (id: string): AnyRule =>
    defineRule({
      meta: { id, category: 'test', severity: 'warning', description: 'Stands in.', rationale: 'Test.', remediation: 'None.', messages: { found: 'Found.' }, appliesTo: ['apps/Deployment'] },
      check(_resource, context) {
        context.report({ messageId: 'found', path: ['metadata', 'name'] });
      },
    });
  const mappedIds = [...new Set(Object.values(PEER_CHECKS).flatMap((tool) => Object.values(tool.checks).flat()))].sort();
  const standIns = mappedIds.map(standIn);
  /** The rule ids whose findings an annotation suppressed, each with the reason recorded. */
  const suppressedBy = (annotations: string): string[] => {
    const result = lint([{ path: 'app.yaml', text: deployment('web', container('web', 'web:1.0.0', true), annotations) }], { rules: standIns });
    return result.findings.filter((finding) => !isActive(finding)).map((finding) => `${finding.ruleId} [${finding.suppressions!.map((suppression) => suppression.justification).join('; ')}]`);
  };
  const expected = (ids: readonly string[], reason: string) => [...new Set(ids)].sort().map((id) => `${id} [${reason}]`);
  const forms: Record<PeerTool, (check: string) => string> = {
    'kube-linter': (check) => `    ignore-check.kube-linter.io/${check}: "kept from kube-linter"\n`,
    polaris: (check) => `    polaris.fairwinds.com/${check}-exempt: "true"\n`,
    'kube-score': (check) => `    kube-score/ignore: ${check}\n`,
  };
  const reasons: Record<PeerTool, string> = { 'kube-linter': 'kept from kube-linter', polaris: 'migrated from Polaris', 'kube-score': 'migrated from kube-score' };

  it.each(Object.keys(forms) as PeerTool[])('%s: each check’s annotation suppresses exactly the rules it is mapped to, whatever they are', (tool) => {
    for (const [check, ids] of Object.entries(PEER_CHECKS[tool].checks)) expect(suppressedBy(forms[tool](check)), `${tool} ${check}`).toEqual(expected(ids, reasons[tool]));
    for (const check of Object.keys(PEER_CHECKS[tool].uncovered)) expect(suppressedBy(forms[tool](check)), `${tool} ${check}`).toEqual([]);
  });

  it('a tool’s ignore-everything annotation covers every rule mapped from that tool, and no other', () => {
    const mappedFrom = (tool: PeerTool) => Object.values(PEER_CHECKS[tool].checks).flat();
    expect(suppressedBy('    kube-linter.io/ignore-all: "legacy"\n')).toEqual(expected(mappedFrom('kube-linter'), 'legacy'));
    expect(suppressedBy('    polaris.fairwinds.com/exempt: "true"\n')).toEqual(expected(mappedFrom('polaris'), 'migrated from Polaris'));
    expect(mappedFrom('kube-linter')).not.toContain('hpa-min-above-max');
    expect(suppressedBy('    kube-linter.io/ignore-all: "legacy"\n')).not.toContain('hpa-min-above-max [legacy]');
  });

  describe('with the rules kubegate has', () => {
    const runRules = (ids: readonly string[], text: string) =>
      lint([{ path: 'app.yaml', text }], { rules: ids.map(rule) }).findings.map((finding) => `${finding.ruleId}${isActive(finding) ? '' : ` [${finding.suppressions!.map((suppression) => suppression.justification).join('; ')}]`}`);
    const annotated = (text: string, annotations: string) => text.replace(/^metadata:\n {2}name: (.+)\n/m, (line) => `${line}  annotations:\n${annotations}`);
    const duplicateEnv = deployment('api', `${container('api', 'api:1.0.0', true)}          env:\n            - {name: LOG_LEVEL, value: info}\n            - {name: LOG_LEVEL, value: debug}\n`);
    const identicalProbes = deployment('web', '        - name: web\n          image: web:1.0.0\n          readinessProbe: {httpGet: {path: /healthz, port: 8080}}\n          livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n');
    const selectorMismatch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: webapp}\n    spec:\n      containers:\n        - {name: web, image: "web:1.0.0"}\n';
    const danglingService = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - {port: 80, targetPort: 8080}\n---\n${selectorMismatch.replace(/web/g, 'api')}`;
    const hpa = (min: number, max: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: ${min}\n  maxReplicas: ${max}\n`;
    const blockingBudget = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels: {app: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - {name: web, image: "web:1.0.0"}\n';

    it('kube-linter: duplicate-env-var, mismatching-selector and dangling-service', () => {
      expect(runRules(['duplicate-env-var'], duplicateEnv)).toEqual(['duplicate-env-var']);
      expect(runRules(['duplicate-env-var'], annotated(duplicateEnv, '    ignore-check.kube-linter.io/duplicate-env-var: "the chart appends an override"\n'))).toEqual(['duplicate-env-var [the chart appends an override]']);
      expect(runRules(['workload-selector-mismatch'], annotated(selectorMismatch, '    ignore-check.kube-linter.io/mismatching-selector: ""\n'))).toEqual(['workload-selector-mismatch [migrated from kube-linter]']);
      expect(runRules(['service-selector-no-match'], danglingService)).toEqual(['service-selector-no-match']);
      expect(runRules(['service-selector-no-match'], annotated(danglingService, '    kube-linter.io/ignore-all: "pods come from another repository"\n'))).toEqual(['service-selector-no-match [pods come from another repository]']);
    });

    it('Polaris: hpaMaxAvailability and pdbDisruptionsIsZero, and its exempt-all leaves rules it does not map', () => {
      expect(runRules(['hpa-min-above-max'], hpa(6, 3))).toEqual(['hpa-min-above-max']);
      expect(runRules(['hpa-min-above-max'], annotated(hpa(6, 3), '    polaris.fairwinds.com/hpaMaxAvailability-exempt: "true"\n'))).toEqual(['hpa-min-above-max [migrated from Polaris]']);
      expect(runRules(['pdb-blocks-eviction'], blockingBudget)).toEqual(['pdb-blocks-eviction']);
      expect(runRules(['pdb-blocks-eviction'], annotated(blockingBudget, '    polaris.fairwinds.com/pdbDisruptionsIsZero-exempt: "true"\n'))).toEqual(['pdb-blocks-eviction [migrated from Polaris]']);
      expect(runRules(['duplicate-env-var'], annotated(duplicateEnv, '    polaris.fairwinds.com/exempt: "true"\n'))).toEqual(['duplicate-env-var']);
    });

    it('kube-score: pod-probes-identical, environment-variable-key-duplication and horizontalpodautoscaler-has-target', () => {
      expect(runRules(['liveness-probe-same-as-readiness'], identicalProbes)).toEqual(['liveness-probe-same-as-readiness']);
      expect(runRules(['liveness-probe-same-as-readiness', 'duplicate-env-var'], annotated(identicalProbes, '    kube-score/ignore: pod-probes-identical,environment-variable-key-duplication\n'))).toEqual(['liveness-probe-same-as-readiness [migrated from kube-score]']);
      expect(runRules(['duplicate-env-var'], annotated(duplicateEnv, '    kube-score/ignore: environment-variable-key-duplication\n'))).toEqual(['duplicate-env-var [migrated from kube-score]']);
      expect(runRules(['hpa-target-not-found'], hpa(2, 4))).toEqual(['hpa-target-not-found']);
      expect(runRules(['hpa-target-not-found'], annotated(hpa(2, 4), '    kube-score/ignore: horizontalpodautoscaler-has-target\n'))).toEqual(['hpa-target-not-found [migrated from kube-score]']);
    });
  });
});

describe('block scalars', () => {
  const covers = (header: string) => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  ${header}\n      # kubegate-disable-next-line duplicate-key -- what follows\n  other: x\n`;
    return lint([{ path: 'a.yaml', text }], { rules: [] }).findings.map((finding) => finding.messageId);
  };

  it('are told from other values ending in | or > by what precedes the indicator', () => {
    for (const header of ['run.sh: |', 'run.sh: >-', 'run.sh: &script !!str |+', 'run.sh: | # the script']) expect(covers(header), header).toEqual([]);
    for (const header of ['run.sh: a |', 'run.sh: "a |"', 'run.sh: x # see: |']) expect(covers(header), header).toEqual(['unused']);
  });

  it('are scanned in time linear in the line, whatever it holds', () => {
    // The comment scan alone: what the parser makes of such lines is tested in hostile.test.ts.
    const started = performance.now();
    for (const line of [`key: ${'!a '.repeat(100_000)}|`, '!a- '.repeat(100_000), '- '.repeat(150_000), '| # '.repeat(100_000), `a ${"' # kubegate-disable ".repeat(50_000)}`]) {
      const written: WrittenSuppression[] = [];
      scanComments({ path: 'h.yaml', text: `# kubegate-disable-next-line duplicate-key -- x\n${line}\n  # kubegate-enable\n` }, written, []);
      expect(written).toHaveLength(1);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('cost', () => {
  it('scans only sources that mention kubegate-, and gives each finding the same answer in both modes', () => {
    const many = Array.from({ length: 200 }, (_, i) => deployment(`d${i}`, container('c', 'c:latest', true).replace('          image', '          # kubegate-disable-next-line mutable-image-tag -- generated\n          image'))).join('---\n');
    const [first, second] = MODES.map(([, ruleSet]) => lint([{ path: 'many.yaml', text: many }], { rules: ruleSet }));
    expect(first!.findings.every((finding) => !isActive(finding))).toBe(true);
    expect(first!.findings).toHaveLength(200);
    expect(second!.findings).toEqual(first!.findings);
  });
});
