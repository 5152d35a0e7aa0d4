import { describe, expect, it } from 'vitest';
import { missingKeys } from '../src/model/data-keys.js';
import { modelOf, resourceNamed } from './support/model.js';

const pod = (env: string, volumes = '[]') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: app, namespace: shop}\nspec:\n  containers: [{name: app, image: "app:1", env: ${env}}]\n  volumes: ${volumes}\n`;
const secretKey = (variable: string, name: string, key: string, optional = false) => `{name: ${variable}, valueFrom: {secretKeyRef: {name: ${name}, key: ${key}${optional ? ', optional: true' : ''}}}}`;
const configMapKey = (variable: string, name: string, key: string) => `{name: ${variable}, valueFrom: {configMapKeyRef: {name: ${name}, key: ${key}}}}`;

const missing = (set: string, kind: 'Secret' | 'ConfigMap') => {
  const { index, resources } = modelOf(set);
  return missingKeys(index, resourceNamed(resources, 'Pod', 'app'), kind);
};

describe('keys a pod reads that its Secret or ConfigMap lacks', () => {
  it('are read from each kind\'s own maps, and an env key and a volume item are told apart', () => {
    const set = [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata: {user: dQ==}\nstringData: {password: x}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\nbinaryData: {logo: AA==}\n',
      pod(`[${secretKey('A', 'db', 'password')}, ${secretKey('B', 'db', 'host')}, ${configMapKey('C', 'settings', 'logo')}, ${configMapKey('D', 'settings', 'password')}]`, '[{name: certs, secret: {secretName: db, items: [{key: user, path: u}, {key: tls.crt, path: c}]}}]'),
    ].join('---\n');
    const secret = missing(set, 'Secret');
    expect(secret.map(({ env, data, path }) => ({ env, data, path }))).toEqual([
      { env: true, data: { name: 'db', key: 'host', via: 'env B of container "app"', keys: 'its keys: "password", "user"' }, path: ['spec', 'containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef', 'key'] },
      { env: false, data: { name: 'db', key: 'tls.crt', via: 'volume "certs"', keys: 'its keys: "password", "user"' }, path: ['spec', 'volumes', 0, 'secret', 'items', 1, 'key'] },
    ]);
    expect(secret[0]!.related.map(({ path, message }) => ({ path, message }))).toEqual([{ path: ['metadata', 'name'], message: 'Secret "db" is defined here' }]);
    expect(missing(set, 'ConfigMap').map(({ data }) => data)).toEqual([{ name: 'settings', key: 'password', via: 'env D of container "app"', keys: 'its keys: "logo", "mode"' }]);
  });

  it('are none when the keys are not known here: optional, undefined, made, external, filled in by a controller, templated', () => {
    const secrets = [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: token, namespace: shop}\ntype: kubernetes.io/service-account-token\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: copy, namespace: shop, annotations: {replicator.v1.mittwald.de/replicate-from: other/copy}}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: generated, namespace: shop, annotations: {secret-generator.v1.mittwald.de/autogenerate: password}}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: templated, namespace: shop}\ndata: "placeholder"\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: plain, namespace: shop}\ndata: {a: YQ==}\n',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed, namespace: shop}\nspec: {}\n',
    ];
    const env = ['token', 'copy', 'generated', 'templated', 'sealed', 'nowhere'].map((name, i) => secretKey(`V${i}`, name, 'x'));
    expect(missing([...secrets, pod(`[${[...env, secretKey('OPT', 'plain', 'x', true)].join(', ')}]`)].join('---\n'), 'Secret')).toEqual([]);
    const { index, resources } = modelOf([...secrets, pod(`[${secretKey('EXT', 'plain', 'x')}]`)].join('---\n'), { external: (kind, _, name) => kind === 'Secret' && name === 'plain' });
    expect(missingKeys(index, resourceNamed(resources, 'Pod', 'app'), 'Secret')).toEqual([]);
    // OpenShift injects the CA bundle into a ConfigMap so annotated.
    const injected = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ca, namespace: shop, annotations: {service.beta.openshift.io/inject-cabundle: "true"}}\n';
    expect(missing([injected, pod(`[${configMapKey('CA', 'ca', 'service-ca.crt')}]`)].join('---\n'), 'ConfigMap')).toEqual([]);
  });

  it('count a key of any definition of an object defined twice, and list at most ten keys', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'x']));
    const set = [
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: shop}\ndata: ${JSON.stringify(many)}\n`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: shop}\ndata: {extra: x}\n',
      pod(`[${configMapKey('A', 'big', 'extra')}, ${configMapKey('B', 'big', 'none')}]`),
    ].join('---\n');
    const found = missing(set, 'ConfigMap');
    expect(found.map(({ data }) => data.key)).toEqual(['none']);
    expect(found[0]!.data.keys).toBe('its keys: "extra", "k00", "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", and 3 more');
    expect(found[0]!.related).toHaveLength(2);
  });
});
