import { createRule } from '../src/engine/builtin-rule.js';
import { append } from '../src/model/collections.js';
import type { GroupKind } from '../src/model/kinds.js';
import { lookUp } from '../src/model/lookup.js';
import { isObjectName } from '../src/model/names.js';
import type { Resource } from '../src/model/resource.js';

const SERVED_BY_APPS_TOO = new Set(['apps/Deployment', 'apps/ReplicaSet']);

function groupOf(key: GroupKind): string {
  const slash = key.lastIndexOf('/');
  return slash === -1 ? '' : key.slice(0, slash);
}

function describeGroup(group: string): string {
  return group === '' ? 'the core group' : `group ${group}`;
}

export default createRule({
  meta: {
    id: 'hpa-target-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A HorizontalPodAutoscaler\'s `scaleTargetRef` names an object that is not defined in its namespace.',
    rationale: 'The API server accepts an autoscaler whatever it targets. When the target does not exist, or its apiVersion names another group than the target\'s (an Argo Rollout named with `apps/v1`, a Deployment with `extensions/v1beta1`, which clusters stopped serving in 1.16), the controller reports `FailedGetScale` and never scales anything, so the workload runs at its fixed replica count through every load peak while the autoscaler looks configured.',
    remediation: 'Point `scaleTargetRef` at the workload it should scale, with that workload\'s own apiVersion, kind and name, in the autoscaler\'s namespace (an autoscaler cannot scale across namespaces). List the target under `externalResources` in the configuration when it is created elsewhere.',
    messages: {
      missing: 'scaleTargetRef names {{kind}} "{{name}}" ({{apiVersion}}), which is not defined in namespace "{{namespace}}", so the autoscaler reports FailedGetScale and never scales. Fix the target, or list it under externalResources in the configuration if it is created elsewhere.',
      wrongGroup: 'scaleTargetRef names {{kind}} "{{name}}" in {{group}} ({{apiVersion}}), but "{{name}}" is defined as {{actual}}, so the autoscaler looks for an object that does not exist, reports FailedGetScale and never scales. Use apiVersion {{actualApiVersion}}.',
      otherNamespace: 'scaleTargetRef names {{kind}} "{{name}}", which is looked up in namespace "{{namespace}}" but defined only in {{namespaces}}: an autoscaler scales only objects of its own namespace, so it reports FailedGetScale and never scales. Move the autoscaler to the namespace of its target.',
    },
    appliesTo: ['autoscaling/HorizontalPodAutoscaler'],
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // In a partial run the target may well be in a file that was not given.
    if (!index.complete) return {};
    let byKindAndName: Map<string, Resource[]> | undefined;
    // Objects of a kind and name in any group and namespace, to say what the reference got wrong.
    const sameKindAndName = (kind: string, name: string): Resource[] => {
      if (!byKindAndName) {
        byKindAndName = new Map();
        for (const resource of index.resources) append(byKindAndName, `${resource.kind}\u0000${resource.name}`, resource);
      }
      return byKindAndName.get(`${kind}\u0000${name}`) ?? [];
    };
    return {
      check(resource) {
        const reference = index.referencesFrom(resource).find((candidate) => candidate.via === 'scaleTargetRef');
        if (!reference || !isObjectName(reference.name)) return;
        const target = resource.object.spec as { scaleTargetRef: { apiVersion: string; kind: string } };
        const { apiVersion, kind } = target.scaleTargetRef;
        const { name } = reference;
        const found = lookUp(index, reference.target, reference.namespace, name);
        if (found.kind === 'present') return;
        // The controller maps group and kind to a resource, and `extensions` no longer serves Deployments
        // or ReplicaSets; one written as `extensions` can only be applied where `apps` serves it as well.
        if (SERVED_BY_APPS_TOO.has(reference.target) && index.exists(`extensions/${kind}`, reference.namespace, name)) return;
        const namespace = index.namespaceOf(resource)!;
        const others = sameKindAndName(kind, name);
        const inNamespace = others.filter((other) => index.namespaceOf(other) === namespace);
        if (inNamespace.length > 0) {
          const actual = inNamespace[0]!;
          context.report({
            messageId: 'wrongGroup',
            data: { kind, name, apiVersion, group: describeGroup(groupOf(reference.target)), actual: `${actual.kind} of ${describeGroup(actual.group)}`, actualApiVersion: actual.apiVersion },
            path: ['spec', 'scaleTargetRef', 'apiVersion'],
            related: [{ resource: actual, path: ['apiVersion'], message: `${actual.kind} "${name}" (${actual.apiVersion})` }],
          });
          return;
        }
        if (found.kind === 'otherNamespace') {
          context.report({ messageId: 'otherNamespace', data: { kind, name, namespace, namespaces: found.namespaces }, path: reference.path, related: found.related });
          return;
        }
        context.report({ messageId: 'missing', data: { kind, name, apiVersion, namespace }, path: reference.path });
      },
    };
  },
});
