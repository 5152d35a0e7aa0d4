import rule from '../../rules/seccomp-profile-missing.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const pod = (pods: string, containers: string, line: number, column: number, endColumn: number) => ({ messageId: 'pod', data: { pods, containers }, ...at(line, column, endColumn) });
const container = (name: string, line: number, column: number, endColumn: number) => ({ messageId: 'container', data: { container: name }, ...at(line, column, endColumn) });

ruleTester(rule, {
  valid: [
    { name: 'a pod-level profile, a profile on every container, a pod-level Unconfined, and a Windows pod', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'no profile anywhere, a pod securityContext without one, some containers without, a CronJob, and a legacy annotation with an ephemeral container',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'pod', data: { pods: 'the pods of this Deployment', containers: '"migrate", "web"' }, line: 12, column: 5, endLine: 12, endColumn: 9, severity: 'warning' },
        pod('the pods of this Deployment', '"api"', 32, 7, 22),
        { messageId: 'container', data: { container: 'init-permissions' }, ...at(53, 11, 33) },
        container('exporter', 62, 11, 26),
        pod('the pods of this CronJob', '"cleanup"', 74, 9, 13),
        container('debugger', 94, 7, 21),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [pod('the pods of this Deployment', '"web"', 12, 7, 22)] },
    {
      name: 'a Linux pod written as such, and an empty seccompProfile that sets nothing',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  os: {name: linux}',
        '  securityContext: {seccompProfile: null}',
        '  containers: [{name: app, image: "app:1.0.0"}]',
        '',
      ].join('\n'),
      errors: [pod('this Pod', '"app"', 6, 37, 41)],
    },
  ],
});
