import rule from '../../rules/rolling-update-all-unavailable.js';
import { ruleTester } from '../rule-tester.js';

const percent = (value: string, line: number, column: number, endColumn: number) => ({ messageId: 'percent', data: { value }, line, column, endLine: line, endColumn });
const count = (value: string, replicas: number, line: number, column: number, endColumn: number) => ({ messageId: 'count', data: { value, replicas }, line, column, endLine: line, endColumn });
const raisedToOne = (value: string, surge: string, line: number, column: number, endColumn: number) => ({ messageId: 'raisedToOne', data: { value, surge }, line, column, endLine: line, endColumn });
const daemonSet = (value: string, line: number, column: number, endColumn: number) => ({ messageId: 'daemonSet', data: { value }, line, column, endLine: line, endColumn });

const deployment = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${spec}  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n`;

ruleTester(rule, {
  valid: [
    { name: '25% of 4, HPA-managed with maxUnavailable 1, 10% with no surge on 2 replicas, DaemonSet 10%', fixture: 'valid.yaml' },
    { name: 'no strategy at all: 25%/25% defaults', code: deployment('  replicas: 1\n') },
    { name: 'both zero is left to rolling-update-no-progress', code: deployment('  replicas: 1\n  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: "0%"}\n') },
    { name: 'Recreate has no rolling update to weigh', code: deployment('  replicas: 1\n  strategy:\n    type: Recreate\n') },
    { name: 'scaled to zero', code: deployment('  replicas: 0\n  strategy:\n    rollingUpdate: {maxUnavailable: 1}\n') },
    { name: 'a quoted integer is rejected by the API server, not computed', code: deployment('  replicas: 3\n  strategy:\n    rollingUpdate: {maxUnavailable: "3"}\n') },
    { name: 'just below every replica', code: deployment('  replicas: 3\n  strategy:\n    rollingUpdate: {maxUnavailable: 2, maxSurge: 0}\n') },
    { name: '99% rounds down below the replica count', code: deployment('  replicas: 10\n  strategy:\n    rollingUpdate: {maxUnavailable: 99%}\n') },
    {
      name: 'DaemonSet with an integer: the node count is unknown',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  updateStrategy:\n    rollingUpdate: {maxUnavailable: 50}\n  template:\n    spec:\n      containers: [{name: agent, image: "agent:1.0.0"}]\n',
    },
    {
      name: 'DaemonSet OnDelete',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  updateStrategy: {type: OnDelete}\n  template:\n    spec:\n      containers: [{name: agent, image: "agent:1.0.0"}]\n',
    },
  ],
  invalid: [
    {
      name: 'integer equal to replicas, quoted 100% without replicas, flow-style strategy, rounding raised to 1, DaemonSet 100%',
      fixture: 'invalid.yaml',
      errors: [
        count('3', 3, 11, 23, 24),
        percent('100%', 30, 23, 29),
        count('5', 2, 47, 80, 81),
        raisedToOne('50%', '0', 68, 23, 26),
        daemonSet('100%', 87, 23, 27),
      ],
    },
    {
      name: 'the default 25% with maxSurge 0% on one replica: reported on rollingUpdate',
      code: deployment('  replicas: 1\n  strategy:\n    rollingUpdate:\n      maxSurge: 0%\n'),
      errors: [raisedToOne('25% (the default)', '0%', 7, 5, 18)],
    },
    {
      name: 'more than 100% with an unusable maxSurge',
      code: deployment('  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: "1"\n      maxUnavailable: 150%\n'),
      errors: [percent('150%', 9, 23, 27)],
    },
  ],
});
