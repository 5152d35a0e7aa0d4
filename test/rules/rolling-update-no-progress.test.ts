import rule from '../../rules/rolling-update-no-progress.js';
import { ruleTester } from '../rule-tester.js';

const message = (surge: string, unavailable: string) =>
  `maxSurge ${surge} and maxUnavailable ${unavailable} leave a rolling update no way to replace a pod, and the API server rejects it ("may not be 0 when \`maxSurge\` is 0"). Set maxSurge to 1 (new pod first) or maxUnavailable to 1 (old pod first).`;

const deployment = (strategy: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  strategy:\n${strategy}  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n`;

ruleTester(rule, {
  valid: [
    { name: 'surge only, a percentage that rounds to 0, maxUnavailable left to its default', fixture: 'valid.yaml' },
    { name: 'Recreate ignores rollingUpdate values', code: deployment('    type: Recreate\n') },
    { name: 'maxSurge absent (defaults to 25%)', code: deployment('    rollingUpdate: {maxUnavailable: 0}\n') },
    { name: 'a non-zero percentage', code: deployment('    rollingUpdate: {maxUnavailable: 0, maxSurge: 1%}\n') },
  ],
  invalid: [
    {
      name: 'block style, flow style with percentages, quoted zeros',
      fixture: 'invalid.yaml',
      errors: [
        { message: message('0', '0'), line: 10, column: 23, endLine: 10, endColumn: 24 },
        { message: message('0%', '0%'), line: 28, column: 62, endLine: 28, endColumn: 64 },
        { message: message('0', '0'), line: 47, column: 23, endLine: 47, endColumn: 26 },
      ],
    },
    {
      name: 'mixed integer and percentage zero under an explicit RollingUpdate',
      code: deployment('    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 0%\n      maxUnavailable: 0\n'),
      errors: [{ message: message('0%', '0'), line: 9, column: 23, endLine: 9, endColumn: 24 }],
    },
  ],
});
