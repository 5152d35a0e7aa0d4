import rule from '../../rules/secret-key-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const envKey = (name: string, key: string, via: string, keys: string, line: number, column: number, endColumn: number) => ({ messageId: 'envKeyMissing', data: { name, key, via, keys }, ...at(line, column, endColumn) });
const volumeKey = (name: string, key: string, via: string, keys: string, line: number, column: number, endColumn: number) => ({ messageId: 'volumeKeyMissing', data: { name, key, via, keys }, ...at(line, column, endColumn) });

/** A Secret with `count` keys `k01`… and a Pod reading `key` from it. */
const manyKeys = (count: number, key: string) => {
  const data = Array.from({ length: count }, (_, i) => `  k${String(i + 1).padStart(2, '0')}: v`);
  return ['apiVersion: v1', 'kind: Secret', 'metadata: {name: big}', 'stringData:', ...data, '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: app', '      image: registry.example/app:1.0.0', `      env: [{name: X, valueFrom: {secretKeyRef: {name: big, key: ${key}}}}]`, ''].join('\n');
};

ruleTester(rule, {
  valid: [
    { name: 'keys from data and stringData, optional keys, token, reflected and externally written Secrets, undefined Secrets', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'every key of a Secret with many keys', code: manyKeys(12, 'k12') },
    {
      name: 'a Secret the configuration declares external has keys kubegate cannot know',
      code: manyKeys(2, 'from-vault'),
      world: { external: (kind, _namespace, name) => kind === 'Secret' && name === 'big' },
    },
  ],
  invalid: [
    {
      name: 'typo in an env key, volume and projected items, a Secret defined twice, a Secret without data',
      fixture: 'invalid.yaml',
      errors: [
        { ...envKey('api-db', 'pasword', 'env DB_PASSWORD of container "api"', 'its keys: "host", "password", "username"', 46, 24, 31), related: [{ line: 4, column: 9, message: 'Secret "api-db" is defined here' }] },
        volumeKey('api-tls', 'ca.crt', 'volume "tls"', 'its keys: "tls.crt", "tls.key"', 56, 23, 29),
        volumeKey('api-db', 'user', 'volume "db"', 'its keys: "host", "password", "username"', 63, 28, 32),
        { ...envKey('webhook', 'token', 'env TOKEN of container "notify"', 'its keys: "signing-key", "url"', 107, 80, 85), related: [{ line: 70, column: 9 }, { line: 78, column: 9 }] },
        envKey('placeholder', 'value', 'env FILLER of container "notify"', 'it has no keys', 108, 85, 90),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [envKey('db-credentials', 'db-password', 'env DB_PASSWORD of container "api"', 'its keys: "password", "username"', 28, 24, 35)],
    },
    {
      name: 'a long list of keys is cut after ten',
      code: manyKeys(12, 'k13'),
      errors: [envKey('big', 'k13', 'env X of container "app"', 'its keys: "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10", and 2 more', 25, 66, 69)],
    },
    {
      name: 'checked in a partial run too: the Secret is in hand',
      fixture: 'invalid.yaml',
      world: { complete: false },
      errors: [
        envKey('api-db', 'pasword', 'env DB_PASSWORD of container "api"', 'its keys: "host", "password", "username"', 46, 24, 31),
        volumeKey('api-tls', 'ca.crt', 'volume "tls"', 'its keys: "tls.crt", "tls.key"', 56, 23, 29),
        volumeKey('api-db', 'user', 'volume "db"', 'its keys: "host", "password", "username"', 63, 28, 32),
        envKey('webhook', 'token', 'env TOKEN of container "notify"', 'its keys: "signing-key", "url"', 107, 80, 85),
        envKey('placeholder', 'value', 'env FILLER of container "notify"', 'it has no keys', 108, 85, 90),
      ],
    },
  ],
});
