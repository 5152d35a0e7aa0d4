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
    precision: 'very-high',
    description: 'A mapping has the same key twice.',
    rationale: 'YAML forbids a repeated key in a mapping, and the tools that apply manifests disagree on what to do with one. kubectl validates strictly by default since 1.25, so a cluster of 1.25 or later rejects the object (`duplicate field`); kustomize fails to read the file (`mapping key already defined`), and so do `kubectl apply -k` and the GitOps tools that build with it. Helm, kubectl with `--validate=false` or against an older cluster, and other clients keep the last value and drop the first without a word, so a setting that looks applied is not: a second `env:` or `resources:` silently replaces the first. Either way the manifest does not do what it says.',
    remediation: 'Merge the two entries into one, keeping the values you mean. In a Helm chart the repeat usually comes from a helper or a `toYaml` of values that writes a key the template also writes itself (a label, an annotation): keep one of them.',
    messages: { duplicate: 'Key "{{key}}" appears twice in this mapping: kubectl (1.25 and later) and kustomize reject the manifest, while Helm and other clients keep only the last value and silently drop the first. Merge them into one entry.' },
  },
  'internal-error': {
    id: 'internal-error',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'kubegate failed while reading a file.',
    rationale: 'A bug in kubegate must not hide the rest of a run: the file it failed on is named, the other files are still checked, and the run exits 2 so the failure is not mistaken for a pass.',
    remediation: 'Report the bug with the file (run again with `--debug` for the stack trace). Until it is fixed, leave the file out of the paths given to kubegate.',
    messages: { failed: 'kubegate failed while reading this file ({{detail}}), so it was not checked; the rest of the run went on. This is a bug in kubegate: please report it with the file.' },
  },
  'file-too-large': {
    id: 'file-too-large',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'An input is larger than the run allows, so it was not read.',
    rationale: 'A manifest stream of tens of megabytes is almost always a mistake (a log, a dump, a device or an endless pipe given as input); reading it whole would hold up or exhaust the run, so kubegate stops at the limit and checks the rest.',
    remediation: 'Leave the file out of the paths given to kubegate, or raise the limit with `--max-file-size` if it really is one manifest stream.',
    messages: {
      tooLarge: 'This file holds {{size}}, more than the {{limit}} limit, so it was not checked. Leave it out, or raise --max-file-size if it really is one manifest stream.',
      streamTooLarge: 'This input went on past the {{limit}} limit, so it was not checked. Leave it out, or raise --max-file-size if it really is one manifest stream.',
    },
  },
  'incomplete-resource': {
    id: 'incomplete-resource',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'An object lacks apiVersion, kind or metadata.name.',
    rationale: 'The API server rejects an object without its type or name, so the document fails to apply. An object without apiVersion or kind is checked no further, since its type decides what every rule looks for. One missing only its name is checked by every rule all the same, and its findings call it `<unnamed Kind>` (`<unnamed Deployment>`), but nothing can reference it.',
    remediation: 'Add the missing fields. A strategic-merge patch or values file that is not meant to be applied on its own should be left out of the paths given to kubegate.',
    messages: { missing: '{{kind}} is missing {{fields}}; the API server rejects it. Add the missing fields.' },
  },
  'invalid-encoding': {
    id: 'invalid-encoding',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'A file is not UTF-8 text.',
    rationale: 'Kubernetes manifests must be UTF-8. A file in another encoding (or a binary file with a manifest name) is rejected by kubectl or, worse, applied with garbled values.',
    remediation: 'Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`), or remove it from the paths given to kubegate if it is not a manifest.',
    messages: { encoding: 'Not UTF-8 text: {{reason}}. Save the file as UTF-8; it was not checked.' },
  },
  'render-failed': {
    id: 'render-failed',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'A Helm chart or Kustomize overlay could not be rendered, so nothing in it was checked.',
    rationale: 'What `helm template` or `kustomize build` cannot render, `helm install` and `kubectl apply -k` cannot deploy either: the template error, the missing value or the missing file fails the deployment. kubegate renders each chart and overlay it is given with the real binary, without network access, and reports the failure where it is to be fixed; the other inputs are still checked.',
    remediation: 'Fix the template, the values or the kustomization at the reported line, and run helm template or kustomize build to check. Vendor chart dependencies (`helm dependency build`) and remote bases into the repository, as kubegate never downloads them.',
    messages: {
      template: 'helm template {{input}} fails here: {{detail}}. Fix the template or give the value; nothing in {{input}} was checked.',
      missingDependency: 'Chart {{input}} depends on {{dependencies}}, which is not in its charts/ folder, and kubegate renders without network access. Run `helm dependency build {{input}}` before kubegate (or commit charts/); nothing in {{input}} was checked.',
      helm: 'helm template {{input}} fails: {{detail}}. Nothing in {{input}} was checked.',
      missingFile: 'kustomize cannot build {{input}}: {{file}}, listed here, does not exist. Correct the entry or add the file; nothing in {{input}} was checked.',
      remoteResource: '{{input}} needs {{url}} from the network, and kubegate renders without network access. Vendor the remote base into the repository and list it by path; nothing in {{input}} was checked.',
      kustomize: 'kustomize cannot build {{input}}: {{detail}}. Nothing in {{input}} was checked.',
      timeout: '{{tool}} did not finish rendering {{input}} within {{seconds}} s and was stopped, so nothing in it was checked. Raise --render-timeout if it is just slow.',
      tooLarge: '{{tool}} printed more than {{limit}} for {{input}} and was stopped, so nothing in it was checked. Raise --max-file-size if the output really is that large.',
      notManifests: '{{tool}} printed no Kubernetes objects for {{input}}, only text beginning "{{start}}", so nothing in it was checked. Check that {{binary}} is {{tool}}.',
    },
  },
  'unrendered-template': {
    id: 'unrendered-template',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'A template (Helm, or a `{{placeholder}}` for sed or envsubst) was linted before it was rendered.',
    rationale: 'A file with `{{ .Values.x }}` actions is a template, not a manifest: what reaches the cluster depends on the values it is rendered with, so checking the raw text would judge something that is never applied.',
    remediation: 'Point kubegate at the chart folder (the one with Chart.yaml): it renders the chart with `helm template` and reports findings on the template lines. For a file templated by other means (sed, envsubst), lint the rendered output (`envsubst < app.yaml | kubegate -`).',
    messages: { unrendered: 'Unrendered template placeholder here: point kubegate at the chart folder (the one with Chart.yaml), which it renders with helm template, or lint the rendered output instead of the template.' },
  },
  'yaml-version-ambiguity': {
    id: 'yaml-version-ambiguity',
    category: 'input',
    severity: 'warning',
    precision: 'high',
    description: 'A plain value means one thing in YAML 1.2 and another to the API server, which reads YAML 1.1.',
    rationale: 'Kubernetes decodes manifests as YAML 1.1, where unquoted `yes`, `no`, `on`, `off`, `y` and `n` are booleans and a leading zero makes a number octal; YAML 1.2 tools (editors, most linters) read the same text as a string or a decimal. A label `enabled: yes` is then rejected as a boolean where a string is required, and `memory: 0777` is 511 bytes, not 777.',
    remediation: 'Quote the value when you mean the text; write `true`/`false` when you mean a boolean; write octal as `0o644` (read as octal by both) or drop the leading zero when you mean a decimal.',
    messages: {
      boolean: 'Plain {{text}} is the text "{{text}}" in YAML 1.2 but the boolean {{value}} to the API server, which reads YAML 1.1: a string field (a label, an annotation, ConfigMap data, an env value) rejects it. Quote it ("{{text}}") for the text, or write {{value}}.',
      octal: 'Plain {{text}} is {{decimal}} in YAML 1.2 but octal to the API server, which reads YAML 1.1: {{octal}} in decimal. Write 0o{{digits}} if you mean octal, or drop the leading zero if you mean {{decimal}}.',
    },
  },
  'suppression-without-reason': {
    id: 'suppression-without-reason',
    category: 'input',
    severity: 'warning',
    precision: 'very-high',
    description: 'A suppression comment or `kubegate.io/ignore` annotation gives no reason.',
    rationale: 'A suppression records a decision that a finding is acceptable. Without the reason, a reviewer cannot check the decision and nobody can tell later whether it still holds, so exceptions pile up unexamined. The suppression still takes effect; only the missing reason is reported.',
    remediation: 'Write the reason after ` -- ` at the end of the comment (`# kubegate-disable-next-line mutable-image-tag -- pinned by the image updater`), or in a `kubegate.io/ignore-reason` annotation beside `kubegate.io/ignore`.',
    messages: {
      inline: 'This {{directive}} comment gives no reason, so nobody can tell later why the finding was accepted. It still suppresses; add the reason after " -- " (# {{directive}} rule-id -- why this is safe).',
      annotation: 'kubegate.io/ignore has no kubegate.io/ignore-reason annotation beside it, so nobody can tell later why the findings were accepted. It still suppresses; add kubegate.io/ignore-reason with the reason.',
    },
  },
  'unused-suppression': {
    id: 'unused-suppression',
    category: 'input',
    severity: 'warning',
    precision: 'very-high',
    description: 'A suppression comment or `kubegate.io/ignore` annotation silences nothing.',
    rationale: 'A suppression outlives the finding it excused: once the problem is fixed, a stale `kubegate-disable` or `kubegate.io/ignore` stays behind and will silently hide the next, unrelated finding of the same rule there. A misspelt rule id or directive, or a directive written after content on the same line, is worse: it never silenced anything, while its author believes it does. Suppressions of rules turned off for the run are not reported, nor are the exemption annotations of kube-linter, Polaris and kube-score, which may be there for those tools.',
    remediation: 'Remove the suppression, or the rule ids in it that no longer apply; correct a misspelt rule id or directive. Directives are read only from a comment on a line of its own: `# kubegate-disable-next-line <rules> -- <reason>` above the line, or `# kubegate-disable <rules> -- <reason>` … `# kubegate-enable <rules>` around the lines.',
    messages: {
      unused: 'This {{directive}} suppresses {{rules}}, but no such finding is here to suppress: the exception is stale and would hide the next problem of that rule. Remove it, or the rule ids that no longer apply.',
      unusedAll: 'This {{directive}} suppresses every rule, but no finding is here to suppress: the exception is stale and would hide the next problem here. Remove it.',
      unknownRule: 'kubegate has no rule named {{rules}}, so this {{directive}} suppresses nothing for it. Correct the rule id (`kubegate rules` lists them).',
      strayEnable: 'This kubegate-enable ends no kubegate-disable of {{rules}} open above it in this file, so it does nothing. Match the rules of the kubegate-disable it is meant to end (a kubegate-disable of every rule ends only at a bare kubegate-enable), or remove it.',
      unknownDirective: '"{{directive}}" is not a kubegate directive, so it suppresses nothing. Write kubegate-disable-next-line above the line, or kubegate-disable … kubegate-enable around the lines.',
      trailing: 'A kubegate directive after content on the same line is not read, so it suppresses nothing. Move it to a comment line of its own above the line it is meant for (kubegate-disable-next-line).',
      noRules: 'kubegate.io/ignore names no rule, so it suppresses nothing. List the rule ids, separated by commas, or "*" for every rule.',
    },
  },
  'yaml-syntax-error': {
    id: 'yaml-syntax-error',
    category: 'input',
    severity: 'error',
    precision: 'very-high',
    description: 'A YAML document cannot be parsed.',
    rationale: 'kubectl and the API server reject the whole document, so nothing in it is applied, and no other check can look at it.',
    remediation: 'Fix the YAML at the reported position (indentation, an unclosed quote or bracket, a tab used for indentation). The other documents of the file are still checked.',
    messages: {
      syntax: 'YAML syntax error: {{detail}}. Fix it here; this document was not checked further.',
      tooDeep: 'This document nests about {{depth}} levels deep here, too deep to be read; no Kubernetes object nests like this. Fix the structure; this document was not checked further.',
      collectionKey: 'This mapping key is itself a mapping or a sequence; Kubernetes objects have only plain keys, so the API server rejects it. Write a plain key; this document was not checked further.',
      aliasBudget: 'Aliases and merge keys in this document expand to more than {{limit}} values, the limit kubegate follows (the API server also refuses documents that alias this much). Write the values out or use fewer levels of merges; this document was not checked further.',
    },
  },
};

export const DIAGNOSTICS = Object.fromEntries(
  Object.entries(CATALOGUE).map(([id, meta]) => [id, { ...meta, docsUrl: builtinRuleDocsUrl(id) }]),
) as Readonly<Record<DiagnosticId, DiagnosticMeta>>;

export const DIAGNOSTIC_LIST: readonly DiagnosticMeta[] = Object.values(DIAGNOSTICS);
