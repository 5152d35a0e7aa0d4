import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'unrendered-template',
    category: 'input',
    severity: 'error',
    description: 'A template (Helm, or a `{{placeholder}}` for sed or envsubst) was linted before it was rendered.',
    rationale: 'A file with `{{ .Values.x }}` actions is a template, not a manifest: what reaches the cluster depends on the values it is rendered with, so checking the raw text would judge something that is never applied.',
    remediation: 'Lint the rendered output (`helm template <chart> | kubegate -`), or point kubegate at the chart directory so it renders it. Exclude `templates/` folders from raw YAML runs.',
    messages: { unrendered: 'Unrendered template placeholder here; lint the rendered output (for Helm: `helm template … | kubegate -`) instead of the template.' },
    kinds: [],
    stage: 'parse',
    example: {
      invalid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  mode: fast\n',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\ndata:\n  mode: fast\n',
    },
  },
});
