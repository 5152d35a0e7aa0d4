import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, type KubeObject, type Resource } from '../src/model/resource.js';
import { formatSelector, isEmptySelector, readWorkloadSelector, selectorMatches } from '../src/model/selector.js';

/** apps/v1 (and apps/v1beta2) made `spec.selector` required; older versions defaulted it from the template's labels. */
const SELECTOR_REQUIRED_IN = new Set(['apps/v1', 'apps/v1beta2']);

const CONTROLLER_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function at(object: unknown, path: ObjectPath): unknown {
  let current = object;
  for (const segment of path) current = isObject(current) ? current[segment as string] : undefined;
  return current;
}

/**
 * The pod template's labels as the API server reads them, or undefined when a value is not a
 * scalar (an unrendered or null value), where comparing would be a guess.
 */
function templateLabels(template: unknown): Record<string, string> | undefined {
  const labels = at(template, ['metadata', 'labels']);
  if (labels === undefined || labels === null) return {};
  if (!isObject(labels)) return undefined;
  const read: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    read[key] = String(value);
  }
  return read;
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? 'none' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

/** Where a kind keeps the spec that holds `selector` and `template`. */
function controllerSpecPath(resource: Resource): ObjectPath {
  if (resource.groupKind === 'batch/CronJob') return ['spec', 'jobTemplate', 'spec'];
  return ['spec'];
}

export default createRule({
  meta: {
    id: 'workload-selector-mismatch',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A workload\'s `spec.selector` does not select its own pod template, is missing or empty where required, or is set on a Job without `manualSelector`.',
    rationale: 'A controller owns the pods its selector selects, so the API server rejects a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, OpenShift DeploymentConfig or manual-selector Job whose selector does not match its own template\'s labels (`selector does not match template labels`; the Argo Rollouts controller marks such a Rollout InvalidSpec), an apps/v1 one without a selector (`spec.selector: Required value`), and one whose selector is empty (it would adopt every pod of the namespace). A Job\'s selector is generated from its uid, so one written without `manualSelector: true` is rejected too (`selector not auto-generated`). The apply fails, and with it the rest of a Helm release or a GitOps sync.',
    remediation: 'Give the pod template every label the selector requires (`spec.template.metadata.labels`), usually by copying `selector.matchLabels` into it. On an existing apps/v1 object the selector cannot be changed, so change the template labels rather than the selector, or recreate the object. For Jobs and CronJobs leave `selector` out and let the API server generate it.',
    messages: {
      mismatch: 'spec.selector ({{selector}}) does not select the pod template\'s labels ({{labels}}), so {{rejection}} (selector does not match template labels). Add the labels the selector requires to spec.template.metadata.labels.',
      missing: '{{kind}} in {{apiVersion}} requires spec.selector, and this one has none, so the API server rejects it (spec.selector: Required value). Add selector.matchLabels with labels of the pod template ({{labels}}).',
      empty: 'spec.selector is empty, so it would select every pod in the namespace, and the API server rejects this {{kind}} (empty selector is invalid). Select the pod template\'s labels ({{labels}}) with matchLabels.',
      jobSelector: 'spec.selector is set without manualSelector: true, and the API server generates a Job\'s selector from its uid, so it rejects this one (selector not auto-generated). Remove spec.selector, or set manualSelector: true with labels unique to this Job.',
    },
    appliesTo: ['apps/Deployment', 'extensions/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'extensions/DaemonSet', 'apps/ReplicaSet', 'extensions/ReplicaSet', 'ReplicationController', 'batch/Job', 'batch/CronJob', 'argoproj.io/Rollout', 'apps.openshift.io/DeploymentConfig'],
  },
  check(resource, context) {
    const specPath = controllerSpecPath(resource);
    const spec = at(resource.object, specPath);
    if (!isObject(spec)) return;
    // An Argo Rollout with workloadRef takes its pods from a Deployment, which is checked on its own.
    if (!isObject(spec.template)) return;
    const labels = templateLabels(spec.template);
    if (!labels) return;
    const selectorPath = [...specPath, 'selector'];
    const raw = spec.selector;
    const isJob = resource.kind === 'Job' || resource.kind === 'CronJob';
    const data = { kind: resource.kind, labels: formatLabels(labels) };

    if (raw === undefined || raw === null) {
      if (CONTROLLER_KINDS.has(resource.kind) && SELECTOR_REQUIRED_IN.has(resource.apiVersion)) {
        context.report({ messageId: 'missing', data: { ...data, apiVersion: resource.apiVersion }, path: specPath, on: 'key' });
      }
      return;
    }
    if (isJob && spec.manualSelector !== true) {
      context.report({ messageId: 'jobSelector', data, path: selectorPath, on: 'key' });
      return;
    }
    // A ReplicationController's and a DeploymentConfig's selector is a plain map, defaulted from the template when empty.
    const selector = readWorkloadSelector(resource.groupKind, raw);
    if (!selector) return;
    if (isEmptySelector(selector)) {
      if (CONTROLLER_KINDS.has(resource.kind)) context.report({ messageId: 'empty', data, path: selectorPath, on: 'key' });
      return;
    }
    if (selectorMatches(selector, labels)) return;
    const templatePath = [...specPath, 'template'];
    const labelsPath = isObject(at(spec.template, ['metadata', 'labels'])) ? [...templatePath, 'metadata', 'labels'] : isObject((spec.template as KubeObject).metadata) ? [...templatePath, 'metadata'] : templatePath;
    context.report({
      messageId: 'mismatch',
      data: { ...data, selector: formatSelector(selector), rejection: resource.kind === 'Rollout' ? 'the Argo Rollouts controller refuses this Rollout as InvalidSpec' : `the API server rejects this ${resource.kind}` },
      path: selectorPath,
      on: 'key',
      related: [{ resource, path: labelsPath, on: 'key', message: 'the pod template\'s labels' }],
    });
  },
});
