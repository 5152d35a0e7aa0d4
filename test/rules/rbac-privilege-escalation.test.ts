import rule from '../../rules/rbac-privilege-escalation.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const quoted = (line: number, column: number, verb: string) => at(line, column, column + verb.length + 2);

ruleTester(rule, {
  valid: [
    {
      name: 'creating roles and bindings without bind or escalate, another group\'s roles, what a Role cannot grant, full control left to rbac-wildcard, a built-in role, bind on named roles',
      fixture: 'valid.yaml',
    },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'escalate and bind, impersonation, every verb on RBAC, what a Role can grant, named identities and an escalated named role',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'escalate', data: { kind: 'ClusterRole', resources: '"clusterroles"' }, severity: 'error', ...quoted(8, 30, 'escalate') },
        { messageId: 'bind', data: { kind: 'ClusterRole', resources: '"clusterroles"' }, severity: 'error', ...quoted(8, 42, 'bind') },
        { messageId: 'impersonate', data: { kind: 'ClusterRole', resources: '"users", "groups", "serviceaccounts"', whom: 'any of them' }, severity: 'error', ...quoted(17, 13, 'impersonate') },
        { messageId: 'anyVerb', data: { kind: 'ClusterRole', resources: '"roles", "clusterroles"', powers: '"escalate", "bind"' }, severity: 'error', ...quoted(26, 13, '*') },
        { messageId: 'bind', data: { kind: 'Role', resources: '"clusterroles"' }, severity: 'warning', ...at(40, 9, 13) },
        { messageId: 'impersonate', data: { kind: 'Role', resources: '"serviceaccounts"', whom: 'any of them' }, severity: 'warning', ...quoted(43, 13, 'impersonate') },
        { messageId: 'impersonate', data: { kind: 'ClusterRole', resources: '"users"', whom: '"alice@example.com", "bob@example.com"' }, severity: 'warning', ...quoted(54, 13, 'impersonate') },
        { messageId: 'escalate', data: { kind: 'ClusterRole', resources: '"clusterroles"' }, severity: 'error', ...quoted(58, 13, 'escalate') },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'bind', data: { kind: 'ClusterRole', resources: '"clusterroles"' }, ...quoted(11, 13, 'bind') }],
    },
  ],
});
