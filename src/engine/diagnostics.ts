import { builtinRuleDocsUrl } from '../core/tool.js';
import type { DiagnosticId, RuleDescriptor } from '../core/types.js';

/**
 * What the parser and the model report about input they cannot lint: always present, whatever
 * rules a run enables, configurable like rules (severity, off) but with no code of their own.
 */
export interface DiagnosticMeta extends RuleDescriptor {
  id: DiagnosticId;
}

const CATALOGUE: Readonly<Record<DiagnosticId, Omit<DiagnosticMeta, 'docsUrl'>>> = {
  'duplicate-key': {
    id: 'duplicate-key',
    category: 'input',
    severity: 'error',
    description: 'A mapping has the same key twice.',
    rationale: "Kubernetes' YAML decoder keeps the last value and drops the first without a word, so a setting that looks applied is not: a second `env:` or `resources:` silently replaces the first.",
    remediation: 'Merge the two entries into one, keeping the values you mean.',
    messages: { duplicate: 'Key "{{key}}" appears twice in this mapping; Kubernetes keeps only the last one. Merge them into one entry.' },
  },
  'incomplete-resource': {
    id: 'incomplete-resource',
    category: 'input',
    severity: 'error',
    description: 'An object lacks apiVersion, kind or metadata.name.',
    rationale: 'The API server rejects an object without its type or name, so the document fails to apply; a resource with no identity cannot be checked or referenced either.',
    remediation: 'Add the missing fields. A strategic-merge patch or values file that is not meant to be applied on its own should be left out of the paths given to kubegate.',
    messages: { missing: '{{kind}} is missing {{fields}}; the API server rejects it. Add the missing fields.' },
  },
  'invalid-encoding': {
    id: 'invalid-encoding',
    category: 'input',
    severity: 'error',
    description: 'A file is not UTF-8 text.',
    rationale: 'Kubernetes manifests must be UTF-8. A file in another encoding (or a binary file with a manifest name) is rejected by kubectl or, worse, applied with garbled values.',
    remediation: 'Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`), or remove it from the paths given to kubegate if it is not a manifest.',
    messages: { encoding: 'Not UTF-8 text: {{reason}}. Save the file as UTF-8; it was not checked.' },
  },
  'unrendered-template': {
    id: 'unrendered-template',
    category: 'input',
    severity: 'error',
    description: 'A template (Helm, or a `{{placeholder}}` for sed or envsubst) was linted before it was rendered.',
    rationale: 'A file with `{{ .Values.x }}` actions is a template, not a manifest: what reaches the cluster depends on the values it is rendered with, so checking the raw text would judge something that is never applied.',
    remediation: 'Lint the rendered output (`helm template <chart> | kubegate -`) instead of the template. Exclude `templates/` folders from raw YAML runs.',
    messages: { unrendered: 'Unrendered template placeholder here; lint the rendered output (for Helm: `helm template … | kubegate -`) instead of the template.' },
  },
  'yaml-syntax-error': {
    id: 'yaml-syntax-error',
    category: 'input',
    severity: 'error',
    description: 'A YAML document cannot be parsed.',
    rationale: 'kubectl and the API server reject the whole document, so nothing in it is applied, and no other check can look at it.',
    remediation: 'Fix the YAML at the reported position (indentation, an unclosed quote or bracket, a tab used for indentation). The other documents of the file are still checked.',
    messages: { syntax: 'YAML syntax error: {{detail}}. Fix it here; this document was not checked further.' },
  },
};

export const DIAGNOSTICS = Object.fromEntries(
  Object.entries(CATALOGUE).map(([id, meta]) => [id, { ...meta, docsUrl: builtinRuleDocsUrl(id) }]),
) as Readonly<Record<DiagnosticId, DiagnosticMeta>>;

export const DIAGNOSTIC_LIST: readonly DiagnosticMeta[] = Object.values(DIAGNOSTICS);
