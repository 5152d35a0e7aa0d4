/**
 * Finding charts and overlays among the inputs: what is rendered, once, and which files are then
 * never read as manifests. No binary runs here; test/render.test.ts renders.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSources, type LoadOptions } from '../src/load/sources.js';
import { kustomizationReader } from '../src/render/index.js';
import { ROOT } from './support/tools.js';

const options = (overrides: Partial<LoadOptions> = {}): LoadOptions => ({
  cwd: ROOT,
  readStdin: async () => new Uint8Array(),
  renderables: true,
  kustomizations: kustomizationReader,
  ...overrides,
});

const units = (loaded: { renderables: { renderer: string; path: string }[] }) => loaded.renderables.map((unit) => `${unit.renderer} ${unit.path}`);

const tree = mkdtempSync(path.join(tmpdir(), 'kubegate-render-load-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(tree, relative)), { recursive: true });
  writeFileSync(path.join(tree, relative), text);
}

const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

// An app whose base is at its root and whose overlays are below it; a library chart; a Component.
write('app/kustomization.yaml', 'resources:\n  - configmap.yaml\n');
write('app/configmap.yaml', CONFIG_MAP('app'));
write('app/overlays/prod/kustomization.yaml', 'resources:\n  - ../..\ncomponents:\n  - ../../../components/monitoring\npatches:\n  - path: patch.yaml\n');
write('app/overlays/prod/patch.yaml', 'kind: Deployment\nspec: {replicas: 3}\n');
write('components/monitoring/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: patch.yaml\n');
write('components/monitoring/patch.yaml', 'kind: Deployment\nspec: {}\n');
write('charts/common/Chart.yaml', 'apiVersion: v2\nname: common\ntype: library\nversion: 1.0.0\n');
write('charts/common/templates/_names.tpl', '{{- define "common.name" -}}x{{- end }}\n');
write('charts/common/values.yaml', 'kind: web\n');
write('loose/configmap.yaml', CONFIG_MAP('loose'));
// Beside an overlay, a manifest its kustomization does not name (deployed by other means), and one
// a generator reads.
write('tools/kustomization.yaml', 'resources:\n  - job.yaml\n# - debug.yaml\nconfigMapGenerator:\n  - name: settings\n    files:\n      - settings.json=config/settings.json\n');
write('tools/job.yaml', CONFIG_MAP('job'));
write('tools/debug.yaml', CONFIG_MAP('debug'));
write('tools/config/settings.json', '{"mode": "fast"}\n');

describe('finding charts and overlays', () => {
  it('renders each chart found by walking, never its files, and a subchart only with its parent', async () => {
    const loaded = await loadSources(['fixtures/charts'], options());
    expect(units(loaded)).toEqual([
      'helm fixtures/charts/broken/bad-template',
      'helm fixtures/charts/broken/missing-dependency',
      'helm fixtures/charts/broken/missing-value',
      'helm fixtures/charts/shop',
      'helm fixtures/charts/umbrella',
    ]);
    expect(loaded.sources).toEqual([]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.notices).toEqual([]);
  });

  it('renders each overlay, and a base through the overlays that list it, not on its own', async () => {
    const loaded = await loadSources(['fixtures/kustomize'], options());
    expect(units(loaded)).toEqual(['kustomize fixtures/kustomize/broken/missing-file', 'kustomize fixtures/kustomize/overlays/production', 'kustomize fixtures/kustomize/overlays/staging']);
    expect(loaded.sources).toEqual([]);
    // Without the overlays' lists, the base is an overlay like any other.
    const unlisted = await loadSources(['fixtures/kustomize'], options({ kustomizations: undefined }));
    expect(units(unlisted)).toContain('kustomize fixtures/kustomize/base');
  });

  it('renders a base named on the command line, even beside the overlays that list it', async () => {
    const loaded = await loadSources(['fixtures/kustomize/base', 'fixtures/kustomize/overlays'], options());
    expect(units(loaded)).toEqual(['kustomize fixtures/kustomize/base', 'kustomize fixtures/kustomize/overlays/production', 'kustomize fixtures/kustomize/overlays/staging']);
  });

  it('renders the chart or overlay of files named on their own, once, as pre-commit passes changed files', async () => {
    const loaded = await loadSources(
      [
        'fixtures/charts/shop/templates/deployment.yaml',
        'fixtures/charts/shop/values-production.yaml',
        'fixtures/charts/shop/templates/_helpers.tpl',
        'fixtures/charts/umbrella/charts/backend/templates/deployment.yaml',
        'fixtures/kustomize/overlays/production/patch-replicas.yaml',
        'fixtures/demo/service.yaml',
      ],
      options(),
    );
    expect(units(loaded)).toEqual(['helm fixtures/charts/shop', 'helm fixtures/charts/umbrella', 'kustomize fixtures/kustomize/overlays/production']);
    expect(loaded.sources.map((source) => source.path)).toEqual(['fixtures/demo/service.yaml']);
    expect(loaded.inputs.map((input) => input.how)).toEqual(['file', 'file', 'file', 'file', 'file', 'file']);
  });

  it('renders the chart a folder inside it belongs to, and the chart of files a pattern matches', async () => {
    expect(units(await loadSources(['fixtures/charts/shop/templates'], options()))).toEqual(['helm fixtures/charts/shop']);
    const matched = await loadSources(['fixtures/charts/shop/**/*.yaml'], options());
    expect(units(matched)).toEqual(['helm fixtures/charts/shop']);
    expect(matched.sources).toEqual([]);
    expect(matched.inputs).toEqual([{ path: 'fixtures/charts/shop/**/*.yaml', how: 'pattern' }]);
  });

  it('finds the overlays below an overlay, and leaves library charts and Components to what uses them', async () => {
    const loaded = await loadSources(['.'], options({ cwd: tree }));
    // app is listed by app/overlays/prod, so it renders through it; the Component and the library chart render only through their users.
    expect(units(loaded)).toEqual(['kustomize app/overlays/prod', 'kustomize tools']);
    expect(loaded.sources.map((source) => source.path)).toEqual(['loose/configmap.yaml', 'tools/debug.yaml']);
    expect(loaded.inputs).toEqual([{ path: '.', how: 'folder' }]);
  });

  it('says why a file of a library chart or a Component named on its own is not read', async () => {
    const loaded = await loadSources(['charts/common/values.yaml', 'components/monitoring/patch.yaml'], options({ cwd: tree }));
    expect(loaded.renderables).toEqual([]);
    expect(loaded.sources).toEqual([]);
    expect(loaded.notices).toEqual([
      'skipped charts/common/values.yaml: part of the library chart charts/common, checked through the charts that depend on it',
      'skipped components/monitoring/patch.yaml: part of the Kustomize Component components/monitoring, checked through the overlays that use it',
    ]);
  });

  it('reads a manifest beside an overlay that its kustomization does not name as a file of its own', async () => {
    const loaded = await loadSources(['tools/debug.yaml', 'tools/job.yaml'], options({ cwd: tree }));
    expect(units(loaded)).toEqual(['kustomize tools']);
    expect(loaded.sources.map((source) => source.path)).toEqual(['tools/debug.yaml']);
  });

  it('treats a folder inside an overlay that holds no overlay as part of it', async () => {
    write('flat/kustomization.yaml', 'resources:\n  - manifests/configmap.yaml\n');
    write('flat/manifests/configmap.yaml', CONFIG_MAP('flat'));
    const loaded = await loadSources(['flat/manifests'], options({ cwd: tree }));
    expect(units(loaded)).toEqual(['kustomize flat']);
    expect(loaded.sources).toEqual([]);
  });

  it('reads every file as before when rendering is not asked for', async () => {
    const loaded = await loadSources(['fixtures/charts/shop'], options({ renderables: false }));
    expect(loaded.renderables).toEqual([]);
    expect(loaded.sources.map((source) => source.path)).toContain('fixtures/charts/shop/templates/deployment.yaml');
  });

  it('puts each chart and overlay in exactly one shard', async () => {
    const all = await loadSources(['fixtures'], options());
    const everything = [...units(all), ...all.sources.map((source) => source.path)].sort();
    for (const count of [2, 3, 7]) {
      const shards = await Promise.all(Array.from({ length: count }, (_, index) => loadSources(['fixtures'], options({ shard: { index: index + 1, count } }))));
      const covered = shards.flatMap((shard) => [...units(shard), ...shard.sources.map((source) => source.path)]).sort();
      expect(covered).toEqual(everything);
    }
  });
});
