import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { scaleTargetsOf } from '../src/model/autoscaling.js';
import { hasQuantity } from '../src/model/quantity.js';
import { isObject, type KubeObject, type Resource } from '../src/model/resource.js';
import { isHelmTestHook, longRunningContainers, podSpec, workloadName, type ContainerRef } from '../src/model/workload.js';

type ResourceName = 'cpu' | 'memory';

/** A utilization target of an HPA: on every container of the pod, or on one named container. */
interface UtilizationMetric {
  resource: ResourceName;
  /** For `ContainerResource` metrics: the only container whose request counts. */
  container: string | undefined;
  path: ObjectPath;
  /** No metric written: the controller's default, 80% CPU. */
  defaulted: boolean;
}

function utilizationTarget(source: KubeObject, at: ObjectPath): ObjectPath | undefined {
  // autoscaling/v2 and v2beta2: `target: {type: Utilization, averageUtilization}`.
  if (isObject(source.target) && source.target.type === 'Utilization') {
    return source.target.averageUtilization === undefined ? [...at, 'target', 'type'] : [...at, 'target', 'averageUtilization'];
  }
  // autoscaling/v2beta1: `targetAverageUtilization`.
  if (source.targetAverageUtilization !== undefined) return [...at, 'targetAverageUtilization'];
  return undefined;
}

/** The utilization metrics of an HPA in any of its API versions, with the controller's CPU default when it has none. */
function utilizationMetrics(hpa: Resource): UtilizationMetric[] {
  const spec = hpa.object.spec;
  if (!isObject(spec)) return [];
  if (hpa.apiVersion === 'autoscaling/v1' || spec.targetCPUUtilizationPercentage !== undefined) {
    if (spec.targetCPUUtilizationPercentage !== undefined) return [{ resource: 'cpu', container: undefined, path: ['spec', 'targetCPUUtilizationPercentage'], defaulted: false }];
    return [{ resource: 'cpu', container: undefined, path: ['spec'], defaulted: true }];
  }
  if (spec.metrics === undefined || spec.metrics === null || (Array.isArray(spec.metrics) && spec.metrics.length === 0)) {
    return [{ resource: 'cpu', container: undefined, path: ['spec'], defaulted: true }];
  }
  if (!Array.isArray(spec.metrics)) return [];
  const found: UtilizationMetric[] = [];
  spec.metrics.forEach((metric, i) => {
    if (!isObject(metric)) return;
    for (const [field, perContainer] of [['resource', false], ['containerResource', true]] as const) {
      const source = metric[field];
      if (!isObject(source) || (source.name !== 'cpu' && source.name !== 'memory')) continue;
      if (perContainer && typeof source.container !== 'string') continue;
      const path = utilizationTarget(source, ['spec', 'metrics', i, field]);
      if (path) found.push({ resource: source.name, container: perContainer ? (source.container as string) : undefined, path, defaulted: false });
    }
  });
  return found;
}

/**
 * Containers whose share of the pod's request cannot be known. The API server copies a lone limit
 * into the request, and pod-level resources cover every container of the pod; a container metric
 * needs the container's own request.
 */
function withoutRequest(workload: Resource, metric: UtilizationMetric): ContainerRef[] {
  const serving = longRunningContainers(workload);
  const has = (owner: KubeObject) => hasQuantity(owner, 'requests', metric.resource) || hasQuantity(owner, 'limits', metric.resource);
  if (metric.container !== undefined) return serving.filter((ref) => ref.name === metric.container && !has(ref.container));
  const pod = podSpec(workload);
  if (pod && has(pod.spec)) return [];
  return serving.filter((ref) => !has(ref.container));
}

export default createRule({
  meta: {
    id: 'hpa-cpu-request-missing',
    category: 'rollout',
    severity: 'error',
    precision: 'high',
    description: 'A HorizontalPodAutoscaler scales on CPU or memory utilization of containers that request none.',
    rationale: 'Utilization is usage divided by the request. When a container the HPA measures has no CPU (or memory) request, the controller cannot compute the ratio for any pod, marks the metric invalid (FailedGetResourceMetric) and does not scale on it: the workload stays at its current size through a traffic peak. An HPA without metrics scales on CPU utilization (80%) by default, with the same need.',
    remediation: 'Give every container of the target\'s pod template (sidecars included; for a ContainerResource metric, the named container) `resources.requests.cpu` (or `memory`), or a pod-level request, or a LimitRange default in the namespace; or scale on an `AverageValue` target instead of `Utilization`.',
    messages: {
      cpu: 'This HPA scales on CPU utilization, but {{containers}} of {{workload}} {{verb}} no CPU request, so utilization cannot be computed and the HPA never scales on it. Add resources.requests.cpu to {{containers}}.',
      memory: 'This HPA scales on memory utilization, but {{containers}} of {{workload}} {{verb}} no memory request, so utilization cannot be computed and the HPA never scales on it. Add resources.requests.memory to {{containers}}.',
      defaultCpu: 'This HPA has no metrics, so it scales on CPU utilization (80%, the default), but {{containers}} of {{workload}} {{verb}} no CPU request, so utilization cannot be computed and the HPA never scales. Add resources.requests.cpu to {{containers}}, or give the HPA metrics.',
    },
    appliesTo: ['autoscaling/HorizontalPodAutoscaler'],
  },
  create(context) {
    const { index } = context;
    let defaulted: Set<string> | undefined;
    /** Namespaces whose LimitRange gives containers a default request (or limit, copied into it) of a resource. */
    const limitRangeDefault = (namespace: string | undefined, name: ResourceName): boolean => {
      if (!defaulted) {
        defaulted = new Set();
        for (const range of index.ofKind('LimitRange')) {
          const spec = range.object.spec;
          if (!isObject(spec) || !Array.isArray(spec.limits)) continue;
          for (const limit of spec.limits) {
            if (!isObject(limit) || limit.type !== 'Container') continue;
            for (const resource of ['cpu', 'memory'] as const) {
              for (const field of ['defaultRequest', 'default']) {
                if (isObject(limit[field]) && limit[field][resource] !== undefined && limit[field][resource] !== null) defaulted.add(`${index.namespaceOf(range)}\u0000${resource}`);
              }
            }
          }
        }
      }
      return defaulted.has(`${namespace}\u0000${name}`);
    };
    return {
      check(hpa) {
        const metrics = utilizationMetrics(hpa);
        if (metrics.length === 0) return;
        const namespace = index.namespaceOf(hpa);
        for (const workload of scaleTargetsOf(index, hpa)) {
          if (!podSpec(workload) || isHelmTestHook(workload)) continue;
          for (const metric of metrics) {
            if (limitRangeDefault(namespace, metric.resource)) continue;
            const missing = withoutRequest(workload, metric);
            if (missing.length === 0) continue;
            const containers = missing.length === 1 ? `container "${missing[0]!.name}"` : `containers ${missing.map((ref) => `"${ref.name}"`).join(', ')}`;
            context.report({
              messageId: metric.defaulted ? 'defaultCpu' : metric.resource,
              data: { containers, workload: workloadName(workload), verb: missing.length === 1 ? 'has' : 'have' },
              path: metric.path,
              ...(metric.defaulted ? { on: 'key' as const } : {}),
              related: missing.map((ref) => ({ resource: workload, path: [...ref.path, 'name'], message: `container "${ref.name}" has no ${metric.resource === 'cpu' ? 'CPU' : 'memory'} request` })),
            });
          }
        }
      },
    };
  },
});
