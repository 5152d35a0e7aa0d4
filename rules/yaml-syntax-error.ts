import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'yaml-syntax-error',
    category: 'input',
    severity: 'error',
    description: 'A YAML document cannot be parsed.',
    rationale: 'kubectl and the API server reject the whole document, so nothing in it is applied, and no other check can look at it.',
    remediation: 'Fix the YAML at the reported position (indentation, an unclosed quote or bracket, a tab used for indentation). The other documents of the file are still checked.',
    messages: { syntax: 'YAML syntax error: {{detail}}. Fix it here; this document was not checked further.' },
    kinds: [],
    stage: 'parse',
    example: {
      invalid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast\n',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n',
    },
  },
});
