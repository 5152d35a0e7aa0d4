import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSelector, readLabelSelector, readPlainSelector, selectorMatches } from '../src/model/selector.js';
import { modelOf as model } from './support/model.js';

const deployment = (name: string, labels: string, namespace?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec:\n      containers: [{name: c, image: "c:1"}]\n`;

describe('label selectors', () => {
  it('read a Service map and a LabelSelector alike, numbers as the strings the API sees', () => {
    expect(readPlainSelector({ app: 'web', version: 1.0 })).toEqual({ matchLabels: { app: 'web', version: '1' }, expressions: [] });
    expect(readLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] })).toEqual({
      matchLabels: { app: 'web' },
      expressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }],
    });
  });

  it('refuse what they cannot read rather than guess', () => {
    expect(readPlainSelector({ app: { nested: true } })).toBeUndefined();
    expect(readLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Near', values: [] }] })).toBeUndefined();
    expect(readLabelSelector('app=web')).toBeUndefined();
  });

  it('match as the API server does, for every operator', () => {
    const selector = readLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    })!;
    expect(selectorMatches(selector, { app: 'web', tier: 'front', team: 'x' })).toBe(true);
    expect(selectorMatches(selector, { app: 'web', tier: 'front', team: 'x', track: 'stable' })).toBe(true);
    expect(selectorMatches(selector, { app: 'web', tier: 'front', team: 'x', track: 'canary' })).toBe(false);
    expect(selectorMatches(selector, { app: 'web', tier: 'back', team: 'x' })).toBe(false);
    expect(selectorMatches(selector, { app: 'web', tier: 'front' })).toBe(false);
    expect(selectorMatches(selector, { app: 'web', tier: 'front', team: 'x', legacy: '' })).toBe(false);
    expect(formatSelector(selector)).toBe('app=web, tier in (front, edge), track notin (canary), team, !legacy');
  });

  it('select through the index exactly what a scan of every template would', () => {
    const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'team'), fc.constantFrom('a', 'b'), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(labels, fc.constantFrom('one', 'two')), { maxLength: 12 }), labels, fc.constantFrom('one', 'two'), (templates, wanted, namespace) => {
        const text = templates.map(([set, ns], n) => deployment(`d${n}`, JSON.stringify(set), ns)).join('---\n');
        const { index } = model(text);
        const selector = readPlainSelector(wanted)!;
        const viaIndex = index.podsSelectedBy(namespace, selector).map((template) => template.resource.name).sort();
        const byScan = templates.flatMap(([set, ns], n) => (ns === namespace && Object.entries(wanted).every(([k, v]) => set[k] === v) ? [`d${n}`] : [])).sort();
        expect(viaIndex).toEqual(byScan);
      }),
    );
  });
});

describe('the index', () => {
  const SET = [
    deployment('web', '{app: web}'),
    deployment('web', '{app: web}', 'shop'),
    'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\n',
    'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high, namespace: ignored}\nvalue: 1000\n',
    'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec: {}\n',
  ].join('---\n');

  it('puts objects without a namespace in the default one, or the one the run names', () => {
    const { index } = model(SET);
    expect(index.get('Secret', 'default', 'db')).toHaveLength(1);
    expect(index.get('Secret', undefined, 'db')).toHaveLength(1);
    expect(index.get('Secret', 'shop', 'db')).toHaveLength(0);
    const inShop = model(SET, { defaultNamespace: 'shop' }).index;
    expect(inShop.get('Secret', 'shop', 'db')).toHaveLength(1);
    // The Deployment written without a namespace now lands beside the one written in shop.
    expect(inShop.get('apps/Deployment', 'shop', 'web')).toHaveLength(2);
  });

  it('looks cluster-scoped kinds up by name alone, and keeps API groups apart', () => {
    const { index } = model(SET);
    expect(index.get('scheduling.k8s.io/PriorityClass', 'anywhere', 'high')).toHaveLength(1);
    expect(index.get('Service', undefined, 'web')).toHaveLength(0);
    expect(index.get('serving.knative.dev/Service', undefined, 'web')).toHaveLength(1);
  });

  it('counts Secrets made by other objects and declared external ones as present', () => {
    const text = [
      'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es}\nspec: {target: {name: from-vault}}\n',
      'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: same-name}\nspec: {}\n',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed, namespace: shop}\nspec: {}\n',
      'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: cert}\nspec: {secretName: web-tls}\n',
    ].join('---\n');
    const { index } = model(text, { external: (kind, namespace, name) => kind === 'Secret' && name.startsWith('vault-') });
    for (const name of ['from-vault', 'same-name', 'web-tls', 'vault-anything']) expect(index.exists('Secret', undefined, name), name).toBe(true);
    expect(index.exists('Secret', 'shop', 'sealed')).toBe(true);
    expect(index.exists('Secret', undefined, 'sealed')).toBe(false);
    expect(index.exists('Secret', undefined, 'es')).toBe(false);
    expect(index.presence('Secret', undefined, 'web-tls').producedBy.map((resource) => resource.kind)).toEqual(['Certificate']);
  });

  it('is complete unless the run says otherwise, or a document could not be read', () => {
    expect(model(SET).index.complete).toBe(true);
    expect(model(SET, { complete: false }).index.complete).toBe(false);
    // The object that failed to parse may be the one a reference names.
    expect(model(`${SET}---\napiVersion: v1\nkind: Secret\nmetadata: {name: "broken}\n`).index.complete).toBe(false);
    expect(model(`${SET}---\napiVersion: v1\nkind: Secret\nmetadata: {name: {{ .Values.name }}}\n`).index.complete).toBe(false);
    expect(model(`${SET}---\nkind: Secret\nmetadata: {name: token}\n`).index.complete).toBe(false);
    // An object missing only its name was read whole, and no reference can name it.
    expect(model(`${SET}---\napiVersion: v1\nkind: Secret\nmetadata: {labels: {a: b}}\n`).index.complete).toBe(true);
  });

  it('finds what references an object, and an object mentioned in another object\'s strings', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: runner\n  containers:\n    - name: c\n      image: c:1\n      args: ["--token-secret=api-token"]\n      env: [{name: A, valueFrom: {secretKeyRef: {name: db, key: url}}}]\n  volumes: [{name: v, projected: {sources: [{configMap: {name: settings, items: [{key: a, path: a}]}}]}}]\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: api-token}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: p, labels: {app: lonely}}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lonely}\n',
    ].join('---\n');
    const { index } = model(text);
    expect(index.referencesTo('Secret', undefined, 'db').map((reference) => reference.via)).toEqual(['env A of container "c"']);
    expect(index.referencesTo('ConfigMap', undefined, 'settings')[0]!.keys.map((key) => key.key)).toEqual(['a']);
    expect(index.referencesTo('ServiceAccount', undefined, 'runner')).toHaveLength(1);
    const named = (name: string) => [...index.ofKind('Secret'), ...index.ofKind('ConfigMap')].find((resource) => resource.name === name)!;
    expect(index.isMentioned(named('api-token'))).toBe(true);
    // A name equal to another object's name or a label value is no use of it.
    expect(index.isMentioned(named('p'))).toBe(false);
    expect(index.isMentioned(named('lonely'))).toBe(false);
  });

  it('counts no mention by the object itself, by selectors and template labels, or from another namespace', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nginx}\ndata: {conf: "include nginx;"}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: redis}\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cache}\nspec:\n  selector: {matchLabels: {app: redis}}\n  template:\n    metadata: {labels: {app: redis}, annotations: {checksum/config: abc}}\n    spec: {containers: [{name: c, image: "c:1"}]}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: a}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: b}\nspec: {containers: [{name: c, image: "c:1", envFrom: [{secretRef: {name: db}}]}]}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: ca, namespace: c}\n',
      'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: internal}\nspec: {ca: {secretName: ca}}\n',
    ].join('---\n');
    const { index } = model(text);
    const named = (name: string) => [...index.ofKind('Secret'), ...index.ofKind('ConfigMap')].find((resource) => resource.name === name)!;
    expect(index.isMentioned(named('nginx'))).toBe(false);
    expect(index.isMentioned(named('redis'))).toBe(false);
    expect(index.isMentioned(named('db'))).toBe(false);
    // A cluster-scoped object speaks for every namespace.
    expect(index.isMentioned(named('ca'))).toBe(true);
  });
});
