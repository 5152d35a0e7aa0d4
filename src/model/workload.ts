import type { ObjectPath } from '../core/types.js';
import { BATCH_KINDS, podMetadataPathOf, podSpecPathOf } from './kinds.js';
import { isObject, type KubeObject, type Resource } from './resource.js';

/**
 * Whether the workload's pods are meant to finish rather than serve: Jobs and CronJobs, and bare
 * Pods whose restartPolicy is Never or OnFailure (one-off tasks, test and debug pods).
 */
export function runsToCompletion(resource: Resource): boolean {
  if (BATCH_KINDS.has(resource.groupKind) || isHelmTestHook(resource)) return true;
  if (resource.groupKind !== 'Pod') return false;
  const policy = podSpec(resource)?.spec.restartPolicy;
  return policy === 'Never' || policy === 'OnFailure';
}

const HELM_TEST_HOOKS = new Set(['test', 'test-success', 'test-failure']);

/**
 * A Helm test hook (`helm.sh/hook: test`): a pod `helm test` runs once and throws away, never
 * rolled out or served from, so rollout and image-pinning checks do not apply to it.
 */
export function isHelmTestHook(resource: Resource): boolean {
  const metadata = resource.object.metadata;
  const annotations = isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : undefined;
  const hook = annotations?.['helm.sh/hook'];
  return typeof hook === 'string' && hook.split(',').some((part) => HELM_TEST_HOOKS.has(part.trim()));
}

/**
 * `Deployment web`: the selector, port and disruption rules all point at the workload behind a
 * pod template in their messages, and must name it the same way. An unnamed one is
 * `<unnamed Deployment>`, its name everywhere else, which already says its kind.
 */
export function workloadName(resource: Resource): string {
  return resource.unnamed ? resource.name : `${resource.kind} ${resource.name}`;
}

/**
 * `this Pod`, `the pods of this Deployment`: what fails when a pod's reference dangles is the
 * pods, which a workload's messages name through the object the user wrote.
 */
export function describePods(resource: Resource): string {
  return resource.kind === 'Pod' ? 'this Pod' : `the pods of this ${resource.kind}`;
}

export type ContainerRole = 'container' | 'initContainer' | 'ephemeralContainer';

const CONTAINER_LISTS: readonly [string, ContainerRole][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

export interface PodSpecRef {
  spec: KubeObject;
  path: ObjectPath;
}

export interface ContainerRef {
  container: KubeObject;
  /** Path of the container inside the resource, e.g. `['spec', 'template', 'spec', 'containers', 0]`. */
  path: ObjectPath;
  role: ContainerRole;
  /** The container's name, or `#n` when it has none. */
  name: string;
  /**
   * An init container with `restartPolicy: Always` is a sidecar: it keeps running beside the
   * app containers, so the serving checks apply to it as to a regular container.
   */
  sidecar: boolean;
}

/**
 * The pod template's own annotations (where AppArmor, legacy seccomp and injector settings
 * live) and their path, when the workload has a pod template with annotations.
 */
export function podAnnotations(resource: Resource): { annotations: KubeObject; path: ObjectPath } | undefined {
  const metadataPath = podMetadataPathOf(resource.groupKind);
  if (!metadataPath) return undefined;
  let current: unknown = resource.object;
  for (const segment of metadataPath) current = isObject(current) ? current[segment as string] : undefined;
  const annotations = isObject(current) ? current.annotations : undefined;
  return isObject(annotations) ? { annotations, path: [...metadataPath, 'annotations'] } : undefined;
}

/**
 * Answers kept per resource: most workload rules ask the same resource for its pod spec and
 * containers, and a run over ten thousand workloads otherwise rebuilds them dozens of times
 * each. Keyed weakly, so a run that lets a document go lets its answers go with it. Callers
 * must treat the answers as read-only, as they treat the resource.
 */
const podSpecs = new WeakMap<Resource, PodSpecRef | null>();
const containerLists = new WeakMap<Resource, readonly ContainerRef[]>();

/** The pod spec of a workload (the pod template's spec, or a Pod's own spec). */
export function podSpec(resource: Resource): PodSpecRef | undefined {
  const known = podSpecs.get(resource);
  if (known !== undefined) return known ?? undefined;
  const found = findPodSpec(resource);
  podSpecs.set(resource, found ?? null);
  return found;
}

function findPodSpec(resource: Resource): PodSpecRef | undefined {
  const path = podSpecPathOf(resource.groupKind);
  if (!path) return undefined;
  let current: unknown = resource.object;
  for (const segment of path) {
    if (!isObject(current)) return undefined;
    current = current[segment as string];
  }
  return isObject(current) ? { spec: current, path } : undefined;
}

/** Every container of a workload: init, regular and ephemeral, each with its path. */
export function containers(resource: Resource): readonly ContainerRef[] {
  let found = containerLists.get(resource);
  if (!found) containerLists.set(resource, (found = listContainers(resource)));
  return found;
}

function listContainers(resource: Resource): ContainerRef[] {
  const pod = podSpec(resource);
  if (!pod) return [];
  const found: ContainerRef[] = [];
  for (const [field, role] of CONTAINER_LISTS) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container: unknown, index) => {
      if (!isObject(container)) return;
      found.push({
        container,
        path: [...pod.path, field, index],
        role,
        name: typeof container.name === 'string' ? container.name : `#${index}`,
        sidecar: role === 'initContainer' && container.restartPolicy === 'Always',
      });
    });
  }
  return found;
}

/**
 * Whether OpenShift sets a container's image when it deploys: an ImageChange trigger of a
 * DeploymentConfig names the container, and replaces whatever image is written (a placeholder,
 * often empty or blank, which the API server accepts for that reason) with the image stream
 * tag's current image, by digest.
 */
export function imageSetByTrigger(resource: Resource, ref: ContainerRef): boolean {
  if (resource.groupKind !== 'apps.openshift.io/DeploymentConfig' || typeof ref.container.name !== 'string') return false;
  const spec = resource.object.spec;
  const triggers = isObject(spec) && Array.isArray(spec.triggers) ? spec.triggers : [];
  return triggers.some((trigger: unknown) => {
    if (!isObject(trigger) || trigger.type !== 'ImageChange' || !isObject(trigger.imageChangeParams)) return false;
    const names = trigger.imageChangeParams.containerNames;
    return Array.isArray(names) && names.includes(ref.container.name);
  });
}

/** Containers that serve for the pod's lifetime: regular containers and sidecars. */
export function longRunningContainers(resource: Resource): ContainerRef[] {
  return containers(resource).filter((ref) => ref.role === 'container' || ref.sidecar);
}
