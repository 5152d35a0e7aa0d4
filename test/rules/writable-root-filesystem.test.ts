import rule from '../../rules/writable-root-filesystem.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const unset = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'unset', data: { container }, severity: 'warning' as const, ...at(line, column, endColumn) });
const writable = (container: string, line: number, column: number) => ({ messageId: 'writable', data: { container }, severity: 'warning' as const, ...at(line, column, column + 'readOnlyRootFilesystem'.length) });

ruleTester(rule, {
  valid: [
    { name: 'read-only roots with emptyDir volumes, an ephemeral debugger, a Windows pod', fixture: 'valid.yaml' },
    {
      name: 'a Windows Pod written as a Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  os: {name: windows}\n  containers:\n    - {name: app, image: "registry.example/win-app:1.0.0"}\n',
    },
  ],
  invalid: [
    {
      name: 'unset on init and regular containers, false, a log collector DaemonSet, null in a flow-style CronJob',
      fixture: 'invalid.yaml',
      errors: [unset('migrate', 13, 17, 24), unset('shop', 18, 11, 26), writable('nginx', 23, 13), unset('collector', 42, 17, 26), unset('report', 62, 70, 85)],
    },
    {
      name: 'a pod-level securityContext has no such field and does not cover the container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {readOnlyRootFilesystem: true}\n  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n',
      errors: [unset('app', 7, 13, 16)],
    },
  ],
});
