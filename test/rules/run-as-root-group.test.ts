import rule from '../../rules/run-as-root-group.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const warning = 'warning' as const;
const rootGroup = (container: string, line: number, column: number) => ({ messageId: 'rootGroup', data: { container }, severity: warning, ...at(line, column, column + 'runAsGroup'.length) });
const rootGroupPod = (workload: string, containers: string, line: number, column: number) => ({ messageId: 'rootGroupPod', data: { workload, containers }, severity: warning, ...at(line, column, column + 'runAsGroup'.length) });
const fsGroup = (workload: string, line: number, column: number) => ({ messageId: 'fsGroup', data: { workload }, severity: warning, ...at(line, column, column + 'fsGroup'.length) });
const supplementalGroup = (workload: string, line: number, column: number) => ({ messageId: 'supplementalGroup', data: { workload }, severity: warning, ...at(line, column, column + 1) });

ruleTester(rule, {
  valid: [
    { name: 'non-zero groups, a pod-level root group every container overrides, root users', fixture: 'valid.yaml' },
    {
      name: 'a string "0" is not the number the API accepts',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000, fsGroup: "0"}\n  containers:\n    - {name: app, image: "registry.example/app:1.0.0"}\n',
    },
  ],
  invalid: [
    {
      name: 'pod runAsGroup and fsGroup, supplementalGroups, init and ephemeral containers, a CronJob with two inheriting containers',
      fixture: 'invalid.yaml',
      errors: [
        rootGroupPod('Deployment shop', 'container "shop"', 14, 9),
        fsGroup('Deployment shop', 15, 9),
        supplementalGroup('StatefulSet db', 38, 36),
        rootGroup('fix-permissions', 55, 9),
        rootGroup('debugger', 62, 25),
        rootGroupPod('CronJob report', 'containers "report", "upload"', 77, 13),
      ],
    },
    {
      name: 'a container whose user is unknown still gets the root group',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    fsGroup: 0\n  containers:\n    - {name: app, image: "registry.example/app:1.0.0"}\n',
      errors: [fsGroup('Pod p', 6, 5)],
    },
  ],
});
