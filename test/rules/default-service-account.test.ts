import rule from '../../rules/default-service-account.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const shopBinding = 'RoleBinding "config-reader" (Role "config-reader")';

ruleTester(rule, {
  valid: [
    { name: 'an account of its own, no token, an unbound namespace, a group binding, a default account that opts out', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'by omission, by name on a CronJob, the deprecated field on a bare Pod, through a ClusterRoleBinding',
      fixture: 'invalid.yaml',
      errors: [
        {
          messageId: 'boundDefault',
          data: { pods: 'the pods of this Deployment', namespace: 'shop', bindings: shopBinding },
          severity: 'warning',
          related: [{ line: 12, column: 5, message: 'RoleBinding "config-reader" binds ServiceAccount "shop/default"' }],
          ...at(26, 5, 9),
        },
        { messageId: 'boundDefault', data: { pods: 'the pods of this CronJob', namespace: 'shop', bindings: shopBinding }, related: [{ line: 12, column: 5 }], ...at(42, 31, 38) },
        {
          messageId: 'boundDefault',
          data: { pods: 'this Pod', namespace: 'batch', bindings: 'ClusterRoleBinding "batch-default-view" (ClusterRole "view")' },
          related: [{ line: 57, column: 5, message: 'ClusterRoleBinding "batch-default-view" binds ServiceAccount "batch/default"' }],
          ...at(68, 19, 26),
        },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'boundDefault', data: { pods: 'the pods of this Deployment', namespace: 'default', bindings: 'RoleBinding "web-config-reader" (Role "config-reader")' }, ...at(23, 5, 9) }],
    },
    {
      name: 'reportEveryUse reports a workload on an unbound default account, one severity lower, but not one without a token',
      fixture: 'valid.yaml',
      options: { reportEveryUse: true },
      errors: [{ messageId: 'usesDefault', data: { pods: 'the pods of this Deployment', namespace: 'staging' }, severity: 'info', ...at(63, 5, 9) }],
    },
  ],
});
