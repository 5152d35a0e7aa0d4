/**
 * Findings on charts and overlays rendered by the real helm and kustomize, moved to the template,
 * resource file or patch line an author edits. The fixtures are R's (`fixtures/charts/shop`,
 * `fixtures/kustomize`) and this suite's own (`test/fixtures/locate`: a chart with a subchart,
 * several documents per template and a `range`; an overlay with every kind of patch).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding, LintResult, Source } from '../src/core/types.js';
import { lint } from '../src/engine/lint.js';
import { RENDERED_LOCATION_MESSAGE, relocateFindings } from '../src/render/locate.js';
import { RENDERED_LOCATION_PREFIX, textReporter } from '../src/report/text.js';
import { available, helmBinary, inCI, kustomizeBinary, missingInCI, ROOT } from './support/tools.js';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubegate-locate-'));
  temporary.push(dir);
  return dir;
}

/** What `helm template` printed for a chart, as the render layer hands it on (contract item 1). */
function renderHelm(chart: string, args: string[] = []): Source {
  const input = path.resolve(ROOT, chart);
  const text = execFileSync(helmBinary!, ['template', 'shop', input, ...args], { encoding: 'utf8', cwd: ROOT });
  return { path: path.relative(ROOT, input), text, origin: { kind: 'rendered', renderer: 'helm', input } };
}

/** `kustomize build` of an overlay through a wrapper that asks for origin annotations (contract item 3). */
function renderKustomize(overlay: string): Source {
  const input = path.resolve(ROOT, overlay);
  const wrapper = scratch();
  writeFileSync(path.join(wrapper, 'kustomization.yaml'), `resources:\n  - ${path.relative(wrapper, input)}\nbuildMetadata: [originAnnotations]\n`);
  const binary = kustomizeBinary!;
  const args = path.basename(binary).startsWith('kubectl') ? ['kustomize', wrapper] : ['build', wrapper];
  const text = execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { path: path.relative(ROOT, input), text, origin: { kind: 'rendered', renderer: 'kustomize', input } };
}

function lintRendered(...sources: Source[]): LintResult {
  return relocateFindings(lint(sources, { rules }), sources, ROOT);
}

function only(result: LintResult, ruleId: string, name?: string): Finding {
  const found = result.findings.filter((finding) => finding.ruleId === ruleId && (name === undefined || finding.resource?.name === name));
  expect(found, `${ruleId}${name ? ` on ${name}` : ''}`).toHaveLength(1);
  return found[0]!;
}

/** The line a finding points at, as written in its file. */
function lineAt(finding: Finding): string {
  return readFileSync(path.resolve(ROOT, finding.file), 'utf8').split('\n')[finding.range.line - 1]!.trim();
}

function renderedPlace(finding: Finding): { file: string; line: number; message: string } | undefined {
  const related = finding.related?.find((location) => location.message.startsWith(RENDERED_LOCATION_PREFIX));
  return related && { file: related.file, line: related.range.line, message: related.message };
}

/** The rendered line a related location names, as printed. */
function renderedLine(source: Source, line: number): string {
  return source.text.split('\n')[line - 1]!.trim();
}

const helmReady = available('helm');
const kustomizeReady = available('kustomize');

describe('the render tools', () => {
  // In CI the suite must not pass by skipping: a missing binary is a failure, named.
  it.runIf(inCI && !helmReady)('has a helm binary in CI', () => {
    throw new Error(missingInCI('helm'));
  });
  it.runIf(inCI && !kustomizeReady)('has a kustomize binary in CI', () => {
    throw new Error(missingInCI('kustomize'));
  });
  it('names the rendered place with the prefix the text report looks for', () => {
    for (const message of Object.values(RENDERED_LOCATION_MESSAGE)) expect(message.startsWith(RENDERED_LOCATION_PREFIX)).toBe(true);
  });
});

describe.runIf(helmReady)('findings on helm template output', () => {
  const shop = renderHelm('fixtures/charts/shop');
  const result = lintRendered(shop);

  it('puts a missing readiness probe on the line of the container whose name is templated', () => {
    const finding = only(result, 'readiness-probe-missing');
    expect(finding.file).toBe('fixtures/charts/shop/templates/deployment.yaml');
    expect(lineAt(finding)).toBe('- name: {{ include "shop.name" . }}');
    expect(finding.origin).toEqual({ file: 'shop/templates/deployment.yaml', line: finding.range.line });
    const rendered = renderedPlace(finding)!;
    expect(rendered).toMatchObject({ file: 'fixtures/charts/shop', message: 'as rendered by helm template' });
    expect(renderedLine(shop, rendered.line)).toBe('- name: shop');
  });

  it('puts a missing cpu request under a toYaml block on the `resources:` line', () => {
    const finding = only(result, 'cpu-request-missing', 'shop');
    expect(finding.file).toBe('fixtures/charts/shop/templates/deployment.yaml');
    expect(lineAt(finding)).toBe('resources:');
    expect(finding.range.column).toBe(11);
    // The rendered output has the request map (the memory request), so the rendered place is deeper than the template's.
    expect(renderedLine(shop, renderedPlace(finding)!.line)).toBe('requests:');
  });

  it('leaves no finding on the rendered output, and moves related locations too', () => {
    expect(result.findings.filter((finding) => finding.file === shop.path)).toEqual([]);
    const spread = only(result, 'replicas-without-spread');
    const service = spread.related!.find((location) => location.resource?.kind === 'Service')!;
    expect(service.file).toBe('fixtures/charts/shop/templates/service.yaml');
    expect(service.message).toBe('Service shop selects its pods');
  });

  const store = renderHelm('test/fixtures/locate/charts/store');
  const storeResult = lintRendered(store);

  it('finds the document of a multi-document template, and the chart container after a conditional sidecar', () => {
    const finding = only(storeResult, 'liveness-probe-missing', 'shop-store');
    expect(finding.file).toBe('test/fixtures/locate/charts/store/templates/web.yaml');
    expect(lineAt(finding)).toBe('- name: {{ .Chart.Name }}');
    const limit = only(storeResult, 'memory-limit-missing', 'shop-store');
    expect(lineAt(limit)).toBe('resources:');
  });

  it('puts every object a range writes on the range\'s template lines', () => {
    const requests = storeResult.findings.filter((finding) => finding.ruleId === 'cpu-request-missing' && finding.file.endsWith('workers.yaml'));
    expect(requests.map((finding) => finding.resource?.name).sort()).toEqual(['shop-store-indexer', 'shop-store-mailer']);
    for (const finding of requests) expect(lineAt(finding)).toBe('requests:');
    // Each keeps its own rendered place.
    expect(new Set(requests.map((finding) => renderedPlace(finding)!.line)).size).toBe(2);
  });

  it('opens a subchart\'s template in the chart\'s charts/ folder', () => {
    const finding = only(storeResult, 'mutable-image-tag');
    expect(finding.file).toBe('test/fixtures/locate/charts/store/charts/cache/templates/statefulset.yaml');
    expect(lineAt(finding)).toBe('image: {{ .Values.image }}');
    expect(finding.origin?.file).toBe('store/charts/cache/templates/statefulset.yaml');
  });

  it('leaves findings of a subchart packed as a .tgz on the rendered output, naming the template', () => {
    const copy = path.join(scratch(), 'store');
    cpSync(path.resolve(ROOT, 'test/fixtures/locate/charts/store'), copy, { recursive: true });
    execFileSync(helmBinary!, ['package', path.join(copy, 'charts', 'cache'), '-d', path.join(copy, 'charts')], { stdio: 'ignore' });
    rmSync(path.join(copy, 'charts', 'cache'), { recursive: true });
    const packed = renderHelm(copy);
    const packedResult = lintRendered(packed);
    const finding = only(packedResult, 'mutable-image-tag');
    expect(finding.file).toBe(packed.path);
    expect(finding.origin).toEqual({ file: 'store/charts/cache/templates/statefulset.yaml' });
    expect(renderedLine(packed, finding.range.line)).toBe('image: registry.example.com/cache:latest');
    // The chart's own templates still move.
    expect(only(packedResult, 'liveness-probe-missing', 'shop-store').file).toBe(path.join(packed.path, 'templates', 'web.yaml'));
  });

  it('shows both places in the text report, under a header naming the chart and how it was rendered', () => {
    const text = textReporter(result, {
      tool: { name: 'kubegate', version: '0.0.0', informationUri: 'https://example.com' },
      rules: [],
      cwd: ROOT,
      color: false,
      inputs: [{ path: 'fixtures/charts/shop', how: 'helm', command: 'helm template shop fixtures/charts/shop' }],
    });
    const probe = only(result, 'readiness-probe-missing');
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Rendered:', '  fixtures/charts/shop: helm template shop fixtures/charts/shop', '']);
    const row = lines.findIndex((line) => line.includes('readiness-probe-missing'));
    expect(lines[row]).toMatch(new RegExp(`^  ${probe.range.line}:${probe.range.column} +error `));
    expect(lines[row + 1]!.trim()).toBe(`Deployment/shop, rendered: line ${renderedPlace(probe)!.line}`);
    expect(lines.lastIndexOf('fixtures/charts/shop/templates/deployment.yaml', row)).toBeGreaterThan(0);
  });
});

describe.runIf(kustomizeReady)('findings on kustomize build output', () => {
  const production = renderKustomize('fixtures/kustomize/overlays/production');
  const staging = renderKustomize('fixtures/kustomize/overlays/staging');
  const result = lintRendered(production, staging);

  it('puts a field set by a strategic-merge patch on the patch file\'s line', () => {
    const finding = only(result, 'rolling-update-all-unavailable');
    expect(finding.file).toBe('fixtures/kustomize/overlays/production/patch-replicas.yaml');
    expect(lineAt(finding)).toBe('maxUnavailable: 100%');
    expect(finding.origin).toEqual({ file: finding.file, line: finding.range.line });
    const rendered = renderedPlace(finding)!;
    expect(rendered).toMatchObject({ file: 'fixtures/kustomize/overlays/production', message: 'as rendered by kustomize build' });
    expect(renderedLine(production, rendered.line)).toBe('maxUnavailable: 100%');
  });

  it('puts a field of the base on the base file, for each overlay that renders it', () => {
    const spread = result.findings.filter((finding) => finding.ruleId === 'replicas-without-spread');
    const byNamespace = new Map(spread.map((finding) => [finding.resource?.namespace, finding]));
    // Production's replicas come from its patch, staging's from the base.
    expect(byNamespace.get('production')?.file).toBe('fixtures/kustomize/overlays/production/patch-replicas.yaml');
    const base = byNamespace.get('staging')!;
    expect(base.file).toBe('fixtures/kustomize/base/deployment.yaml');
    expect(lineAt(base)).toBe('replicas: 2');
  });

  it('names the overlay next to the rendered line when the file shown is shared by overlays', () => {
    const moved = result.findings.find((finding) => finding.file === 'fixtures/kustomize/base/deployment.yaml' && renderedPlace(finding)?.file === staging.path);
    expect(moved).toBeDefined();
    const text = textReporter({ ...result, findings: [moved!] }, { tool: { name: 'kubegate', version: '0', informationUri: 'https://example.com' }, rules: [], cwd: ROOT, color: false });
    expect(text).toContain(`rendered: line ${renderedPlace(moved!)!.line} of fixtures/kustomize/overlays/staging`);
  });

  const overlay = renderKustomize('test/fixtures/locate/kustomize/overlay');
  const own = lintRendered(overlay);
  const at = (finding: Finding) => `${finding.file}:${finding.range.line}`;

  it('follows a name prefix and containers a patch reordered back to the base file', () => {
    const probes = own.findings.filter((finding) => finding.ruleId === 'readiness-probe-missing');
    expect(probes.map((finding) => lineAt(finding)).sort()).toEqual(['- name: api', '- name: proxy']);
    for (const finding of probes) expect(finding.file).toBe('test/fixtures/locate/kustomize/base/api.yaml');
  });

  it('points at the patch that set a field: legacy, JSON 6902 and inline patches', () => {
    const history = only(own, 'revision-history-limit-zero');
    expect([at(history), lineAt(history)]).toEqual(['test/fixtures/locate/kustomize/overlay/history.yaml:7', 'revisionHistoryLimit: 0']);
    const recreate = only(own, 'recreate-strategy');
    expect([at(recreate), lineAt(recreate)]).toEqual(['test/fixtures/locate/kustomize/overlay/strategy.json.yaml:7', 'type: Recreate']);
    const quantity = only(own, 'invalid-quantity');
    expect(quantity.file).toBe('test/fixtures/locate/kustomize/overlay/kustomization.yaml');
    expect(lineAt(quantity)).toBe('memory: 64m');
    expect(quantity.range.column).toBe(29);
  });

  it('points at the kustomization entry that changed an image, a replica count, or generated an object', () => {
    const image = only(own, 'mutable-image-tag');
    expect([at(image), lineAt(image)]).toEqual(['test/fixtures/locate/kustomize/overlay/kustomization.yaml:8', 'newTag: latest']);
    const replicas = only(own, 'replicas-without-spread');
    expect([at(replicas), lineAt(replicas)]).toEqual(['test/fixtures/locate/kustomize/overlay/kustomization.yaml:11', 'count: 5']);
    const unused = only(own, 'unused-configmap');
    expect([at(unused), lineAt(unused)]).toEqual(['test/fixtures/locate/kustomize/base/kustomization.yaml:6', '- name: settings']);
  });

  it('keeps a field the resource file writes on the resource file', () => {
    const request = only(own, 'request-exceeds-limit');
    expect(request.file).toBe('test/fixtures/locate/kustomize/base/api.yaml');
    expect(lineAt(request)).toBe('memory: 64Mi');
  });
});
