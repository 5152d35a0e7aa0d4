import rule from '../../rules/capabilities-not-dropped.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const notDropped = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'notDropped', data: { container }, severity: 'warning' as const, ...at(line, column, endColumn) });
const dropSpelling = (container: string, written: string, line: number, column: number) => ({ messageId: 'dropSpelling', data: { container, written }, severity: 'info' as const, ...at(line, column, column + written.length) });
const addedDefault = (container: string, capability: string, line: number, column: number) => ({ messageId: 'addedDefault', data: { container, capability }, severity: 'warning' as const, ...at(line, column, column + capability.length) });

ruleTester(rule, {
  valid: [
    { name: 'drop ALL on init, regular and ephemeral containers, NET_BIND_SERVICE added back, a Windows pod, a privileged container', fixture: 'valid.yaml' },
    {
      name: 'capabilities outside the default set are left to capabilities-added',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n      securityContext:\n        capabilities: {drop: [ALL], add: [NET_ADMIN, CAP_CHOWN, chown]}\n',
    },
  ],
  invalid: [
    {
      name: 'no securityContext, no capabilities, add without drop, a drop list without ALL, lowercase all, default capabilities added back, an ephemeral container, a null drop',
      fixture: 'invalid.yaml',
      errors: [
        notDropped('migrate', 13, 17, 24),
        notDropped('shop', 18, 11, 26),
        notDropped('proxy', 23, 13, 25),
        notDropped('exporter', 29, 15, 19),
        dropSpelling('worker', 'all', 34, 22),
        addedDefault('app', 'CHOWN', 47, 35),
        addedDefault('app', 'SETUID', 47, 42),
        notDropped('debugger', 49, 13, 21),
        notDropped('report', 64, 88, 100),
      ],
    },
    {
      name: 'a CAP_ALL is no ALL to any runtime',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n      securityContext:\n        capabilities:\n          drop: [CAP_ALL]\n',
      errors: [notDropped('app', 10, 11, 15)],
    },
  ],
});
