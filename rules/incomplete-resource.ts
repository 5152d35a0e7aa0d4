import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'incomplete-resource',
    category: 'input',
    severity: 'error',
    description: 'An object lacks apiVersion, kind or metadata.name.',
    rationale: 'The API server rejects an object without its type or name, so the document fails to apply; a resource with no identity cannot be checked or referenced either.',
    remediation: 'Add the missing fields. A strategic-merge patch or values file that is not meant to be applied on its own should be left out of the paths given to kubegate.',
    messages: { missing: '{{kind}} is missing {{fields}}; the API server rejects it. Add the missing fields.' },
    kinds: [],
    stage: 'parse',
    example: {
      invalid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: shop\ndata:\n  mode: fast\n',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    app: shop\ndata:\n  mode: fast\n',
    },
  },
});
