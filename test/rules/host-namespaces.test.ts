import rule from '../../rules/host-namespaces.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const finding = (messageId: 'hostNetwork' | 'hostPID' | 'hostIPC', pods: string, line: number, column: number) => ({ messageId, data: { pods }, ...at(line, column, column + messageId.length) });
const hostNetwork = (pods: string, line: number, column: number) => finding('hostNetwork', pods, line, column);
const hostPID = (pods: string, line: number, column: number) => finding('hostPID', pods, line, column);
const hostIPC = (pods: string, line: number, column: number) => finding('hostIPC', pods, line, column);

ruleTester(rule, {
  valid: [
    { name: 'host namespaces set to false or left out, an operator resource and a ConfigMap that only mention them', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a node exporter DaemonSet, a debugging Pod with all three, a CronJob on the host network, and a flow-style Deployment',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'hostNetwork', data: { pods: 'the pods of this DaemonSet' }, line: 13, column: 7, endLine: 13, endColumn: 18, severity: 'error' },
        hostPID('the pods of this DaemonSet', 14, 7),
        hostIPC('this Pod', 24, 3),
        hostNetwork('this Pod', 25, 3),
        hostPID('this Pod', 26, 3),
        hostNetwork('the pods of this CronJob', 42, 11),
        { messageId: 'hostIPC', data: { pods: 'the pods of this Deployment' }, line: 58, column: 12, endLine: 58, endColumn: 19 },
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [hostNetwork('the pods of this Deployment', 12, 7)] },
    {
      name: 'an Argo Rollout sharing the node\'s process namespace',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers: [{name: agent, image: "agent:1.0.0"}]\n',
      errors: [{ messageId: 'hostPID', data: { pods: 'the pods of this Rollout' }, line: 7, column: 7, endLine: 7, endColumn: 14 }],
    },
  ],
});
