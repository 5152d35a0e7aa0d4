import rule from '../../rules/run-as-root.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const warning = 'warning' as const;
const unset = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'unset', data: { container }, severity: warning, ...at(line, column, endColumn) });
const unsetWithUser = (container: string, user: number, line: number, column: number, endColumn: number) => ({ messageId: 'unsetWithUser', data: { container, user }, severity: 'info' as const, ...at(line, column, endColumn) });
const rootUser = (container: string, line: number, column: number) => ({ messageId: 'rootUser', data: { container }, severity: warning, ...at(line, column, column + 'runAsUser'.length) });
const rootUserPod = (workload: string, line: number, column: number) => ({ messageId: 'rootUserPod', data: { workload }, severity: warning, ...at(line, column, column + 'runAsUser'.length) });
const nonRootFalse = (container: string, line: number, column: number) => ({ messageId: 'nonRootFalse', data: { container }, severity: warning, ...at(line, column, column + 'runAsNonRoot'.length) });
const nonRootFalsePod = (workload: string, line: number, column: number) => ({ messageId: 'nonRootFalsePod', data: { workload }, severity: warning, ...at(line, column, column + 'runAsNonRoot'.length) });

const pod = (podContext: string, containers: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: ${podContext}\n  containers:\n${containers}`;

ruleTester(rule, {
  valid: [
    { name: 'pod-level runAsNonRoot with non-zero users, every container opting in, a CronJob', fixture: 'valid.yaml' },
    {
      name: 'every container opts in, the pod says nothing',
      code: pod('{}', '    - {name: a, image: "registry.example/a:1.0.0", securityContext: {runAsNonRoot: true}}\n    - {name: b, image: "registry.example/b:1.0.0", securityContext: {runAsNonRoot: true}}\n'),
    },
  ],
  invalid: [
    {
      name: 'unset on init and regular containers, root and false on the pod and a container, an ephemeral container, a UID without runAsNonRoot',
      fixture: 'invalid.yaml',
      errors: [
        unset('migrate', 13, 17, 24),
        unset('shop', 18, 11, 26),
        rootUserPod('Deployment legacy', 37, 9),
        unsetWithUser('sidecar', 1000, 43, 11, 26),
        nonRootFalsePod('StatefulSet db', 59, 9),
        rootUser('app', 77, 9),
        nonRootFalse('app', 78, 9),
        unset('debugger', 80, 13, 21),
        unsetWithUser('report', 1001, 97, 21, 27),
      ],
    },
    {
      name: 'a container overriding the pod with false',
      code: pod('{runAsNonRoot: true}', '    - name: app\n      image: registry.example/app:1.0.0\n      securityContext:\n        runAsNonRoot: false\n'),
      errors: [nonRootFalse('app', 10, 9)],
    },
    {
      name: 'the pod-level root user is forbidden even where every container sets its own user',
      code: pod('{runAsUser: 0, runAsNonRoot: true}', '    - name: app\n      image: registry.example/app:1.0.0\n      securityContext: {runAsUser: 1000}\n'),
      errors: [rootUserPod('Pod p', 5, 21)],
    },
  ],
});
