import rule from '../../rules/privilege-escalation-allowed.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const unset = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'unset', data: { container }, severity: 'warning' as const, ...at(line, column, endColumn) });
const allowed = (container: string, line: number, column: number) => ({ messageId: 'allowed', data: { container }, severity: 'warning' as const, ...at(line, column, column + 'allowPrivilegeEscalation'.length) });

ruleTester(rule, {
  valid: [
    { name: 'false on init, regular and ephemeral containers; a Windows pod; a privileged container', fixture: 'valid.yaml' },
    {
      name: 'a Windows Pod written as a Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  os: {name: windows}\n  containers:\n    - name: app\n      image: registry.example/win-app:1.0.0\n',
    },
  ],
  invalid: [
    {
      name: 'unset on an init container without securityContext, a container with one, true, an ephemeral container, null in a flow-style CronJob',
      fixture: 'invalid.yaml',
      errors: [unset('migrate', 15, 17, 24), unset('shop', 20, 11, 26), allowed('proxy', 25, 13), unset('debugger', 41, 13, 21), unset('report', 56, 70, 85)],
    },
    {
      name: 'a Linux os field does not exempt',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: linux}\n  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n',
      errors: [unset('app', 7, 13, 16)],
    },
    {
      name: 'a container without a name is pointed at as a whole',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - image: registry.example/app:1.0.0\n',
      errors: [unset('#0', 6, 7, 40)],
    },
  ],
});
