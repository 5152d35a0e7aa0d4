import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/engine/lint.js';
import { buildModel } from '../src/engine/model.js';
import { splitDocuments } from '../src/parse/text.js';

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '    - name: web', '      image: web:1.0.0', ''];

function readinessFindings(text: string, path = 'pod.yaml') {
  return lint([{ path, text }], { rules })
    .findings.filter((finding) => finding.ruleId === 'readiness-probe-missing')
    .map((finding) => ({ ...finding.range, templateSource: finding.origin?.file }));
}

describe('document splitting', () => {
  it('splits at --- and ... markers only at the start of a line', () => {
    const text = 'a: 1\n---\nb: |\n  text --- not a marker\n...\n---\nc: 3\n';
    expect(splitDocuments(text).map((span) => text.slice(span.start, span.end))).toEqual([
      'a: 1\n',
      '---\nb: |\n  text --- not a marker\n...\n',
      '---\nc: 3\n',
    ]);
    expect(splitDocuments(text).map((span) => span.line)).toEqual([1, 2, 6]);
  });
});

describe('positions through the whole engine', () => {
  const expected = { line: 7, column: 7, endLine: 7, endColumn: 16, templateSource: undefined };

  it('plain block YAML', () => {
    expect(readinessFindings(POD.join('\n'))).toEqual([expected]);
  });

  it('CRLF line ends give the same lines and columns', () => {
    expect(readinessFindings(POD.join('\r\n'))).toEqual([expected]);
  });

  it('a byte-order mark does not shift columns', () => {
    expect(readinessFindings(`\uFEFF${POD.join('\n')}`)).toEqual([expected]);
  });

  it('JSON manifests are located through the full parser', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'web:1.0.0' }] } }, null, 2);
    expect(readinessFindings(json, 'pod.json')).toEqual([{ line: 9, column: 7, endLine: 9, endColumn: 8, templateSource: undefined }]);
  });

  it('documents after other documents keep their own lines, and Helm sources stay with their document', () => {
    const rendered = ['---', '# Source: shop/templates/config.yaml', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', '---', '# Source: shop/templates/pod.yaml', ...POD].join('\n');
    expect(readinessFindings(rendered)).toEqual([{ line: 14, column: 7, endLine: 14, endColumn: 16, templateSource: 'shop/templates/pod.yaml' }]);
  });
});

describe('buildModel', () => {
  it("names the file a Kustomize object came from, from kustomize's origin annotation", () => {
    const rendered = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: ../base/deployment.yaml',
      '  name: prod-web',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: remote',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: config/app.yaml',
      '      repo: https://example.com/org/repo',
      '      ref: v1.0.0',
    ].join('\n');
    expect(buildModel([{ path: 'out.yaml', text: rendered }]).resources.map((resource) => resource.origin?.file)).toEqual([
      '../base/deployment.yaml',
      'https://example.com/org/repo config/app.yaml',
    ]);
  });

  it('reads the items of any *List kind, with paths into the list', () => {
    const parsed = buildModel([{
      path: 'list.yaml',
      text: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: shop}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n',
    }]);
    expect(parsed.resources.map((resource) => [resource.kind, resource.namespace, resource.name, resource.basePath])).toEqual([
      ['ConfigMap', 'shop', 'a', ['items', 0]],
      ['ConfigMap', undefined, 'b', ['items', 1]],
    ]);
  });

  it('keeps strings that YAML 1.1 would have turned into other types', () => {
    const parsed = buildModel([{ path: 'c.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  enabled: yes\n  since: 2024-01-01\n' }]);
    expect((parsed.resources[0]!.object.data as Record<string, unknown>)).toEqual({ enabled: 'yes', since: '2024-01-01' });
  });

  it('applies merge keys as the API server does', () => {
    const parsed = buildModel([{ path: 'm.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\nbase: &base {a: "1"}\ndata:\n  <<: *base\n  b: "2"\n' }]);
    expect(parsed.resources[0]!.object.data).toEqual({ a: '1', b: '2' });
  });

  it('counts documents it does not lint instead of dropping them', () => {
    const parsed = buildModel([{ path: 'v.yaml', text: 'replicaCount: 2\n---\n- a\n---\nplain\n---\n# only a comment\n' }]);
    expect(parsed.resources).toEqual([]);
    expect(parsed.skips.map((skip) => [skip.line, skip.reason])).toEqual([
      [1, 'not a Kubernetes object (no kind)'],
      [3, 'not a Kubernetes object (a YAML sequence)'],
      [5, 'not a Kubernetes object (a YAML scalar)'],
    ]);
  });
});
