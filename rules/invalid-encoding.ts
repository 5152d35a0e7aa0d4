import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'invalid-encoding',
    category: 'input',
    severity: 'error',
    description: 'A file is not UTF-8 text.',
    rationale: 'Kubernetes manifests must be UTF-8. A file in another encoding (or a binary file with a manifest name) is rejected by kubectl or, worse, applied with garbled values.',
    remediation: 'Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`), or remove it from the paths given to kubegate if it is not a manifest.',
    messages: { encoding: 'Not UTF-8 text: {{reason}}. Save the file as UTF-8; it was not checked.' },
    kinds: [],
    stage: 'parse',
    example: {
      invalid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\\xe9   # written in Latin-1: the byte 0xE9 is not UTF-8\n',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cafe\n',
    },
  },
});
