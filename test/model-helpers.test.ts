import { describe, expect, it } from 'vitest';
import { append } from '../src/model/collections.js';
import { podFailure, referencesOf } from '../src/model/references.js';
import { metadataMap } from '../src/model/resource.js';
import { describePods, workloadName } from '../src/model/workload.js';
import { modelOf, resourceNamed } from './support/model.js';

describe('small model helpers', () => {
  const { resources } = modelOf(
    [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {app: solo, level: 1}, annotations: [not, a, map]}\nspec:\n  containers: [{name: c, image: "c:1", envFrom: [{configMapRef: {name: env}}]}]\n  volumes: [{name: conf, configMap: {name: conf}}]\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: c, image: "c:1"}]}}}\n',
    ].join('---\n'),
  );
  const solo = resourceNamed(resources, 'Pod', 'solo');
  const web = resourceNamed(resources, 'Deployment', 'web');

  it('read labels and annotations as written, and an empty map for what is absent or not a map', () => {
    expect(metadataMap(solo, 'labels')).toEqual({ app: 'solo', level: 1 });
    expect(metadataMap(solo, 'annotations')).toEqual({});
    expect(metadataMap(web, 'labels')).toEqual({});
  });

  it('name a workload and its pods the way messages do', () => {
    expect([workloadName(web), workloadName(solo)]).toEqual(['Deployment web', 'Pod solo']);
    expect([describePods(web), describePods(solo)]).toEqual(['the pods of this Deployment', 'this Pod']);
  });

  it('tell how a pod fails on a missing Secret or ConfigMap: a volume cannot mount, a variable stops the container', () => {
    expect(referencesOf(solo).map((reference) => [reference.via, podFailure(reference)])).toEqual([
      ['envFrom of container "c"', 'CreateContainerConfigError'],
      ['volume "conf"', 'FailedMount, stuck in ContainerCreating'],
    ]);
  });

  it('add to lists in a map, making each on first use', () => {
    const map = new Map<string, number[]>();
    append(map, 'a', 1);
    append(map, 'b', 2);
    append(map, 'a', 3);
    expect([...map]).toEqual([['a', [1, 3]], ['b', [2]]]);
  });
});
