import rule from '../../rules/configmap-key-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const envKey = (name: string, key: string, via: string, keys: string, line: number, column: number, endColumn: number) => ({ messageId: 'envKeyMissing', data: { name, key, via, keys }, ...at(line, column, endColumn) });
const volumeKey = (name: string, key: string, via: string, keys: string, line: number, column: number, endColumn: number) => ({ messageId: 'volumeKeyMissing', data: { name, key, via, keys }, ...at(line, column, endColumn) });
const WEB_KEYS = 'its keys: "LOG_LEVEL", "favicon.ico", "nginx.conf"';

/** A ConfigMap `app` with the given metadata and data (flow style), and a Pod mounting `key` from it. */
const mounted = (metadata: string, data: string, key: string) =>
  ['apiVersion: v1', 'kind: ConfigMap', `metadata: {name: app${metadata}}`, `data: {${data}}`, '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: app, image: registry.example/app:1.0.0}]', `  volumes: [{name: config, configMap: {name: app, items: [{key: ${key}, path: ${key}}]}}]`, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'keys from data and binaryData, optional keys, CA injection, ConfigMaps not defined in the set', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a ConfigMap copied by a replicator has the keys of its source', code: mounted(', annotations: {replicator.v1.mittwald.de/replicate-from: platform/app}', '', 'settings.json') },
    { name: 'a ConfigMap the configuration declares external has keys kubegate cannot know', code: mounted('', 'a: b', 'settings.json'), world: { external: (kind, _namespace, name) => kind === 'ConfigMap' && name === 'app' } },
  ],
  invalid: [
    {
      name: 'typo in an env key, volume and projected items, a ConfigMap defined twice',
      fixture: 'invalid.yaml',
      errors: [
        { ...envKey('web-config', 'log_format', 'env LOG_FORMAT of container "web"', WEB_KEYS, 36, 24, 34), related: [{ line: 4, column: 9, message: 'ConfigMap "web-config" is defined here' }] },
        volumeKey('web-config', 'robots.txt', 'volume "static"', WEB_KEYS, 46, 23, 33),
        volumeKey('web-config', 'default.conf', 'volume "conf"', WEB_KEYS, 53, 28, 40),
        { ...envKey('limits', 'retries', 'env RETRIES of container "probe"', 'its keys: "max-body", "timeout"', 86, 76, 83), related: [{ line: 60, column: 9 }, { line: 68, column: 9 }] },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [volumeKey('web-config', 'default.conf', 'volume "conf"', 'its keys: "nginx.conf"', 30, 22, 34)],
    },
    {
      name: 'a ConfigMap with empty data has no keys',
      code: mounted('', '', 'settings.json'),
      errors: [volumeKey('app', 'settings.json', 'volume "config"', 'it has no keys', 11, 65, 78)],
    },
    {
      name: 'checked in a partial run too: the ConfigMap is in hand',
      code: mounted('', 'settings.yaml: "a: b"', 'settings.json'),
      world: { complete: false },
      errors: [volumeKey('app', 'settings.json', 'volume "config"', 'its keys: "settings.yaml"', 11, 65, 78)],
    },
  ],
});
