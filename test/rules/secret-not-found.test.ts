import rule from '../../rules/secret-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const missing = (name: string, via: string, namespace: string, failure: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { name, via, namespace, failure }, ...at(line, column, endColumn) });
const CONFIG_ERROR = 'CreateContainerConfigError';
const MOUNT_ERROR = 'FailedMount, stuck in ContainerCreating';

/** A Pod in namespace `ns` whose container has the given lines (indented for the container), and extra pod-spec lines. */
const pod = (ns: string, container: string[], spec: string[] = []) =>
  ['apiVersion: v1', 'kind: Pod', `metadata: {name: p, namespace: ${ns}}`, 'spec:', '  containers:', '    - name: app', '      image: registry.example/app:1.0.0', ...container, ...spec, ''].join('\n');
const ingress = (secretName: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls: [{secretName: ${secretName}}]\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n`;
/** A Job in namespace shop whose container has the given lines. */
const job = (container: string[]) =>
  ['apiVersion: batch/v1', 'kind: Job', 'metadata: {name: setup, namespace: shop}', 'spec:', '  template:', '    spec:', '      restartPolicy: Never', '      containers:', '        - name: setup', '          image: registry.example/setup:1.0.0', ...container.map((line) => `    ${line}`), ''].join('\n');
const envFromSecret = (name: string) => [`      envFrom: [{secretRef: {name: ${name}}}]`];

ruleTester(rule, {
  valid: [
    { name: 'defined in the namespace, optional, made by ExternalSecret, SealedSecret, Certificate, CloudNativePG, ingress-shim, a hook Job; generated ServiceAccount Secrets', fixture: 'valid.yaml' },
    { name: 'a partial run never says a Secret is missing', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'Secrets the configuration declares external',
      code: pod('shop', envFromSecret('vault-env'), ['  imagePullSecrets: [{name: regcred}]']),
      world: { external: (kind, namespace, name) => kind === 'Secret' && namespace === 'shop' && (name === 'vault-env' || name === 'regcred') },
    },
    {
      name: 'a Secret written without a namespace is in the run\'s default namespace',
      code: ['apiVersion: v1', 'kind: Secret', 'metadata: {name: app-env}', 'stringData: {A: b}', '---', pod('shop', envFromSecret('app-env'))].join('\n'),
      world: { defaultNamespace: 'shop' },
    },
    {
      name: 'Argo CD\'s redis init container makes argocd-redis without naming it',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: argocd-redis}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '        - {name: secret-init, image: quay.io/argoproj/argocd:v2.14.2, command: [argocd, admin, redis-initial-password]}',
        '      containers:',
        '        - name: redis',
        '          image: redis:7.0.15',
        '          env:',
        '            - {name: REDIS_PASSWORD, valueFrom: {secretKeyRef: {name: argocd-redis, key: auth}}}',
        '',
      ].join('\n'),
    },
    {
      name: 'a Job told to make the Secret in a separate flag value, or in a variable named for it',
      code: [job(['      args: [create, --secret-name, app-tls]']), job(['      env: [{name: SECRET_NAME, value: app-env}]']), pod('shop', envFromSecret('app-env'), ['  volumes: [{name: tls, secret: {secretName: app-tls}}]'])].join('---\n'),
    },
    {
      name: 'a TLS Secret of another namespace, in the namespace/name form Contour accepts',
      code: ['apiVersion: v1', 'kind: Secret', 'metadata: {name: wildcard, namespace: certs}', 'type: kubernetes.io/tls', 'data: {tls.crt: LS0t, tls.key: LS0t}', '---', ingress('certs/wildcard')].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'env, envFrom, volume, projected and pull secrets, another namespace, CronJob, Ingress TLS, ServiceAccount',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'pullSecretMissing', data: { name: 'regcred', namespace: 'shop' }, ...at(15, 17, 24) },
        missing('api-db', 'env DB_PASSWORD of container "api"', 'shop', CONFIG_ERROR, 23, 25, 31),
        missing('api-env', 'envFrom of container "api"', 'shop', CONFIG_ERROR, 30, 23, 30),
        missing('api-tls', 'volume "tls"', 'shop', MOUNT_ERROR, 34, 25, 32),
        missing('api-extra', 'volume "bundle"', 'shop', MOUNT_ERROR, 40, 25, 34),
        {
          messageId: 'otherNamespace',
          data: { name: 'payments-db', via: 'env DB_PASSWORD of container "report"', namespace: 'shop', namespaces: '"billing"', kind: 'CronJob' },
          ...at(69, 42, 53),
          related: [{ line: 46, column: 9, message: 'Secret "payments-db" in namespace "billing"' }],
        },
        { messageId: 'tlsSecretMissing', data: { name: 'web-tls', namespace: 'shop', hosts: '"shop.example.com", "www.shop.example.com"' }, ...at(80, 19, 26) },
        { messageId: 'serviceAccountPullSecretMissing', data: { name: 'builder-pull', namespace: 'shop', serviceAccount: 'builder' }, ...at(96, 11, 23) },
        { messageId: 'serviceAccountSecretMissing', data: { name: 'builder-ssh', namespace: 'shop', serviceAccount: 'builder' }, ...at(98, 11, 22) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('db-credentials', 'env DB_PASSWORD of container "api"', 'default', CONFIG_ERROR, 26, 25, 39)],
    },
    {
      name: 'without a default namespace set, a Secret written without one is in "default", not in the pod\'s',
      code: ['apiVersion: v1', 'kind: Secret', 'metadata: {name: app-env}', 'stringData: {A: b}', '---', pod('shop', envFromSecret('app-env'))].join('\n'),
      errors: [
        {
          messageId: 'otherNamespace',
          data: { name: 'app-env', via: 'envFrom of container "app"', namespace: 'shop', namespaces: '"default"', kind: 'Pod' },
          ...at(13, 36, 43),
          related: [{ line: 3, column: 18 }],
        },
      ],
    },
    {
      name: 'a long-running container that names a Secret in its arguments does not make it',
      code: pod('shop', ['      args: [--tls-secret=app-tls]'], ['  volumes: [{name: tls, secret: {secretName: app-tls}}]']),
      errors: [missing('app-tls', 'volume "tls"', 'shop', MOUNT_ERROR, 9, 46, 53)],
    },
    {
      name: 'a Job that only waits for a service of the Secret\'s name does not make it',
      code: [job(['      command: [sh, -c, "until nc -z mysql 3306; do sleep 2; done"]']), pod('shop', envFromSecret('mysql'))].join('---\n'),
      errors: [missing('mysql', 'envFrom of container "app"', 'shop', CONFIG_ERROR, 20, 36, 41)],
    },
    {
      name: 'a custom resource of a group that makes no Secrets does not stand for one named after it',
      code: ['apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: app, namespace: shop}', 'spec: {selector: {}}', '---', pod('shop', envFromSecret('app-env'))].join('\n'),
      errors: [missing('app-env', 'envFrom of container "app"', 'shop', CONFIG_ERROR, 13, 36, 43)],
    },
    {
      name: 'an operator\'s resource in another namespace does not make the Secret here',
      code: ['apiVersion: postgresql.cnpg.io/v1', 'kind: Cluster', 'metadata: {name: pg, namespace: data}', 'spec: {instances: 1}', '---', pod('shop', envFromSecret('pg-app'))].join('\n'),
      errors: [missing('pg-app', 'envFrom of container "app"', 'shop', CONFIG_ERROR, 13, 36, 42)],
    },
    {
      name: 'an Ingress TLS entry without hosts',
      code: ingress('web-tls'),
      errors: [{ messageId: 'tlsSecretMissing', data: { name: 'web-tls', namespace: 'default', hosts: 'the hosts of this Ingress' }, ...at(5, 22, 29) }],
    },
    {
      name: 'a namespace/name TLS Secret is looked up in that namespace',
      code: ingress('certs/wildcard'),
      errors: [{ messageId: 'tlsSecretMissing', data: { name: 'wildcard', namespace: 'certs', hosts: 'the hosts of this Ingress' }, ...at(5, 22, 36) }],
    },
  ],
});
