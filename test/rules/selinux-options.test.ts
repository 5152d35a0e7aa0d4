import rule from '../../rules/selinux-options.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const type = (subject: string, value: string, line: number, column: number) => ({ messageId: 'type', data: { subject, value }, ...at(line, column, column + value.length) });

ruleTester(rule, {
  valid: [
    { name: 'the four container types, an MCS level, empty user and role, and empty options', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'spc_t for a whole DaemonSet pod, an init container with unconfined_t, a container\'s own user and role, and a CronJob with the runtime\'s type',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'type', data: { subject: 'The pod securityContext of this DaemonSet', value: 'spc_t' }, line: 15, column: 17, endLine: 15, endColumn: 22, severity: 'warning' },
        type('Container "fix-labels"', 'unconfined_t', 37, 36),
        { messageId: 'user', data: { subject: 'Container "app"', value: 'system_u' }, ...at(43, 21, 29) },
        { messageId: 'role', data: { subject: 'Container "app"', value: 'system_r' }, ...at(44, 21, 29) },
        type('Container "audit"', 'container_runtime_t', 63, 25),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [type('Container "web"', 'spc_t', 17, 21)] },
    {
      name: 'a bare Pod, and an ephemeral container',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {seLinuxOptions: {role: sysadm_r}}',
        '  containers: [{name: app, image: "app:1.0.0"}]',
        '  ephemeralContainers:',
        '    - name: debugger',
        '      image: busybox:1.36',
        '      securityContext: {seLinuxOptions: {type: sysadm_t}}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'role', data: { subject: 'The securityContext of this Pod', value: 'sysadm_r' }, ...at(5, 44, 52) },
        type('Container "debugger"', 'sysadm_t', 10, 48),
      ],
    },
  ],
});
