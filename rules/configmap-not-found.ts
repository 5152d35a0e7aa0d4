import { createRule } from '../src/engine/builtin-rule.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import { lookUp } from '../src/model/lookup.js';
import { madeAtRunTime } from '../src/model/made.js';
import { podFailure } from '../src/model/references.js';

/**
 * ConfigMaps the cluster puts in every namespace: the API server's CA bundle (`kube-root-ca.crt`,
 * what projected service account volumes read), OpenShift's service CA bundle, and the mesh root
 * certificate istiod publishes in every namespace it watches.
 */
const IN_EVERY_NAMESPACE = new Set(['kube-root-ca.crt', 'openshift-service-ca.crt', 'istio-ca-root-cert']);

/** ConfigMaps the control plane keeps in one namespace: the API server's client CA for extension servers. */
const IN_NAMESPACE = new Set(['kube-system\u0000extension-apiserver-authentication', 'kube-public\u0000cluster-info']);

export default createRule({
  meta: {
    id: 'configmap-not-found',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'A pod names a ConfigMap that is not defined or declared external in its namespace.',
    rationale: 'Kubernetes accepts a pod that names a ConfigMap that does not exist and fails when the pod starts: a container that reads it through env or envFrom stays in CreateContainerConfigError, and a pod that mounts it hangs in ContainerCreating with FailedMount events. References never cross namespaces, so a ConfigMap defined in another namespace does not count.',
    remediation: 'Define the ConfigMap in the namespace of the pod (a Kustomize configMapGenerator or a chart template), fix the name if it is a typo, mark the reference `optional: true` when the pod can run without it, or list it under `externalResources` in the configuration when it is created outside these manifests. Counted as present: the ConfigMaps Kubernetes, OpenShift and Istio put in every namespace (`kube-root-ca.crt`, `openshift-service-ca.crt`, `istio-ca-root-cert`) and the control plane keeps in kube-system (`extension-apiserver-authentication`); a trust-manager Bundle\'s ConfigMap; ConfigMaps a Job or init container of the set is told to create in an argument or variable about ConfigMaps (`kubectl create configmap …`); and ConfigMaps named after an operator\'s custom resource in the same namespace (Strimzi `<cluster>-kafka-config`).',
    messages: {
      missing: 'ConfigMap "{{name}}" ({{via}}) is not defined in namespace "{{namespace}}", so the pod cannot start: {{failure}}. Define it, mark the reference optional: true if the pod can run without it, or list it under externalResources in the configuration if it is created elsewhere.',
      otherNamespace: 'ConfigMap "{{name}}" ({{via}}) is looked up in namespace "{{namespace}}", but it is defined only in {{namespaces}}: references to ConfigMaps never cross namespaces. Define it in "{{namespace}}" as well, or move this {{kind}} to the namespace of the ConfigMap.',
    },
    appliesTo: WORKLOAD_KINDS,
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    // In a partial run the ConfigMap may well be in a file that was not given.
    if (!index.complete) return {};
    const madeHere = madeAtRunTime(index);
    let bundles: Set<string> | undefined;
    // trust-manager writes each Bundle's target ConfigMap, named after the Bundle, into the namespaces it selects.
    const isBundle = (name: string): boolean => {
      bundles ??= new Set(index.ofKind('trust.cert-manager.io/Bundle').map((bundle) => bundle.name));
      return bundles.has(name);
    };
    return {
      check(resource) {
        for (const reference of index.referencesFrom(resource)) {
          if (reference.target !== 'ConfigMap' || reference.optional || IN_EVERY_NAMESPACE.has(reference.name)) continue;
          const found = lookUp(index, 'ConfigMap', reference.namespace, reference.name);
          if (found.kind === 'present') continue;
          const namespace = index.effectiveNamespace('ConfigMap', reference.namespace)!;
          if (IN_NAMESPACE.has(`${namespace}\u0000${reference.name}`) || isBundle(reference.name) || madeHere(namespace, reference.name)) continue;
          const data = { name: reference.name, via: reference.via, namespace };
          if (found.kind === 'otherNamespace') {
            context.report({ messageId: 'otherNamespace', data: { ...data, namespaces: found.namespaces, kind: resource.kind }, path: reference.path, related: found.related });
          } else {
            context.report({ messageId: 'missing', data: { ...data, failure: podFailure(reference) }, path: reference.path });
          }
        }
      },
    };
  },
});
