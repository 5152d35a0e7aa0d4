import rule from '../../rules/priority-class-not-found.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const missing = (name: string, pods: string, line: number, column: number) => ({ messageId: 'missing', data: { name, pods }, line, column, endLine: line, endColumn: column + name.length });

const pod = (priorityClass: string) =>
  ['apiVersion: v1', 'kind: Pod', 'metadata: {name: probe, namespace: tools}', 'spec:', `  priorityClassName: ${priorityClass}`, '  containers: [{name: probe, image: "busybox:1.36"}]', ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'defined (with a stray namespace, in another API version), built in, empty', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a partial run never says a PriorityClass is missing', fixture: 'invalid.yaml', world: { complete: false } },
    {
      name: 'a PriorityClass the configuration declares external, looked up without a namespace',
      code: pod('tenant-gold'),
      world: { external: (target, namespace, name) => target === 'scheduling.k8s.io/PriorityClass' && namespace === undefined && name === 'tenant-gold' },
    },
  ],
  invalid: [
    {
      name: 'a near miss of a defined class, a DaemonSet, a bare Pod',
      fixture: 'invalid.yaml',
      errors: [missing('high-priority', 'the pods of this Deployment', 22, 26), missing('node-critical', 'the pods of this DaemonSet', 39, 26), missing('batch-low', 'this Pod', 49, 22)],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [missing('high-priority', 'the pods of this Deployment', 12, 26)] },
    { name: 'the built-in names are exact', code: pod('system-critical'), errors: [missing('system-critical', 'this Pod', 5, 22)] },
  ],
});
