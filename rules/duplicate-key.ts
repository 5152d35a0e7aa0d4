import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'duplicate-key',
    category: 'input',
    severity: 'error',
    description: 'A mapping has the same key twice.',
    rationale: "Kubernetes' YAML decoder keeps the last value and drops the first without a word, so a setting that looks applied is not: a second `env:` or `resources:` silently replaces the first.",
    remediation: 'Merge the two entries into one, keeping the values you mean.',
    messages: { duplicate: 'Key "{{key}}" appears twice in this mapping; Kubernetes keeps only the last one. Merge them into one entry.' },
    kinds: [],
    stage: 'parse',
    example: {
      invalid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  mode: safe\n',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: safe\n',
    },
  },
});
