import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { fingerprinter } from '../src/core/fingerprint.js';
import type { Finding } from '../src/core/types.js';
import { applyBaseline, createBaseline } from '../src/engine/baseline.js';
import { lint } from '../src/engine/lint.js';
import { buildModel } from '../src/engine/model.js';

/**
 * An object without metadata.name (nor generateName) is rejected by the API server, and reported
 * as incomplete-resource; it is still linted by every rule, as `<unnamed Kind>`, but it has no
 * name to be found by.
 */

const UNNAMED_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  namespace: shop',
  'spec:',
  '  replicas: 3',
  '  selector: {matchLabels: {app: web}}',
  '  template:',
  '    metadata: {labels: {app: web}}',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example/web:latest',
  '',
].join('\n');

const unnamedConfigMap = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: shop}\ndata: {${data}}\n`;

const lintText = (text: string, ruleIds?: readonly string[]) =>
  lint([{ path: 'app.yaml', text }], { rules: ruleIds ? rules.filter((rule) => ruleIds.includes(rule.meta.id)) : rules }).findings;

describe('reading an object without a name', () => {
  it('makes a resource named <unnamed Kind>, with an incomplete-resource finding about it', () => {
    const model = buildModel([{ path: 'app.yaml', text: UNNAMED_DEPLOYMENT }]);
    expect(model.resources.map((resource) => [resource.groupKind, resource.name, resource.unnamed])).toEqual([['apps/Deployment', '<unnamed Deployment>', true]]);
    expect(model.diagnostics).toEqual([
      {
        id: 'incomplete-resource',
        messageId: 'missing',
        data: { fields: 'metadata.name', kind: 'Deployment' },
        file: 'app.yaml',
        range: { line: 3, column: 1, endLine: 3, endColumn: 9 },
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: '<unnamed Deployment>' },
        path: ['metadata'],
      },
    ]);
    // The object was read whole, so the set is still known to be whole.
    expect(model.index.complete).toBe(true);
  });

  it('names an object with generateName by it, and takes an empty name or generateName for none', () => {
    const model = buildModel([{ path: 'jobs.yaml', text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: "", generateName: ""}\n' }]);
    expect(model.resources.map((resource) => [resource.name, resource.unnamed])).toEqual([
      ['migrate-', undefined],
      ['<unnamed Job>', true],
    ]);
    expect(model.diagnostics.map((diagnostic) => diagnostic.data)).toEqual([{ fields: 'metadata.name', kind: 'Job' }]);
  });

  it('leaves an object without its type out: its group decides what its kind is, and the set is then not whole', () => {
    const model = buildModel([{ path: 'a.yaml', text: 'kind: Deployment\nmetadata: {namespace: shop}\n---\nkind: Service\nmetadata: {name: web}\n' }]);
    expect(model.resources).toEqual([]);
    expect(model.diagnostics.map((diagnostic) => [diagnostic.data, diagnostic.resource, diagnostic.range.line])).toEqual([
      [{ fields: 'apiVersion, metadata.name', kind: 'Deployment' }, undefined, 1],
      [{ fields: 'apiVersion', kind: 'Service' }, undefined, 4],
    ]);
    expect(model.index.complete).toBe(false);
  });

  it('is found by no name: two unnamed objects of a kind neither collide nor stand for a name', () => {
    const { index } = buildModel([{ path: 'c.yaml', text: `${unnamedConfigMap('a: "1"')}---\n${unnamedConfigMap('b: "2"')}` }]);
    expect(index.ofKind('ConfigMap')).toHaveLength(2);
    expect(index.get('ConfigMap', 'shop', '<unnamed ConfigMap>')).toEqual([]);
    expect(index.exists('ConfigMap', 'shop', '<unnamed ConfigMap>')).toBe(false);
    expect(index.inOtherNamespaces('ConfigMap', 'other', '<unnamed ConfigMap>')).toEqual([]);
  });
});

describe('linting an object without a name', () => {
  it('runs every rule on it, and each finding names it <unnamed Kind>', () => {
    const findings = lintText(UNNAMED_DEPLOYMENT);
    const ids = findings.map((finding) => finding.ruleId);
    expect(ids).toContain('incomplete-resource');
    expect(ids).toEqual(expect.arrayContaining(['readiness-probe-missing', 'mutable-image-tag', 'memory-request-missing']));
    for (const finding of findings) expect(finding.resource).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: '<unnamed Deployment>' });
  });

  it('names an unnamed workload <unnamed Kind> where messages name workloads', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: webb}\n  ports: [{port: 80}]\n';
    const [finding] = lintText(`${UNNAMED_DEPLOYMENT}---\n${service}`, ['service-selector-no-match']).filter((f) => f.ruleId === 'service-selector-no-match');
    expect(finding!.message).toContain('The closest is <unnamed Deployment>,');
    expect(finding!.related!.map((related) => related.message)).toEqual(['<unnamed Deployment>\'s pod labels: app=web']);
  });

  it('never satisfies a reference, is never a duplicate of another unnamed object, and is not called unused', () => {
    const deployment = UNNAMED_DEPLOYMENT.replace('metadata:\n  namespace: shop', 'metadata:\n  name: web\n  namespace: shop').replace('          image: registry.example/web:latest', '          image: registry.example/web:1.0.0\n          envFrom: [{configMapRef: {name: settings}}]');
    const findings = lintText(`${deployment}---\n${unnamedConfigMap('a: "1"')}---\n${unnamedConfigMap('a: "1"')}`, ['configmap-not-found', 'duplicate-resource', 'unused-configmap']);
    expect(findings.map((finding) => [finding.ruleId, finding.resource?.name])).toEqual([
      ['configmap-not-found', 'web'],
      ['incomplete-resource', '<unnamed ConfigMap>'],
      ['incomplete-resource', '<unnamed ConfigMap>'],
    ]);
  });

  it('can be silenced by an annotation on it, like any resource', () => {
    const annotated = UNNAMED_DEPLOYMENT.replace('  namespace: shop', '  namespace: shop\n  annotations: {kubegate.io/ignore: "incomplete-resource,mutable-image-tag", kubegate.io/ignore-reason: "a patch, named by the overlay"}');
    const active = lintText(annotated, ['mutable-image-tag']).filter((finding) => !finding.suppressions);
    expect(active).toEqual([]);
  });
});

describe('fingerprints and baselines of unnamed objects', () => {
  const text = `${unnamedConfigMap('a: "1"')}---\n${unnamedConfigMap('b: "2"')}`;
  const fingerprints = (findings: readonly Finding[]) => {
    const print = fingerprinter();
    return findings.map((finding) => print(finding));
  };

  it('tell two unnamed objects of one file apart, and stay the same when lines are added above', () => {
    const first = lintText(text, []);
    expect(first.map((finding) => finding.ruleId)).toEqual(['incomplete-resource', 'incomplete-resource']);
    const [a, b] = fingerprints(first);
    expect(a).not.toBe(b);
    expect(fingerprints(lintText(`# shop settings\n\n${text}`, []))).toEqual([a, b]);
  });

  it('are recorded under <unnamed Kind> and counted, so a third one is new', () => {
    const baseline = createBaseline(lintText(text, []));
    expect(baseline.files).toEqual({ 'app.yaml': { 'incomplete-resource': { 'missing ConfigMap/shop/"<unnamed ConfigMap>" metadata': 2 } } });
    const third = applyBaseline(lintText(`${text}---\n${unnamedConfigMap('c: "3"')}`, []), baseline);
    expect(third.findings.map((finding) => finding.suppressions?.[0]?.kind ?? 'new')).toEqual(['baseline', 'baseline', 'new']);
    expect(third.stale).toEqual([]);
  });
});
