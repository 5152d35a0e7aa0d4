import { createRule } from '../src/engine/builtin-rule.js';
import { lookUp } from '../src/model/lookup.js';
import { isObjectName } from '../src/model/names.js';
import { describePods } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'service-account-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A pod template runs as a ServiceAccount that is not defined or declared external in its namespace.',
    rationale: 'The API server accepts a Deployment (or any workload) whose pods name a ServiceAccount that does not exist, and then refuses every pod: the ReplicaSet, StatefulSet or Job reports `serviceaccount "x" not found` in its events, no pod is created, and the rollout waits until its deadline. Only `default` is made in every namespace; references never cross namespaces.',
    remediation: 'Define the ServiceAccount in the namespace of the workload (charts usually do it behind a `serviceAccount.create` value), fix the name if it is a typo, or list it under `externalResources` in the configuration when it is created outside these manifests.',
    messages: {
      missing: 'ServiceAccount "{{name}}" ({{via}}) is not defined in namespace "{{namespace}}", so the API server refuses {{pods}} (serviceaccount "{{name}}" not found). Define it, fix the name, or list it under externalResources in the configuration if it is created elsewhere.',
      otherNamespace: 'ServiceAccount "{{name}}" ({{via}}) is looked up in namespace "{{namespace}}", but it is defined only in {{namespaces}}: pods can only use a ServiceAccount of their own namespace, so the API server refuses {{pods}}. Define it in "{{namespace}}" as well, or move this {{kind}} to its namespace.',
    },
    appliesTo: 'workloads',
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // In a partial run the ServiceAccount may well be in a file that was not given.
    if (!index.complete) return {};
    return {
      check(resource) {
        for (const reference of index.referencesFrom(resource)) {
          // `default` is made by the ServiceAccount controller in every namespace.
          if (reference.target !== 'ServiceAccount' || reference.name === 'default' || !isObjectName(reference.name)) continue;
          const found = lookUp(index, 'ServiceAccount', reference.namespace, reference.name);
          if (found.kind === 'present') continue;
          const data = { name: reference.name, via: reference.via, namespace: index.effectiveNamespace('ServiceAccount', reference.namespace)!, pods: describePods(resource) };
          if (found.kind === 'otherNamespace') {
            context.report({ messageId: 'otherNamespace', data: { ...data, namespaces: found.namespaces, kind: resource.kind }, path: reference.path, related: found.related });
          } else {
            context.report({ messageId: 'missing', data, path: reference.path });
          }
        }
      },
    };
  },
});
