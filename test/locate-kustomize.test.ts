/**
 * The Kustomize side of placing findings, on objects written here as `kustomize build` prints
 * them (origin annotation, prefixed name, merged and reordered lists), so it runs without a
 * kustomize binary; test/locate-render.test.ts does the same through the real one.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ObjectPath } from '../src/core/types.js';
import { FileCache } from '../src/render/files.js';
import { locateKustomized, mapPath, readOriginAnnotation, resolveOriginFile } from '../src/render/kustomize-locator.js';
import { ROOT } from './support/tools.js';

const OVERLAY = path.join(ROOT, 'test/fixtures/locate/kustomize/overlay');
const BASE = path.join(ROOT, 'test/fixtures/locate/kustomize/base');

/** The origin path kustomize writes when the build starts from a wrapper in a temporary folder. */
function fromWrapper(file: string): string {
  return path.relative(path.join(tmpdir(), 'kubegate-kustomize-x1y2z3'), file);
}

function deployment(origin: string): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { annotations: { 'config.kubernetes.io/origin': `path: ${origin}\n` }, name: 'prod-api' },
    spec: {
      replicas: 5,
      revisionHistoryLimit: 0,
      selector: { matchLabels: { app: 'api' } },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          containers: [
            { image: 'registry.example.com/proxy:1.2.3', name: 'proxy', resources: { limits: { memory: '64m' }, requests: { cpu: '50m', memory: '64Mi' } } },
            { image: 'registry.example.com/api:latest', name: 'api', ports: [{ containerPort: 8080, name: 'http' }], resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } } },
          ],
          terminationGracePeriodSeconds: 5,
        },
      },
    },
  };
}

function place(object: Record<string, unknown>, objectPath: ObjectPath, on: 'key' | 'value' = 'value', input = OVERLAY) {
  const placed = locateKustomized(new FileCache(), input, object, objectPath, on, () => 0);
  if (!placed) return undefined;
  const text = readFileSync(placed.file, 'utf8').split('\n')[placed.range.line - 1]!;
  return { file: path.relative(ROOT, placed.file), line: placed.range.line, column: placed.range.column, text: text.trim() };
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('reading where kustomize says an object came from', () => {
  it('reads the origin annotation', () => {
    expect(readOriginAnnotation({ metadata: { annotations: { 'config.kubernetes.io/origin': 'path: ../base/api.yaml\n' } } })).toEqual({ path: '../base/api.yaml' });
    expect(readOriginAnnotation({ metadata: { annotations: { 'config.kubernetes.io/origin': 'configuredIn: ../base/kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n' } } })).toEqual({ configuredIn: '../base/kustomization.yaml' });
    expect(readOriginAnnotation({ metadata: { annotations: { 'config.kubernetes.io/origin': 'path: examples/wordpress/mysql/deployment.yaml\nrepo: https://github.com/kubernetes-sigs/kustomize\nref: v1.0.6\n' } } })).toMatchObject({ repo: 'https://github.com/kubernetes-sigs/kustomize' });
    expect(readOriginAnnotation({ metadata: { name: 'x' } })).toBeUndefined();
  });

  it('resolves a path relative to the temporary wrapper, or to the overlay', () => {
    const files = new FileCache();
    const accept = () => true;
    const file = path.join(BASE, 'api.yaml');
    expect(resolveOriginFile(files, OVERLAY, fromWrapper(file), accept)).toBe(file);
    expect(resolveOriginFile(files, OVERLAY, '../base/api.yaml', accept)).toBe(file);
    expect(resolveOriginFile(files, OVERLAY, '../base/missing.yaml', accept)).toBeUndefined();
    // A candidate that exists but does not hold the object is passed over.
    expect(resolveOriginFile(files, OVERLAY, '../base/api.yaml', () => false)).toBeUndefined();
  });

  it('maps a rendered path onto a written object: list items by their merge key, scalars by value', () => {
    const rendered = { spec: { containers: [{ name: 'proxy', args: ['a', 'b'] }, { name: 'api', ports: [{ containerPort: 8080 }] }] } };
    const written = { spec: { containers: [{ name: 'api', ports: [{ containerPort: 8080 }] }, { name: 'proxy', args: ['b'] }] } };
    expect(mapPath(rendered, written, ['spec', 'containers', 1, 'ports', 0, 'containerPort'])).toEqual(['spec', 'containers', 0, 'ports', 0, 'containerPort']);
    expect(mapPath(rendered, written, ['spec', 'containers', 0, 'args', 1])).toEqual(['spec', 'containers', 1, 'args', 0]);
    expect(mapPath(rendered, written, ['spec', 'containers', 0, 'args', 0])).toEqual(['spec', 'containers', 1, 'args']);
    expect(mapPath(rendered, written, ['spec', 'replicas'])).toEqual(['spec']);
  });
});

describe('placing a field of a built object', () => {
  const object = deployment(fromWrapper(path.join(BASE, 'api.yaml')));

  it('goes to the resource file for what it writes, through a name prefix and reordered containers', () => {
    expect(place(object, ['spec', 'template', 'spec', 'containers', 1, 'ports', 0, 'containerPort'])).toEqual({ file: 'test/fixtures/locate/kustomize/base/api.yaml', line: 32, column: 30, text: 'containerPort: 8080' });
    expect(place(object, ['spec', 'template', 'spec', 'containers', 1, 'ports', 0, 'containerPort'], 'key')).toMatchObject({ line: 32, column: 15 });
    // A field missing everywhere: its nearest parent in the resource file.
    expect(place(object, ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'])).toMatchObject({ line: 39, text: '- name: proxy' });
    expect(place(object, [])).toMatchObject({ line: 13, text: 'apiVersion: apps/v1' });
  });

  it('goes to the patch that set the field', () => {
    expect(place(object, ['spec', 'revisionHistoryLimit'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/overlay/history.yaml', text: 'revisionHistoryLimit: 0' });
    expect(place(object, ['spec', 'strategy', 'type'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/overlay/strategy.json.yaml', text: 'type: Recreate' });
    expect(place(object, ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/overlay/strategy.json.yaml', line: 3, text: 'value: 5' });
    expect(place(object, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/overlay/kustomization.yaml', line: 31, column: 29, text: 'memory: 64m' });
    // The patch names the container but does not write its request: the resource file does.
    expect(place(object, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/base/api.yaml', text: 'cpu: 50m' });
  });

  it('goes to the kustomization entry that changed an image or a replica count', () => {
    expect(place(object, ['spec', 'template', 'spec', 'containers', 1, 'image'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/overlay/kustomization.yaml', line: 8, text: 'newTag: latest' });
    expect(place(object, ['spec', 'replicas'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/overlay/kustomization.yaml', line: 11, text: 'count: 5' });
  });

  it('goes to the generator entry of a generated ConfigMap', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', data: { MODE: 'fast' }, metadata: { annotations: { 'config.kubernetes.io/origin': `configuredIn: ${fromWrapper(path.join(BASE, 'kustomization.yaml'))}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n` }, name: 'prod-settings-7kcm455446' } };
    expect(place(configMap, ['data', 'MODE'])).toMatchObject({ file: 'test/fixtures/locate/kustomize/base/kustomization.yaml', line: 6, text: '- name: settings' });
  });

  it('leaves objects from remote bases where they are, and puts an object its file does not hold on the file\'s first line', () => {
    const remote = { ...object, metadata: { name: 'prod-api', annotations: { 'config.kubernetes.io/origin': 'path: deploy/api.yaml\nrepo: https://github.com/example/app\n' } } };
    expect(place(remote, ['spec', 'replicas'])).toBeUndefined();
    const missing = { ...object, metadata: { name: 'prod-api', annotations: { 'config.kubernetes.io/origin': 'path: ../base/gone.yaml\n' } } };
    expect(place(missing, ['spec', 'replicas'])).toBeUndefined();
    const renamed = { ...object, kind: 'StatefulSet' };
    expect(place(renamed, ['spec', 'replicas'])).toEqual({ file: 'test/fixtures/locate/kustomize/base/api.yaml', line: 1, column: 1, text: 'apiVersion: v1' });
  });

  it('applies patches by target selector, and a later patch wins over an earlier one', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kubegate-kustomize-'));
    temporary.push(root);
    mkdirSync(path.join(root, 'base'));
    mkdirSync(path.join(root, 'overlay'));
    writeFileSync(path.join(root, 'base', 'kustomization.yaml'), 'resources: [web.yaml]\npatches:\n  - path: first.yaml\n');
    writeFileSync(path.join(root, 'base', 'web.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    tier: front\nspec:\n  replicas: 1\n');
    writeFileSync(path.join(root, 'base', 'first.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  minReadySeconds: 1\n  paused: true\n');
    writeFileSync(
      path.join(root, 'overlay', 'kustomization.yaml'),
      [
        'resources: [../base]',
        'nameSuffix: -v2',
        'patches:',
        '  - target: {kind: Deploy.*, labelSelector: "tier=front"}',
        '    patch: |-',
        '      - op: replace',
        '        path: /spec/minReadySeconds',
        '        value: 30',
        '  - target: {kind: Deployment, labelSelector: "tier=back"}',
        '    patch: |-',
        '      - op: replace',
        '        path: /spec/paused',
        '        value: false',
        '',
      ].join('\n'),
    );
    const built = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web-v2', labels: { tier: 'front' }, annotations: { 'config.kubernetes.io/origin': 'path: ../base/web.yaml\n' } }, spec: { replicas: 1, minReadySeconds: 30, paused: true } };
    const input = path.join(root, 'overlay');
    expect(place(built, ['spec', 'minReadySeconds'], 'value', input)).toMatchObject({ line: 8, text: 'value: 30' });
    expect(place(built, ['spec', 'paused'], 'value', input)).toMatchObject({ line: 7, text: 'paused: true' });
    expect(place(built, ['spec', 'replicas'], 'value', input)).toMatchObject({ line: 8, text: 'replicas: 1' });
  });
});
