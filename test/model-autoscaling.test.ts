import { describe, expect, it } from 'vitest';
import { autoscalerName, autoscalersOf, minimumLocation, replicasOf, scaleTargetsOf } from '../src/model/autoscaling.js';
import { modelOf, resourceNamed } from './support/model.js';

const deployment = (name: string, apiVersion = 'apps/v1', replicas = '') =>
  `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${replicas}  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "c:1"}]}\n`;
const hpa = (name: string, target: string, apiVersion = 'apps/v1', min = '') =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: ${apiVersion}, kind: Deployment, name: ${target}}\n${min}  maxReplicas: 10\n`;
const scaledObject = (name: string, target: string, min = '') =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  scaleTargetRef: {name: ${target}}\n${min}  triggers: []\n`;

describe('replica counts', () => {
  it('are spec.replicas, 1 when unset, and unknown when not a count', () => {
    const { resources } = modelOf([deployment('a', 'apps/v1', '  replicas: 3\n'), deployment('b'), deployment('c', 'apps/v1', '  replicas: "3"\n'), deployment('d', 'apps/v1', '  replicas: -1\n')].join('---\n'));
    expect(['a', 'b', 'c', 'd'].map((name) => replicasOf(resourceNamed(resources, 'Deployment', name)))).toEqual([3, 1, undefined, undefined]);
  });
});

describe('autoscalers', () => {
  const SET = [
    deployment('web'),
    deployment('api'),
    deployment('old', 'extensions/v1beta1'),
    hpa('web', 'web', 'apps/v1', '  minReplicas: 3\n'),
    hpa('api', 'api'),
    hpa('old', 'old', 'apps/v1', '  minReplicas: two\n'),
    scaledObject('api-keda', 'api', '  minReplicaCount: 0\n'),
    scaledObject('web-keda', 'web'),
  ].join('---\n');
  const { index, resources } = modelOf(SET);
  const of = (name: string) => autoscalersOf(index, resourceNamed(resources, 'Deployment', name));

  it('are the HPAs and KEDA ScaledObjects that target a workload, under either group that serves it', () => {
    expect(of('web').map(autoscalerName)).toEqual(['HorizontalPodAutoscaler web', 'ScaledObject web-keda']);
    expect(of('api').map(autoscalerName)).toEqual(['HorizontalPodAutoscaler api', 'ScaledObject api-keda']);
    // Named through apps/v1, written as extensions/v1beta1: the API server serves one object under both.
    expect(of('old').map(autoscalerName)).toEqual(['HorizontalPodAutoscaler old']);
  });

  it('keep a minimum: written, defaulted to 1, unknown when not a count; KEDA keeps 1 while active', () => {
    expect(of('web').map(({ minReplicas, minText, explicitMin }) => ({ minReplicas, minText, explicitMin }))).toEqual([
      { minReplicas: 3, minText: 'minReplicas 3', explicitMin: true },
      { minReplicas: 1, minText: 'minReplicaCount 0 (the default; 1 replica while active)', explicitMin: false },
    ]);
    expect(of('api').map(({ minReplicas, minText }) => ({ minReplicas, minText }))).toEqual([
      { minReplicas: 1, minText: 'minReplicas 1 (the default)' },
      { minReplicas: 1, minText: 'minReplicaCount 0 (1 replica while active)' },
    ]);
    expect(of('old')[0]!.minReplicas).toBeUndefined();
  });

  it('point at the minimum where it is written, at the scale target where it is defaulted', () => {
    const [written, defaulted] = of('web');
    expect(minimumLocation(written!)).toEqual({ resource: written!.resource, path: ['spec', 'minReplicas'], message: 'HorizontalPodAutoscaler web: minReplicas 3' });
    expect(minimumLocation(defaulted!)).toEqual({ resource: defaulted!.resource, path: ['spec', 'scaleTargetRef'], on: 'key', message: 'ScaledObject web-keda: minReplicaCount 0 (the default; 1 replica while active)' });
  });

  it('name the workloads they scale, in their own namespace', () => {
    const targets = (name: string) => scaleTargetsOf(index, resourceNamed(resources, 'HorizontalPodAutoscaler', name)).map((resource) => `${resource.apiVersion} ${resource.name}`);
    expect(targets('web')).toEqual(['apps/v1 web']);
    expect(targets('old')).toEqual(['extensions/v1beta1 old']);
    const elsewhere = modelOf([deployment('web').replace('namespace: shop', 'namespace: other'), hpa('web', 'web')].join('---\n'));
    expect(scaleTargetsOf(elsewhere.index, resourceNamed(elsewhere.resources, 'HorizontalPodAutoscaler', 'web'))).toEqual([]);
  });
});
