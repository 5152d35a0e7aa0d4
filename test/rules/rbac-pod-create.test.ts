import rule from '../../rules/rbac-pod-create.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const everywhere = 'the namespaces where it is bound (every namespace, kube-system included, with a ClusterRoleBinding)';

ruleTester(rule, {
  valid: [
    { name: 'scaling and reading, evictions, another group\'s jobs, a create limited by names, full control left to rbac-wildcard', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'pods and batch kinds cluster-wide, workloads in a Role with every verb, create on everything',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'create', data: { kind: 'ClusterRole', verbs: '"create"', resources: '"pods"', where: everywhere }, severity: 'warning', ...at(7, 17, 23) },
        { messageId: 'create', data: { kind: 'ClusterRole', verbs: '"create"', resources: '"jobs", "cronjobs"', where: everywhere }, severity: 'warning', ...at(10, 17, 23) },
        { messageId: 'create', data: { kind: 'Role', verbs: '"*"', resources: '"deployments", "statefulsets"', where: 'namespace "shop"' }, severity: 'info', ...at(22, 9, 20) },
        { messageId: 'create', data: { kind: 'ClusterRole', verbs: '"create"', resources: '"*" (pods and workloads included)', where: everywhere }, severity: 'warning', ...at(33, 17, 20) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'create', data: { kind: 'ClusterRole', verbs: '"create"', resources: '"jobs"', where: everywhere }, ...at(7, 17, 23) }],
    },
  ],
});
