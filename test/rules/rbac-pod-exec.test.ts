import rule from '../../rules/rbac-pod-exec.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const anywhere = 'any pod of the namespaces where it is bound (all of them with a ClusterRoleBinding)';

ruleTester(rule, {
  valid: [
    { name: 'pods without their exec subresources, another group, verbs that do not connect, full control left to rbac-wildcard, the built-in admin role', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'exec and attach cluster-wide, get on everything, every verb on */exec, attach on a named pod',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'exec', data: { kind: 'ClusterRole', verbs: '"get", "create"', resources: '"pods/exec", "pods/attach"', pods: anywhere }, severity: 'warning', ...at(7, 25, 36) },
        { messageId: 'getOnly', data: { kind: 'ClusterRole', resources: '"*" (which includes pods/exec and pods/attach)', pods: anywhere }, severity: 'info', ...at(17, 17, 20) },
        { messageId: 'exec', data: { kind: 'Role', verbs: '"*"', resources: '"*/exec" (which includes pods/exec)', pods: 'any pod of namespace "db"' }, severity: 'warning', ...at(27, 17, 25) },
        { messageId: 'exec', data: { kind: 'Role', verbs: '"create"', resources: '"pods/attach"', pods: 'the pods named "postgres-0" in namespace "db"' }, severity: 'info', ...at(39, 9, 20) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'exec', data: { kind: 'Role', verbs: '"get", "create"', resources: '"pods/exec"', pods: 'any pod of namespace "shop"' }, ...at(8, 25, 36) }],
    },
  ],
});
