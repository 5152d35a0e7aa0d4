import rule from '../../rules/rolling-update-no-progress.js';
import { ruleTester } from '../rule-tester.js';

const bothZero = (surge: string, unavailable: string, line: number, column: number, endColumn: number) => ({ messageId: 'bothZero', data: { surge, unavailable }, line, column, endLine: line, endColumn });

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
        bothZero('0', '0', 10, 23, 24),
        bothZero('0%', '0%', 28, 62, 64),
        bothZero('0', '0', 47, 23, 26),
      ],
    },
    {
      name: 'mixed integer and percentage zero under an explicit RollingUpdate',
      code: deployment('    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 0%\n      maxUnavailable: 0\n'),
      errors: [bothZero('0%', '0', 9, 23, 24)],
    },
  ],
});
