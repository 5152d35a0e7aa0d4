import { createRule } from '../src/engine/builtin-rule.js';
import type { Resource } from '../src/model/resource.js';

/**
 * Object names are lowercase DNS subdomains: anything else (`$SA_NAME`, `<KSA_NAME>`, `KSA_NAME`)
 * is a placeholder waiting for envsubst or a reader, not a name to look up.
 */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** How a message names the pods a workload makes. */
function podsOf(resource: Resource): string {
  return resource.kind === 'Pod' ? 'this Pod' : `the pods of this ${resource.kind}`;
}

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
    let byName: Map<string, Resource[]> | undefined;
    const definedElsewhere = (name: string): Resource[] => {
      if (!byName) {
        byName = new Map();
        for (const account of index.ofKind('ServiceAccount')) {
          const list = byName.get(account.name);
          if (list) list.push(account);
          else byName.set(account.name, [account]);
        }
      }
      return byName.get(name) ?? [];
    };
    return {
      check(resource) {
        for (const reference of index.referencesFrom(resource)) {
          // `default` is made by the ServiceAccount controller in every namespace.
          if (reference.target !== 'ServiceAccount' || reference.name === 'default' || !OBJECT_NAME.test(reference.name)) continue;
          if (index.exists('ServiceAccount', reference.namespace, reference.name)) continue;
          const namespace = index.effectiveNamespace('ServiceAccount', reference.namespace)!;
          const elsewhere = definedElsewhere(reference.name);
          if (elsewhere.length > 0) {
            const namespaces = [...new Set(elsewhere.map((account) => `"${index.namespaceOf(account)}"`))].join(', ');
            context.report({
              messageId: 'otherNamespace',
              data: { name: reference.name, via: reference.via, namespace, namespaces, kind: resource.kind, pods: podsOf(resource) },
              path: reference.path,
              related: elsewhere.map((account) => ({ resource: account, path: ['metadata', 'name'], message: `ServiceAccount "${account.name}" in namespace "${index.namespaceOf(account)}"` })),
            });
          } else {
            context.report({ messageId: 'missing', data: { name: reference.name, via: reference.via, namespace, pods: podsOf(resource) }, path: reference.path });
          }
        }
      },
    };
  },
});
