import { createRule } from '../src/engine/builtin-rule.js';
import { missingKeys } from '../src/model/data-keys.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';

export default createRule({
  meta: {
    id: 'configmap-key-not-found',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A pod reads a key that the ConfigMap defined in the set does not have.',
    rationale: 'A `configMapKeyRef` or a volume `items` entry naming a key the ConfigMap lacks fails only when the pod starts: the container stays in CreateContainerConfigError ("couldn\'t find key … in ConfigMap"), or the volume cannot be mounted and the pod hangs in ContainerCreating. A renamed key, or a file renamed in a configMapGenerator, breaks every pod that reads it at the next rollout.',
    remediation: 'Use a key the ConfigMap defines in `data` or `binaryData` (the message lists them), add the key to the ConfigMap, or mark the reference `optional: true` if the pod can run without it. ConfigMaps declared external, and those whose data a controller writes (reflected or replicated copies, OpenShift CA injection), are not checked. When a ConfigMap is defined twice, a key of either counts.',
    messages: {
      envKeyMissing: 'ConfigMap "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the container cannot start: CreateContainerConfigError. Use one of its keys, add "{{key}}" to the ConfigMap, or mark the reference optional: true.',
      volumeKeyMissing: 'ConfigMap "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the volume cannot be mounted and the pod stays in ContainerCreating. Use one of its keys, add "{{key}}" to the ConfigMap, or mark the volume optional: true.',
    },
    appliesTo: WORKLOAD_KINDS,
    scope: 'set',
  },
  check(resource, context) {
    for (const missing of missingKeys(context.index, resource, 'ConfigMap')) {
      context.report({ messageId: missing.env ? 'envKeyMissing' : 'volumeKeyMissing', data: missing.data, path: missing.path, related: missing.related });
    }
  },
});
