import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
const inline = (line: number, column: number, endColumn: number, directive = 'kubegate-disable-next-line') => ({ messageId: 'inline', data: { directive }, line, column, endLine: line, endColumn });

ruleTester(DIAGNOSTICS['suppression-without-reason'], {
  valid: [
    { name: 'a reason after " -- " and a kubegate.io/ignore-reason annotation', fixture: 'valid.yaml' },
    {
      name: 'other linters’ annotations carry no kubegate reason, and need none',
      code: `${DEPLOYMENT}  annotations:\n    ignore-check.kube-linter.io/latest-tag: ""\n    polaris.fairwinds.com/exempt: "true"\n    kube-score/ignore: pod-probes\n`,
    },
    { name: 'a block scalar’s text is not a comment', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  run.sh: |\n    # kubegate-disable\n    exec app\n' },
  ],
  invalid: [
    {
      name: 'a comment and an annotation without a reason',
      fixture: 'invalid.yaml',
      errors: [{ messageId: 'annotation', line: 6, column: 5, endLine: 6, endColumn: 23 }, inline(16, 11, 57)],
    },
    {
      name: 'an empty reason, and a disable block without one',
      code: `# kubegate-disable --\n${DEPLOYMENT}  # kubegate-disable yaml-version-ambiguity\n  labels: {canary: yes}\n  # kubegate-enable yaml-version-ambiguity\n  annotations:\n    kubegate.io/ignore: "*"\n    kubegate.io/ignore-reason: "  "\n`,
      errors: [inline(1, 1, 22, 'kubegate-disable'), inline(6, 3, 44, 'kubegate-disable'), { messageId: 'annotation', line: 10, column: 5, endLine: 10, endColumn: 23 }],
    },
  ],
});
