import type { ObjectPath } from '../core/types.js';
import { isObject, type KubeObject, type Resource } from './resource.js';
import { containers, podSpec, type ContainerRef, type PodSpecRef } from './workload.js';

/** A security setting as a container ends up with it, and where the manifest says so. */
export interface EffectiveSetting {
  value: unknown;
  /** Path of the field that decides: the container's own, or the pod's it inherits. */
  path: ObjectPath;
  from: 'container' | 'pod';
}

/**
 * Fields a pod's securityContext sets for every container unless the container sets its own.
 * Everything else in a container's securityContext (privileged, capabilities, …) exists only there.
 */
const INHERITED = new Set(['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'windowsOptions']);

export interface ContainerSecurity extends ContainerRef {
  pod: PodSpecRef;
  /** The container's own securityContext, when it has one. */
  context: KubeObject | undefined;
  /** Path where the container's securityContext is or would be written. */
  contextPath: ObjectPath;
  /**
   * What the container runs with for a securityContext field: its own value, else the pod's for
   * the fields a pod can set. Undefined when neither says anything.
   */
  setting(field: string): EffectiveSetting | undefined;
}

/** The pod-level securityContext of a workload and its path, when it has one. */
export function podSecurityContext(pod: PodSpecRef): { context: KubeObject; path: ObjectPath } | undefined {
  const context = pod.spec.securityContext;
  return isObject(context) ? { context, path: [...pod.path, 'securityContext'] } : undefined;
}

/** Every container of a workload with what its security settings resolve to. */
export function containerSecurity(resource: Resource): ContainerSecurity[] {
  const pod = podSpec(resource);
  if (!pod) return [];
  const podLevel = podSecurityContext(pod);
  return containers(resource).map((ref) => {
    const own = isObject(ref.container.securityContext) ? ref.container.securityContext : undefined;
    const contextPath = [...ref.path, 'securityContext'];
    return {
      ...ref,
      pod,
      context: own,
      contextPath,
      setting(field: string): EffectiveSetting | undefined {
        if (own && own[field] !== undefined && own[field] !== null) return { value: own[field], path: [...contextPath, field], from: 'container' };
        if (!INHERITED.has(field) || !podLevel) return undefined;
        const value = podLevel.context[field];
        return value === undefined || value === null ? undefined : { value, path: [...podLevel.path, field], from: 'pod' };
      },
    };
  });
}
