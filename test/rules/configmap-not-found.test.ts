import rule from '../../rules/configmap-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const missing = (name: string, via: string, namespace: string, failure: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { name, via, namespace, failure }, ...at(line, column, endColumn) });
const CONFIG_ERROR = 'CreateContainerConfigError';
const MOUNT_ERROR = 'FailedMount, stuck in ContainerCreating';

/** A Pod in namespace `ns` that mounts the ConfigMap `name`. */
const pod = (ns: string, name: string) =>
  ['apiVersion: v1', 'kind: Pod', `metadata: {name: p, namespace: ${ns}}`, 'spec:', '  containers: [{name: app, image: registry.example/app:1.0.0}]', `  volumes: [{name: config, configMap: {name: ${name}}}]`, ''].join('\n');
const configMap = (name: string, namespace?: string) => ['apiVersion: v1', 'kind: ConfigMap', `metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}`, 'data: {a: b}', '---', ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'defined in the namespace, optional, put in every namespace, a trust-manager Bundle, made by a hook Job, kept in kube-system', fixture: 'valid.yaml' },
    { name: 'a partial run never says a ConfigMap is missing', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'ConfigMaps the configuration declares external',
      code: pod('shop', 'feature-flags'),
      world: { external: (kind, namespace, name) => kind === 'ConfigMap' && namespace === 'shop' && name === 'feature-flags' },
    },
    {
      name: 'made by an operator for its custom resource of the same namespace',
      code: 'apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata: {name: events, namespace: shop}\nspec: {}\n---\n' + pod('shop', 'events-kafka-config'),
    },
    { name: 'a ConfigMap written without a namespace is in the run\'s default namespace', code: configMap('app-config') + pod('shop', 'app-config'), world: { defaultNamespace: 'shop' } },
  ],
  invalid: [
    {
      name: 'init container envFrom, configMapKeyRef, volume, projected source, another namespace from a Job',
      fixture: 'invalid.yaml',
      errors: [
        missing('search-sysctl', 'envFrom of container "sysctl"', 'shop', CONFIG_ERROR, 20, 23, 36),
        missing('search-settings', 'env CLUSTER_NAME of container "search"', 'shop', CONFIG_ERROR, 28, 25, 40),
        missing('search-config', 'volume "config"', 'shop', MOUNT_ERROR, 36, 19, 32),
        missing('search-jvm', 'volume "bundle"', 'shop', MOUNT_ERROR, 43, 25, 35),
        {
          messageId: 'otherNamespace',
          data: { name: 'otel-collector', via: 'envFrom of container "reindex"', namespace: 'shop', namespaces: '"platform"', kind: 'Job' },
          ...at(67, 43, 57),
          related: [{ line: 50, column: 9, message: 'ConfigMap "otel-collector" in namespace "platform"' }],
        },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('web-settings', 'envFrom of container "web"', 'default', CONFIG_ERROR, 24, 23, 35)],
    },
    {
      name: 'defined in two other namespaces, neither the pod\'s',
      code: configMap('app-config', 'staging') + configMap('app-config', 'production') + pod('shop', 'app-config'),
      errors: [
        {
          messageId: 'otherNamespace',
          data: { name: 'app-config', via: 'volume "config"', namespace: 'shop', namespaces: '"staging", "production"', kind: 'Pod' },
          ...at(16, 46, 56),
          related: [{ line: 3, column: 18 }, { line: 8, column: 18 }],
        },
      ],
    },
    {
      name: 'the control plane\'s ConfigMaps exist only in their own namespace',
      code: pod('shop', 'extension-apiserver-authentication'),
      errors: [missing('extension-apiserver-authentication', 'volume "config"', 'shop', MOUNT_ERROR, 6, 46, 80)],
    },
  ],
});
