import { describe, expect, it } from 'vitest';
import { madeAtRunTime } from '../src/model/made.js';
import { modelOf } from './support/model.js';

const job = (args: string, env = '[]') =>
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: setup, namespace: shop}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: setup, image: "setup:1", args: ${args}, env: ${env}}]\n`;
const deployment = (containers: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1", args: [--secret-name=web-serving]}]\n      initContainers: ${containers}\n`;

describe('objects made at run time', () => {
  it('are named to a Job in an argument or variable about Secrets or ConfigMaps, or in the argument after such a flag', () => {
    const made = madeAtRunTime(modelOf([job('[--secret-name=webhook-cert, --configmap, web-settings, --wait-for, mysql]', '[{name: CA_SECRET, value: ca-bundle}, {name: DB_HOST, value: postgres}]')].join('---\n')).index);
    for (const name of ['webhook-cert', 'web-settings', 'ca-bundle']) expect(made('shop', name), name).toBe(true);
    // A service the Job waits for is no object it makes.
    for (const name of ['mysql', 'postgres']) expect(made('shop', name), name).toBe(false);
  });

  it('count init containers, and well-known makers that never say the name, but not a serving container', () => {
    const made = madeAtRunTime(modelOf(deployment('[{name: init, image: "i:1", args: [--tls-secret, init-cert]}, {name: argocd, image: "a:1", args: [argocd, admin, redis-initial-password]}]')).index);
    expect(made('shop', 'init-cert')).toBe(true);
    expect(made('shop', 'argocd-redis')).toBe(true);
    expect(made('shop', 'web-serving')).toBe(false);
  });

  it('are named after an operator\'s custom resource of the same namespace, by whole words of the name', () => {
    const made = madeAtRunTime(
      modelOf(
        [
          'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: orders, namespace: shop}\nspec: {}\n',
          'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: main, namespace: shop}\nspec: {}\n',
        ].join('---\n'),
      ).index,
    );
    expect(made('shop', 'orders-app')).toBe(true);
    expect(made('shop', 'app.orders.credentials')).toBe(true);
    expect(made('billing', 'orders-app')).toBe(false);
    expect(made('shop', 'ordersapp')).toBe(false);
    // The Prometheus operator's group makes nothing named after its resources.
    expect(made('shop', 'main-config')).toBe(false);
  });
});
