import rule from '../../rules/seccomp-unconfined.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const pod = (pods: string, line: number, column: number) => ({ messageId: 'pod', data: { pods }, ...at(line, column, column + 'Unconfined'.length) });
const container = (name: string, line: number, column: number) => ({ messageId: 'container', data: { container: name }, ...at(line, column, column + 'Unconfined'.length) });

ruleTester(rule, {
  valid: [
    { name: 'RuntimeDefault and Localhost profiles and annotations, an annotation on the Deployment itself, and a pod with no profile', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a pod-level Unconfined reported once, an ephemeral debugger\'s own, and the legacy pod and container annotations of a CronJob',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'pod', data: { pods: 'the pods of this Deployment' }, line: 15, column: 17, endLine: 15, endColumn: 27, severity: 'warning' },
        container('debugger', 43, 17),
        { messageId: 'podAnnotation', data: { annotation: 'seccomp.security.alpha.kubernetes.io/pod', pods: 'the pods of this CronJob' }, ...at(57, 55, 65) },
        { messageId: 'containerAnnotation', data: { annotation: 'container.seccomp.security.alpha.kubernetes.io/worker', container: 'worker' }, ...at(58, 68, 78) },
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [pod('the pods of this Deployment', 14, 17)] },
    {
      name: 'a bare Pod\'s own annotations, and a StatefulSet whose container turns it off under a RuntimeDefault pod',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: p',
        '  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}',
        'spec:',
        '  containers: [{name: app, image: "app:1.0.0"}]',
        '---',
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      securityContext: {seccompProfile: {type: RuntimeDefault}}',
        '      containers:',
        '        - name: db',
        '          image: db:1.0.0',
        '          securityContext: {seccompProfile: {type: Unconfined}}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'podAnnotation', data: { annotation: 'seccomp.security.alpha.kubernetes.io/pod', pods: 'this Pod' }, ...at(5, 59, 69) },
        container('db', 19, 52),
      ],
    },
  ],
});
