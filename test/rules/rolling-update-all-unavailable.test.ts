import rule from '../../rules/rolling-update-all-unavailable.js';
import { ruleTester } from '../rule-tester.js';

const percent = (value: string) =>
  `maxUnavailable ${value} lets a rolling update take every replica of this Deployment down at once, so a broken release replaces them all before any readiness check can stop it. Lower maxUnavailable (e.g. 25%) and let maxSurge start new pods first.`;
const count = (value: string, replicas: number) =>
  `maxUnavailable ${value} is not below spec.replicas (${replicas}), so a rolling update can take every replica down at once and a broken release replaces them all. Lower maxUnavailable below ${replicas}, or use maxUnavailable 0 with maxSurge 1.`;
const raisedToOne = (value: string, surge: string) =>
  `maxUnavailable ${value} rounds down to 0 for 1 replica, and with maxSurge ${surge} Kubernetes raises it to 1: every rollout stops the only pod before its replacement is ready. Use maxUnavailable 0 with maxSurge 1.`;
const daemonSet = (value: string) =>
  `maxUnavailable ${value} lets a DaemonSet update stop its pod on every node at once, so a broken release takes the daemon down across the cluster. Lower maxUnavailable to a small number or percentage (e.g. 1 or 10%).`;

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
        { message: count('3', 3), line: 11, column: 23, endLine: 11, endColumn: 24 },
        { message: percent('100%'), line: 30, column: 23, endLine: 30, endColumn: 29 },
        { message: count('5', 2), line: 47, column: 80, endLine: 47, endColumn: 81 },
        { message: raisedToOne('50%', '0'), line: 68, column: 23, endLine: 68, endColumn: 26 },
        { message: daemonSet('100%'), line: 87, column: 23, endLine: 87, endColumn: 27 },
      ],
    },
    {
      name: 'the default 25% with maxSurge 0% on one replica: reported on rollingUpdate',
      code: deployment('  replicas: 1\n  strategy:\n    rollingUpdate:\n      maxSurge: 0%\n'),
      errors: [{ message: raisedToOne('25% (the default)', '0%'), line: 7, column: 5, endLine: 7, endColumn: 18 }],
    },
    {
      name: 'more than 100% with an unusable maxSurge',
      code: deployment('  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: "1"\n      maxUnavailable: 150%\n'),
      errors: [{ message: percent('150%'), line: 9, column: 23, endLine: 9, endColumn: 27 }],
    },
  ],
});
