import type { HighlightTarget, ObjectPath } from '../core/types.js';
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

class ResolvedContainer implements ContainerSecurity {
  readonly container: KubeObject;
  readonly path: ObjectPath;
  readonly role: ContainerRef['role'];
  readonly name: string;
  readonly sidecar: boolean;
  readonly context: KubeObject | undefined;
  readonly contextPath: ObjectPath;

  constructor(
    ref: ContainerRef,
    readonly pod: PodSpecRef,
    private readonly podLevel: { context: KubeObject; path: ObjectPath } | undefined,
  ) {
    this.container = ref.container;
    this.path = ref.path;
    this.role = ref.role;
    this.name = ref.name;
    this.sidecar = ref.sidecar;
    this.context = isObject(ref.container.securityContext) ? ref.container.securityContext : undefined;
    this.contextPath = [...ref.path, 'securityContext'];
  }

  setting(field: string): EffectiveSetting | undefined {
    const own = this.context?.[field];
    if (own !== undefined && own !== null) return { value: own, path: [...this.contextPath, field], from: 'container' };
    if (!this.podLevel || !INHERITED.has(field)) return undefined;
    const value = this.podLevel.context[field];
    return value === undefined || value === null ? undefined : { value, path: [...this.podLevel.path, field], from: 'pod' };
  }
}

/** Kept per resource: every security rule asks each workload the same question. */
const resolved = new WeakMap<Resource, readonly ContainerSecurity[]>();

/** Every container of a workload with what its security settings resolve to. */
export function containerSecurity(resource: Resource): readonly ContainerSecurity[] {
  let found = resolved.get(resource);
  if (!found) {
    const pod = podSpec(resource);
    const podLevel = pod && podSecurityContext(pod);
    found = pod ? containers(resource).map((ref) => new ResolvedContainer(ref, pod, podLevel)) : [];
    resolved.set(resource, found);
  }
  return found;
}

/**
 * A pod declared to run on Windows nodes, where Linux capabilities, privilege escalation, seccomp
 * and a read-only root filesystem do not exist (the API rejects those fields there): the Pod
 * Security Standards exempt such pods from those controls.
 */
export function isWindowsPod(pod: PodSpecRef): boolean {
  return isObject(pod.spec.os) && pod.spec.os.name === 'windows';
}

/**
 * Where a pod or its containers set `<field>.type: Unconfined` (seccompProfile, appArmorProfile):
 * the pod's own field, once even where every container overrides it (the standards reject the pod
 * for it all the same), then each container's.
 */
export function unconfinedProfiles(resource: Resource, field: 'seccompProfile' | 'appArmorProfile'): { container?: string; path: ObjectPath }[] {
  const pod = podSpec(resource);
  if (!pod) return [];
  const found: { container?: string; path: ObjectPath }[] = [];
  const podLevel = podSecurityContext(pod);
  const podProfile = podLevel?.context[field];
  if (podLevel && isObject(podProfile) && podProfile.type === 'Unconfined') found.push({ path: [...podLevel.path, field, 'type'] });
  for (const ref of containerSecurity(resource)) {
    const profile = ref.context?.[field];
    if (isObject(profile) && profile.type === 'Unconfined') found.push({ container: ref.name, path: [...ref.contextPath, field, 'type'] });
  }
  return found;
}

/**
 * Where to show a securityContext field a container does not write: its securityContext key when
 * it has one, else its name (the container itself when it has none).
 */
export function missingSettingAt(ref: ContainerSecurity): { path: ObjectPath; on: HighlightTarget } {
  if (ref.context) return { path: ref.contextPath, on: 'key' };
  return { path: typeof ref.container.name === 'string' ? [...ref.path, 'name'] : ref.path, on: 'value' };
}
