import { describe, expect, it } from 'vitest';
import { lookUp } from '../src/model/lookup.js';
import { modelOf } from './support/model.js';

const secret = (name: string, namespace?: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\n`;

describe('objects in other namespaces', () => {
  const SET = [secret('db', 'billing'), secret('db', 'staging'), secret('db', 'billing'), secret('db'), secret('api', 'shop'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db, namespace: shop}\n'].join('---\n');

  it('are every definition of the group/kind and name outside the namespace, in input order', () => {
    const { index } = modelOf(SET);
    const where = (namespace: string | undefined) => index.inOtherNamespaces('Secret', namespace, 'db').map((resource) => index.namespaceOf(resource));
    expect(where('shop')).toEqual(['billing', 'staging', 'billing', 'default']);
    expect(where('billing')).toEqual(['staging', 'default']);
    // No namespace: the run's default one, as everywhere in the index.
    expect(where(undefined)).toEqual(['billing', 'staging', 'billing']);
    expect(index.inOtherNamespaces('ConfigMap', 'billing', 'db')).toHaveLength(1);
    expect(index.inOtherNamespaces('Secret', 'shop', 'nothing')).toEqual([]);
  });

  it('are none for cluster-scoped kinds, which have no namespace to be outside of', () => {
    const { index } = modelOf('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1\n');
    expect(index.inOtherNamespaces('scheduling.k8s.io/PriorityClass', 'shop', 'high')).toEqual([]);
  });
});

describe('looking a referenced object up', () => {
  const SET = [secret('db', 'billing'), secret('db', 'staging'), secret('db', 'billing'), secret('local', 'shop'), 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed, namespace: shop}\nspec: {}\n'].join('---\n');

  it('finds an object defined, made by another object, or declared external in the namespace', () => {
    const { index } = modelOf(SET, { external: (kind, namespace, name) => kind === 'Secret' && namespace === 'shop' && name === 'vault' });
    for (const name of ['local', 'sealed', 'vault']) expect(lookUp(index, 'Secret', 'shop', name), name).toEqual({ kind: 'present' });
  });

  it('says which other namespaces define an object the namespace lacks, each once, and points at every definition', () => {
    const { index } = modelOf(SET);
    const found = lookUp(index, 'Secret', 'shop', 'db');
    expect(found.kind).toBe('otherNamespace');
    if (found.kind !== 'otherNamespace') return;
    expect(found.namespaces).toBe('"billing", "staging"');
    expect(found.where).toHaveLength(3);
    expect(found.related.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['metadata', 'name'], message: 'Secret "db" in namespace "billing"' },
      { path: ['metadata', 'name'], message: 'Secret "db" in namespace "staging"' },
      { path: ['metadata', 'name'], message: 'Secret "db" in namespace "billing"' },
    ]);
    expect(found.related.map((related) => related.resource)).toEqual(found.where);
  });

  it('calls an object missing when no namespace defines it', () => {
    const { index } = modelOf(SET);
    expect(lookUp(index, 'Secret', 'shop', 'nothing')).toEqual({ kind: 'missing' });
    expect(lookUp(index, 'ConfigMap', 'shop', 'db')).toEqual({ kind: 'missing' });
  });
});
