import rule from '../../rules/unsafe-sysctls.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const unsafe = (sysctl: string, pods: string, line: number, column: number) => ({ messageId: 'unsafe', data: { sysctl, pods }, ...at(line, column, column + sysctl.length) });

ruleTester(rule, {
  valid: [
    { name: 'every safe sysctl up to the newest release, and an empty list', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'namespaced but unsafe sysctls beside a safe one, a node-wide one, a safe one written with slashes, and a CronJob',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'unsafe', data: { sysctl: 'net.core.somaxconn', pods: 'the pods of this StatefulSet' }, line: 17, column: 19, endLine: 17, endColumn: 37, severity: 'warning' },
        unsafe('kernel.shmmax', 'the pods of this StatefulSet', 21, 19),
        { messageId: 'node', data: { sysctl: 'vm.max_map_count', pods: 'this Pod' }, severity: 'warning', ...at(35, 16, 32) },
        { messageId: 'slashed', data: { sysctl: 'net/ipv4/tcp_keepalive_time', dotted: 'net.ipv4.tcp_keepalive_time', pods: 'this Pod' }, severity: 'info', ...at(36, 16, 43) },
        unsafe('net.ipv4.tcp_tw_reuse', 'the pods of this CronJob', 54, 23),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [unsafe('net.core.somaxconn', 'the pods of this Deployment', 14, 19)] },
    {
      name: 'slashes in an unsafe name, and a dot inside a slash-separated segment',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext:',
        '    sysctls:',
        '      - {name: kernel/msgmax, value: "65536"}',
        '      - {name: net/ipv4/conf/eth0.100/forwarding, value: "1"}',
        '  containers: [{name: app, image: "app:1.0.0"}]',
        '',
      ].join('\n'),
      errors: [unsafe('kernel/msgmax', 'this Pod', 7, 16), unsafe('net/ipv4/conf/eth0.100/forwarding', 'this Pod', 8, 16)],
    },
  ],
});
