import rule from '../../rules/apparmor-unconfined.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const container = (name: string, line: number, column: number) => ({ messageId: 'container', data: { container: name }, ...at(line, column, column + 'Unconfined'.length) });

ruleTester(rule, {
  valid: [
    { name: 'RuntimeDefault and Localhost in fields and annotations, and an annotation on the Deployment itself', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a pod-level Unconfined reported once, the annotation of a CNI DaemonSet, and a CronJob init container',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'pod', data: { pods: 'the pods of this Deployment' }, line: 15, column: 17, endLine: 15, endColumn: 27, severity: 'warning' },
        { messageId: 'annotation', data: { annotation: 'container.apparmor.security.beta.kubernetes.io/install-cni', container: 'install-cni' }, ...at(37, 69, 79) },
        container('mount', 62, 25),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [container('web', 17, 21)] },
    {
      name: 'a bare Pod\'s annotation for an ephemeral debugger',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: p',
        '  annotations:',
        '    container.apparmor.security.beta.kubernetes.io/debugger: unconfined',
        'spec:',
        '  containers: [{name: app, image: "app:1.0.0"}]',
        '  ephemeralContainers: [{name: debugger, image: "busybox:1.36"}]',
        '',
      ].join('\n'),
      errors: [{ messageId: 'annotation', data: { annotation: 'container.apparmor.security.beta.kubernetes.io/debugger', container: 'debugger' }, ...at(6, 62, 72) }],
    },
  ],
});
