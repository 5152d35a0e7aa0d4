import { describe, expect, it } from 'vitest';
import { budgetedWorkloads, desiredHealthy, listWorkloads, plural, replicaCount, replicasLocation } from '../src/model/disruption.js';
import { readLabelSelector, readPlainSelector } from '../src/model/selector.js';
import { TemplateMatcher, unmatchedSelector } from '../src/model/template-matcher.js';
import { modelOf, resourceNamed } from './support/model.js';

const workload = (kind: string, name: string, labels: string, extra = '', namespace = 'shop') =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${extra}  template:\n    metadata: {labels: ${labels}}\n    spec: {containers: [{name: c, image: "c:1"}]}\n`;
const testHook = 'apiVersion: v1\nkind: Pod\nmetadata: {name: smoke, namespace: shop, annotations: {helm.sh/hook: test}}\nspec: {containers: [{name: c, image: "c:1"}]}\n';
const pod = (name: string, labels: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop, labels: ${labels}}\nspec: {containers: [{name: c, image: "c:1"}]}\n`;

const SET = [
  workload('Deployment', 'web', '{app: web, tier: front}', '  replicas: 3\n'),
  workload('StatefulSet', 'db', '{app: db}', '  replicas: 2\n'),
  workload('DaemonSet', 'agent', '{app: agent}'),
  pod('debug', '{app: debug}'),
  testHook.replace('{name: smoke,', '{name: smoke, labels: {app: smoke},'),
  'apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata: {name: orders, namespace: shop}\nspec: {}\n',
  'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: metrics, namespace: shop}\nspec: {}\n',
].join('---\n');

const names = (templates: readonly { resource: { name: string } }[]) => templates.map((template) => template.resource.name).sort();

describe('matching selectors against pod templates', () => {
  const { index } = modelOf(SET);
  const matcher = new TemplateMatcher(index);

  it('selects by template labels, and by the labels controllers put on the pods they make', () => {
    expect(names(matcher.select('shop', readPlainSelector({ app: 'web' })!))).toEqual(['web']);
    expect(names(matcher.select('shop', readPlainSelector({ 'statefulset.kubernetes.io/pod-name': 'db-1' })!))).toEqual(['db']);
    expect(names(matcher.select('shop', readPlainSelector({ 'statefulset.kubernetes.io/pod-name': 'web-1' })!))).toEqual([]);
    expect(names(matcher.select('shop', readPlainSelector({ app: 'web', 'pod-template-hash': 'abc' })!))).toEqual(['web']);
    expect(names(matcher.select('shop', readLabelSelector({ matchExpressions: [{ key: 'controller-revision-hash', operator: 'Exists' }] })!))).toEqual(['agent', 'db']);
  });

  it('leaves Helm test hooks out: a selector is never meant for them', () => {
    expect(matcher.select('shop', readPlainSelector({ app: 'smoke' })!)).toEqual([]);
  });

  it('lets pods come from elsewhere in a namespace without templates, or from an operator named by the selector', () => {
    expect(matcher.podsMadeElsewhere('empty', readPlainSelector({ app: 'web' })!)).toBe(true);
    expect(matcher.podsMadeElsewhere('shop', readPlainSelector({ 'cluster-name': 'orders' })!)).toBe(true);
    // A ServiceMonitor makes no pods, so its name explains nothing.
    expect(matcher.podsMadeElsewhere('shop', readPlainSelector({ app: 'metrics' })!)).toBe(false);
  });

  it('reports nothing for a selector that selects something or whose pods may be made elsewhere', () => {
    expect(unmatchedSelector(matcher, 'shop', readPlainSelector({ app: 'web' })!, ['spec', 'selector'], ['spec', 'selector'])).toBeUndefined();
    expect(unmatchedSelector(matcher, 'empty', readPlainSelector({ app: 'none' })!, ['spec', 'selector'], ['spec', 'selector'])).toBeUndefined();
  });

  it('puts the finding on the selector, or on the one label a template misses, pointing at that template', () => {
    expect(unmatchedSelector(matcher, 'shop', readPlainSelector({ app: 'cache' })!, ['spec', 'selector'], ['spec', 'selector'])).toEqual({
      closest: false,
      finding: { data: { selector: 'app=cache', namespace: 'shop' }, path: ['spec', 'selector'], on: 'key' },
    });
    const near = unmatchedSelector(matcher, 'shop', readPlainSelector({ app: 'web', tier: 'frontend' })!, ['spec', 'podSelector'], ['spec', 'podSelector', 'matchLabels']);
    expect(near?.closest).toBe(true);
    expect(near?.finding.data).toEqual({ selector: 'app=web, tier=frontend', namespace: 'shop', workload: 'Deployment web', actual: 'tier=front', wanted: 'tier=frontend' });
    expect(near?.finding.path).toEqual(['spec', 'podSelector', 'matchLabels', 'tier']);
    expect(near?.finding.related?.map(({ resource, path, message }) => ({ name: resource.name, path, message }))).toEqual([
      { name: 'web', path: ['spec', 'template', 'metadata', 'labels', 'tier'], message: "Deployment web's pod labels: tier=front" },
    ]);
  });
});

describe('disruption budgets', () => {
  const budget = (selector: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb, namespace: shop}\nspec:\n  minAvailable: 1\n  selector: ${selector}\n`;
  const budgeted = (selector: string) => {
    const { index, resources } = modelOf([SET, budget(selector)].join('---\n'));
    return budgetedWorkloads(new TemplateMatcher(index), index, resourceNamed(resources, 'PodDisruptionBudget', 'pdb'))?.map((resource) => resource.name);
  };

  it('cover each selected workload once, bare pods included', () => {
    expect(budgeted('{matchExpressions: [{key: app, operator: In, values: [web, db, debug]}]}')).toEqual(['web', 'db', 'debug']);
  });

  it('cover no countable pods when the selector is unreadable, selects nothing, or selects a kind without replicas', () => {
    expect(budgeted('{matchExpressions: [{key: app, operator: Near}]}')).toBeUndefined();
    expect(budgeted('{matchLabels: {app: none}}')).toBeUndefined();
    expect(budgeted('{matchExpressions: [{key: app, operator: In, values: [web, agent]}]}')).toBeUndefined();
  });

  it('keep up the pods the disruption controller does: a percentage rounded up', () => {
    expect(desiredHealthy({ percent: true, value: 50 }, 3)).toBe(2);
    expect(desiredHealthy({ percent: true, value: 34 }, 3)).toBe(2);
    expect(desiredHealthy({ percent: false, value: 2 }, 5)).toBe(2);
  });

  it('name workloads and counts for messages, and point at where a replica count is written', () => {
    const { resources } = modelOf(SET + '---\n' + workload('Deployment', 'worker', '{app: worker}'));
    const [web, db, debug, worker] = [resourceNamed(resources, 'Deployment', 'web'), resourceNamed(resources, 'StatefulSet', 'db'), resourceNamed(resources, 'Pod', 'debug'), resourceNamed(resources, 'Deployment', 'worker')];
    expect(listWorkloads([web])).toBe('Deployment web');
    expect(listWorkloads([web, db, debug])).toBe('Deployment web, StatefulSet db and Pod debug');
    expect([plural(1, 'pod'), plural(2, 'pod'), replicaCount(1, 1), replicaCount(3, 2)]).toEqual(['1 pod', '2 pods', '1 replica', '3 replicas in all']);
    expect(replicasLocation(web, 3)).toEqual({ resource: web, path: ['spec', 'replicas'], message: 'Deployment web runs 3 replicas' });
    expect(replicasLocation(worker, 1)).toEqual({ resource: worker, path: ['spec'], on: 'key', message: 'Deployment worker runs 1 replica (spec.replicas is unset)' });
    expect(replicasLocation(debug, 1)).toEqual({ resource: debug, path: ['metadata', 'name'], message: 'Pod debug is a single pod' });
  });
});
