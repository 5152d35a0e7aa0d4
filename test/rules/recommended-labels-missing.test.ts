import rule from '../../rules/recommended-labels-missing.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

// The tester lints with no configuration, under which a rule off by default does not run: test it turned on.
const enabled = { ...rule, meta: { ...rule.meta, enabledByDefault: true } };

const NAME = '"app.kubernetes.io/name"';
const INSTANCE = '"app.kubernetes.io/instance"';
const missing = (kind: string, name: string, labels: string, plural: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { kind, name, labels, plural }, ...at(line, column, endColumn) });

ruleTester(enabled, {
  valid: [
    { name: 'labelled Deployment and Service, a ConfigMap, a helm test pod', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'a team\'s own set of labels',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {app.kubernetes.io/part-of: shop}}\nspec:\n  selector: {app: web}\n',
      options: { labels: ['app.kubernetes.io/part-of'] },
    },
  ],
  invalid: [
    {
      name: 'labels on the pod template only, an empty instance, a flow-style Pod, a CronJob without labels',
      fixture: 'invalid.yaml',
      errors: [
        missing('Deployment', 'shop', `${NAME} and ${INSTANCE}`, 's', 5, 3, 9),
        missing('Service', 'shop', INSTANCE, '', 22, 3, 9),
        missing('Pod', 'debug', NAME, '', 31, 25, 31),
        missing('CronJob', 'cleanup', `${NAME} and ${INSTANCE}`, 's', 39, 1, 9),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('Deployment', 'web', `${NAME} and ${INSTANCE}`, 's', 5, 3, 9)],
    },
    {
      name: 'a team\'s own set of labels',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {app.kubernetes.io/name: web}}\nspec:\n  selector: {app: web}\n',
      options: { labels: ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'] },
      errors: [missing('Service', 'web', '"app.kubernetes.io/part-of"', '', 3, 23, 29)],
    },
  ],
});
