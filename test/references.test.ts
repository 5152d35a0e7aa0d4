import { describe, expect, it } from 'vitest';
import { ingressBackends, producedSecrets, referencesOf, type Reference } from '../src/model/references.js';
import type { Resource } from '../src/model/resource.js';
import { modelOf as model } from './support/model.js';

const only = (text: string): Resource => {
  const { resources } = model(text);
  expect(resources).toHaveLength(1);
  return resources[0]!;
};
/** What a reference says, without the resource it comes from. */
const shape = ({ target, name, namespace, path, keys, optional, via }: Reference) => ({ target, name, namespace, path, keys, optional, via });

describe('references of a pod template', () => {
  const deployment = only(`apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      serviceAccount: legacy
      serviceAccountName: api
      priorityClassName: high
      imagePullSecrets: [{name: regcred}, {name: ""}, {}]
      initContainers:
        - name: migrate
          image: api:1
          envFrom: [{configMapRef: {name: migrate-env, optional: true}}, {secretRef: {name: migrate-secrets}}]
      containers:
        - name: api
          image: api:1
          env:
            - {name: PLAIN, value: x}
            - {name: DB, valueFrom: {secretKeyRef: {name: db, key: password}}}
            - {name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode, optional: true}}}
            - {name: NO_KEY, valueFrom: {secretKeyRef: {name: db}}}
            - {name: FIELD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - image: sidecar:1
          env: [{valueFrom: {secretKeyRef: {name: sidecar, key: token}}}]
      volumes:
        - name: tls
          secret: {secretName: api-tls, optional: true, items: [{key: tls.crt, path: a}, {path: no-key}]}
        - name: conf
          configMap: {name: api-conf, items: [{key: app.yaml, path: app.yaml}]}
        - name: data
          persistentVolumeClaim: {claimName: api-data}
        - name: bundle
          projected:
            sources:
              - secret: {name: bundle-secret, items: [{key: a, path: a}]}
              - configMap: {name: bundle-config, optional: true}
              - serviceAccountToken: {path: token}
        - name: scratch
          emptyDir: {}
`);
  const found = referencesOf(deployment).map(shape);
  const pod = ['spec', 'template', 'spec'];

  it('finds env, envFrom, volumes, projected sources, pull secrets, the service account and the priority class, each at the name it names', () => {
    expect(found.map((reference) => `${reference.target} ${reference.name}`)).toEqual([
      'ConfigMap migrate-env',
      'Secret migrate-secrets',
      'Secret db',
      'ConfigMap settings',
      'Secret db',
      'Secret sidecar',
      'Secret api-tls',
      'ConfigMap api-conf',
      'PersistentVolumeClaim api-data',
      'Secret bundle-secret',
      'ConfigMap bundle-config',
      'Secret regcred',
      'ServiceAccount api',
      'scheduling.k8s.io/PriorityClass high',
    ]);
  });

  it('keeps the keys a reference needs, with their paths, and whether it is optional', () => {
    expect(found[2]).toEqual({
      target: 'Secret',
      name: 'db',
      namespace: 'shop',
      path: [...pod, 'containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef', 'name'],
      keys: [{ key: 'password', path: [...pod, 'containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef', 'key'] }],
      optional: false,
      via: 'env DB of container "api"',
    });
    expect(found[3]).toMatchObject({ optional: true, keys: [{ key: 'mode' }] });
    expect(found[4]!.keys).toEqual([]);
    expect(found[6]).toMatchObject({
      path: [...pod, 'volumes', 0, 'secret', 'secretName'],
      keys: [{ key: 'tls.crt', path: [...pod, 'volumes', 0, 'secret', 'items', 0, 'key'] }],
      optional: true,
      via: 'volume "tls"',
    });
    expect(found[9]).toMatchObject({ path: [...pod, 'volumes', 3, 'projected', 'sources', 0, 'secret', 'name'], keys: [{ key: 'a', path: [...pod, 'volumes', 3, 'projected', 'sources', 0, 'secret', 'items', 0, 'key'] }], via: 'volume "bundle"' });
    expect(found[0]).toMatchObject({ optional: true, via: 'envFrom of container "migrate"', path: [...pod, 'initContainers', 0, 'envFrom', 0, 'configMapRef', 'name'] });
  });

  it('names unnamed variables and containers by their position', () => {
    expect(found[5]!.via).toBe('env #0 of container "#1"');
  });

  it('prefers serviceAccountName over the deprecated serviceAccount, and leaves cluster-scoped targets without a namespace', () => {
    expect(found[12]).toMatchObject({ target: 'ServiceAccount', name: 'api', path: [...pod, 'serviceAccountName'] });
    expect(found[13]).toMatchObject({ namespace: undefined, path: [...pod, 'priorityClassName'] });
    const legacy = only('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccount: legacy\n  containers: [{name: c, image: "c:1"}]\n');
    expect(referencesOf(legacy).map(shape)).toEqual([{ target: 'ServiceAccount', name: 'legacy', namespace: undefined, path: ['spec', 'serviceAccount'], keys: [], optional: false, via: 'serviceAccount' }]);
  });

  it('reads the credentials Secret of in-tree and CSI volume plugins', () => {
    const pod = only(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: "c:1"}]
  volumes:
    - {name: share, azureFile: {secretName: azure-secret, shareName: s}}
    - {name: vault, csi: {driver: secrets-store.csi.k8s.io, nodePublishSecretRef: {name: store-creds}}}
    - {name: ceph, cephfs: {monitors: [m], secretRef: {name: ceph-secret}}}
    - {name: plain, csi: {driver: x}}
`);
    expect(referencesOf(pod).map((reference) => [reference.name, reference.path.join('.')])).toEqual([
      ['azure-secret', 'spec.volumes.0.azureFile.secretName'],
      ['store-creds', 'spec.volumes.1.csi.nodePublishSecretRef.name'],
      ['ceph-secret', 'spec.volumes.2.cephfs.secretRef.name'],
    ]);
  });

  it('reads the pod spec of a CronJob at its depth', () => {
    const cronJob = only('apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: "c:1", envFrom: [{secretRef: {name: s}}]}]\n');
    expect(referencesOf(cronJob).map((reference) => reference.path)).toEqual([['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'envFrom', 0, 'secretRef', 'name']]);
  });
});

describe('references of other kinds', () => {
  it('Ingress TLS Secrets and backends in both API shapes', () => {
    const v1 = only(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: [{secretName: web-tls}, {hosts: [a.example.com]}]
  defaultBackend: {service: {name: fallback, port: {name: http}}}
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - {path: /r, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: static}}}
`);
    expect(referencesOf(v1).map((reference) => [reference.target, reference.name, reference.via, reference.path.join('.')])).toEqual([
      ['Secret', 'web-tls', 'tls', 'spec.tls.0.secretName'],
      ['Service', 'fallback', 'backend', 'spec.defaultBackend.service.name'],
      ['Service', 'web', 'backend', 'spec.rules.0.http.paths.0.backend.service.name'],
    ]);
    expect(ingressBackends(v1.object).map((backend) => [backend.service, backend.port, backend.portPath.join('.')])).toEqual([
      ['fallback', 'http', 'spec.defaultBackend.service.port.name'],
      ['web', 80, 'spec.rules.0.http.paths.0.backend.service.port.number'],
    ]);
    const v1beta1 = only('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  backend: {serviceName: web, servicePort: http}\n  tls: [{secretName: old-tls}]\n');
    expect(referencesOf(v1beta1).map((reference) => `${reference.target} ${reference.name}`)).toEqual(['Secret old-tls', 'Service web']);
    expect(ingressBackends(v1beta1.object)).toEqual([{ service: 'web', port: 'http', path: ['spec', 'backend', 'serviceName'], portPath: ['spec', 'backend', 'servicePort'] }]);
  });

  it('ServiceAccount pull secrets and secrets, StatefulSet service, HPA target by its group', () => {
    const serviceAccount = only('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: ci}\nimagePullSecrets: [{name: pull}]\nsecrets: [{name: token}]\n');
    expect(referencesOf(serviceAccount).map((reference) => [reference.name, reference.namespace, reference.via, reference.path.join('.')])).toEqual([
      ['pull', 'ci', 'imagePullSecrets', 'imagePullSecrets.0.name'],
      ['token', 'ci', 'secrets', 'secrets.0.name'],
    ]);
    const statefulSet = only('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db-headless\n  template: {spec: {containers: [{name: c, image: "c:1"}]}}\n');
    expect(referencesOf(statefulSet).map((reference) => `${reference.target} ${reference.name}`)).toEqual(['Service db-headless']);
    const hpa = only('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}\n');
    expect(referencesOf(hpa).map((reference) => `${reference.target} ${reference.name}`)).toEqual(['argoproj.io/Rollout web']);
  });

  it('skips names that are empty or not strings', () => {
    const pod = only('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1", envFrom: [{secretRef: {name: ""}}, {configMapRef: {name: 42}}, {secretRef: {}}]}]\n');
    expect(referencesOf(pod)).toEqual([]);
  });
});

describe('Secrets other objects make', () => {
  const made = (text: string) => producedSecrets(only(text)).map((secret) => `${secret.namespace ?? '-'}/${secret.name}`);

  it('names the Secret each controller writes', () => {
    expect(made('apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es, namespace: a}\nspec: {target: {name: db}}\n')).toEqual(['a/db']);
    expect(made('apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es}\nspec: {target: {}}\n')).toEqual(['-/es']);
    expect(made('apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed}\nspec: {template: {metadata: {name: renamed}}}\n')).toEqual(['-/renamed']);
    expect(made('apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {secretName: c-tls}\n')).toEqual(['-/c-tls']);
    expect(made('apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {}\n')).toEqual([]);
    expect(made('apiVersion: secrets.hashicorp.com/v1beta1\nkind: VaultStaticSecret\nmetadata: {name: v}\nspec: {destination: {name: from-vault}}\n')).toEqual(['-/from-vault']);
    expect(made('apiVersion: onepassword.com/v1\nkind: OnePasswordItem\nmetadata: {name: op}\nspec: {itemPath: vaults/x/items/y}\n')).toEqual(['-/op']);
    expect(made('apiVersion: v1\nkind: Secret\nmetadata: {name: plain}\n')).toEqual([]);
  });
});

describe('the index over references', () => {
  const SET = [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1", envFrom: [{secretRef: {name: env}}]}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: shop}\nspec:\n  containers: [{name: c, image: "c:1", envFrom: [{secretRef: {name: env}}]}]\n',
    'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: env}\nspec: {}\n',
  ].join('---\n');

  it('looks a reference up in the effective namespace of the object that makes it', () => {
    const { index } = model(SET);
    expect(index.referencesTo('Secret', 'default', 'env').map((reference) => reference.from.name)).toEqual(['p']);
    expect(index.referencesTo('Secret', undefined, 'env').map((reference) => reference.from.name)).toEqual(['p']);
    expect(index.referencesTo('Secret', 'shop', 'env').map((reference) => reference.from.name)).toEqual(['q']);
    const inShop = model(SET, { defaultNamespace: 'shop' }).index;
    expect(inShop.referencesTo('Secret', 'shop', 'env').map((reference) => reference.from.name)).toEqual(['p', 'q']);
  });

  it('gives each resource its own references, and all of them once', () => {
    const { index, resources } = model(SET);
    expect(index.references()).toHaveLength(2);
    expect(index.referencesFrom(resources[0]!).map(shape)).toEqual(referencesOf(resources[0]!).map(shape));
    expect(index.referencesFrom(resources[2]!)).toEqual([]);
  });

  it('places a made Secret in the namespace of its maker, written or default', () => {
    const { index } = model(SET);
    expect(index.exists('Secret', 'default', 'env')).toBe(true);
    expect(index.exists('Secret', 'shop', 'env')).toBe(false);
    expect(model(SET, { defaultNamespace: 'shop' }).index.exists('Secret', 'shop', 'env')).toBe(true);
  });

  it('asks about external objects with the effective namespace, and never calls a ConfigMap made', () => {
    const asked: string[] = [];
    const { index } = model(SET, { external: (kind, namespace, name) => (asked.push(`${kind} ${namespace} ${name}`), false) });
    expect(index.presence('ConfigMap', undefined, 'env')).toEqual({ defined: [], producedBy: [], external: false });
    expect(index.exists('scheduling.k8s.io/PriorityClass', 'shop', 'high')).toBe(false);
    expect(asked).toEqual(['ConfigMap default env', 'scheduling.k8s.io/PriorityClass undefined high']);
  });
});

describe('mentions', () => {
  const { index } = model(
    [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: basic-auth}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: db.credentials}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s3}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: ab}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flags}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unused, annotations: {note: keep}}\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: flags\n  labels: {secret: unused}\n  annotations: {nginx.ingress.kubernetes.io/auth-secret: default/basic-auth}\nspec: {}\n',
      'apiVersion: example.com/v1\nkind: Backup\nmetadata: {name: b}\nspec:\n  target: {url: "gs://bucket?creds=db.credentials"}\n  nested: [[{deep: [x, ab]}]]\n  storage: s3x\n',
    ].join('---\n'),
  );

  const mentioned = (name: string) => index.isMentioned([...index.ofKind('Secret'), ...index.ofKind('ConfigMap')].find((resource) => resource.name === name)!);

  it('finds names as whole words of other objects\' strings and annotations, dots included', () => {
    expect(mentioned('basic-auth')).toBe(true);
    expect(mentioned('db.credentials')).toBe(true);
    expect(mentioned('ab')).toBe(true);
  });

  it('does not count parts of words, object names or labels', () => {
    expect(mentioned('s3')).toBe(false);
    expect(mentioned('flags')).toBe(false);
    expect(mentioned('unused')).toBe(false);
  });
});
