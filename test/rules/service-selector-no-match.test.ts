import rule from '../../rules/service-selector-no-match.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const closest = (selector: string, workload: string, actual: string, wanted: string, line: number, column: number, endColumn: number, related: [number, number]) => ({
  messageId: 'closest',
  data: { selector, namespace: 'default', workload, actual, wanted },
  ...at(line, column, endColumn),
  related: [{ line: related[0], column: related[1] }],
});
const service = (name: string, selector: string, namespace?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\nspec:\n  selector: ${selector}\n  ports: [{port: 80}]\n`;
const deployment = (name: string, labels: string, namespace?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\nspec:\n  selector:\n    matchLabels: ${labels}\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers: [{name: app, image: "registry.example/app:1.0.0"}]\n`;
const noMatch = (selector: string, namespace: string, line: number, column: number, endColumn: number) => ({ messageId: 'noMatch', data: { selector, namespace }, ...at(line, column, endColumn) });

ruleTester(rule, {
  valid: [
    { name: 'matching labels (numbers as strings), default namespace, no selector, ExternalName, Knative, per-pod Services, operator pods, a namespace without workloads', fixture: 'valid.yaml' },
    { name: 'a partial run never says a selector matches nothing', fixture: 'invalid.yaml', world: { complete: false } },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'the run\'s default namespace holds objects written without one',
      code: [service('cart', '{app: cart}', 'shop'), deployment('cart', '{app: cart}')].join('---\n'),
      world: { defaultNamespace: 'shop' },
    },
    {
      name: 'the Job-name label a Job controller sets selects the pods of that CronJob\'s Jobs',
      code: [
        service('report', '{batch.kubernetes.io/job-name: report-28470000}'),
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: report, image: "registry.example/report:1.0.0"}]\n',
      ].join('---\n'),
    },
  ],
  invalid: [
    {
      name: 'renamed tier, pods in another namespace, missing label, misspelt value, per-pod Service of no StatefulSet, only a Helm test pod',
      fixture: 'invalid.yaml',
      errors: [
        closest('app=web, tier=frontend', 'Deployment web', 'tier=front-end', 'tier=frontend', 8, 11, 19, [24, 15]),
        noMatch('app=api', 'shop', 37, 3, 11),
        closest('app=cache, component=redis', 'StatefulSet cache', 'no "component" label', 'component=redis', 81, 37, 42, [95, 15]),
        closest('app=checkout', 'Deployment checkout', 'app=checkuot', 'app=checkout', 108, 10, 18, [121, 21]),
        noMatch('statefulset.kubernetes.io/pod-name=broker-0', 'default', 133, 3, 11),
        noMatch('app=smoke', 'default', 144, 3, 11),
      ],
    },
    {
      name: 'a single label with an unrelated value is no misspelling to point at',
      code: [service('cart', '{app: cart}'), deployment('orders', '{app: orders}')].join('---\n'),
      errors: [noMatch('app=cart', 'default', 5, 3, 11)],
    },
    {
      name: 'two templates each missing one label make no unambiguous hint',
      code: [service('shop', '{app: shop, tier: web}'), deployment('shop-api', '{app: shop, tier: api}'), deployment('shop-worker', '{app: shop, tier: worker}')].join('---\n'),
      errors: [noMatch('app=shop, tier=web', 'default', 5, 3, 11)],
    },
    {
      name: 'among several near misses, the value most like the wanted one is the hint',
      code: [service('shop', '{app: shop, tier: frontend}'), deployment('shop-api', '{app: shop, tier: api}'), deployment('shop-web', '{app: shop, tier: front-end}')].join('---\n'),
      errors: [
        { messageId: 'closest', data: { selector: 'app=shop, tier=frontend', namespace: 'default', workload: 'Deployment shop-web', actual: 'tier=front-end', wanted: 'tier=frontend' }, ...at(5, 31, 39), related: [{ line: 28, column: 33 }] },
      ],
    },
    {
      name: 'the run\'s default namespace is where objects written without one are',
      code: [service('cart', '{app: cart}', 'shop'), deployment('cart', '{app: cart}'), deployment('worker', '{app: worker}', 'shop')].join('---\n'),
      world: { defaultNamespace: 'billing' },
      errors: [noMatch('app=cart', 'shop', 5, 3, 11)],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [closest('app=web, tier=frontend', 'Deployment web', 'tier=front-end', 'tier=frontend', 8, 11, 19, [21, 32])],
    },
  ],
});
