import { createRule } from '../src/engine/builtin-rule.js';
import { missingKeys } from '../src/model/data-keys.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';

export default createRule({
  meta: {
    id: 'secret-key-not-found',
    category: 'references',
    severity: 'error',
    precision: 'very-high',
    description: 'A pod reads a key that the Secret defined in the set does not have.',
    rationale: 'A `secretKeyRef` or a volume `items` entry naming a key the Secret lacks fails only when the pod starts: the container stays in CreateContainerConfigError ("couldn\'t find key … in Secret"), or the volume cannot be mounted and the pod hangs in ContainerCreating. A renamed key, or a typo in `data`, breaks every pod that reads it at the next rollout.',
    remediation: 'Use a key the Secret defines in `data` or `stringData` (the message lists them), add the key to the Secret, or mark the reference `optional: true` if the pod can run without it. Secrets whose data a controller writes (made by an ExternalSecret, SealedSecret or cert-manager, declared external, service account tokens, reflected or generated copies) are not checked. When a Secret is defined twice, a key of either counts.',
    messages: {
      envKeyMissing: 'Secret "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the container cannot start: CreateContainerConfigError. Use one of its keys, add "{{key}}" to the Secret, or mark the reference optional: true.',
      volumeKeyMissing: 'Secret "{{name}}" has no key "{{key}}" ({{via}}; {{keys}}), so the volume cannot be mounted and the pod stays in ContainerCreating. Use one of its keys, add "{{key}}" to the Secret, or mark the volume optional: true.',
    },
    appliesTo: WORKLOAD_KINDS,
    scope: 'set',
  },
  check(resource, context) {
    for (const missing of missingKeys(context.index, resource, 'Secret')) {
      context.report({ messageId: missing.env ? 'envKeyMissing' : 'volumeKeyMissing', data: missing.data, path: missing.path, related: missing.related });
    }
  },
});
