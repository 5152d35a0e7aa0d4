import { isObject, type Resource } from './resource.js';
import { containerSecurity, type ContainerSecurity } from './security.js';

/**
 * What the node's paths mean to a pod that mounts them with a hostPath volume: the path as the
 * node resolves it, the container runtime's sockets, and which containers reach the volume how.
 */

/**
 * A host path as the node resolves it: `.`, `..` and repeated or trailing slashes removed, and
 * `/var/run` read as `/run`, which it links to.
 */
export function normalizeHostPath(raw: string): string {
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const path = `/${parts.join('/')}`;
  return path === '/var/run' || path.startsWith('/var/run/') ? `/run${path.slice('/var/run'.length)}` : path;
}

/** Socket file names of the container runtimes, wherever a distribution puts them. */
const SOCKETS: ReadonlyMap<string, string> = new Map([
  ['docker.sock', 'Docker'],
  ['containerd.sock', 'containerd'],
  ['containerd.sock.ttrpc', 'containerd'],
  ['crio.sock', 'CRI-O'],
  ['dockershim.sock', 'dockershim'],
  ['cri-dockerd.sock', 'cri-dockerd'],
  ['podman.sock', 'Podman'],
]);

/** Directories that hold a runtime's socket, with `/var/run` written as `/run` (its target on every current distribution). */
const DIRECTORIES: ReadonlyMap<string, string> = new Map([
  ['/run', 'container runtime'],
  ['/run/docker', 'Docker'],
  ['/run/containerd', 'containerd'],
  ['/run/docker/containerd', 'containerd'],
  ['/run/crio', 'CRI-O'],
  ['/run/cri-dockerd', 'cri-dockerd'],
  ['/run/podman', 'Podman'],
  ['/run/k3s', 'containerd'],
  ['/run/k3s/containerd', 'containerd'],
  ['/var/snap/microk8s/common/run', 'containerd'],
]);

/** The named pipes Docker and containerd listen on on Windows nodes. */
const PIPES: ReadonlyMap<string, string> = new Map([
  ['docker_engine', 'Docker'],
  ['containerd-containerd', 'containerd'],
]);

/**
 * Whether a hostPath reaches a container runtime's API: its socket (by file name, so that custom
 * locations are found too), a directory holding it, a socket inside such a directory, or a Windows
 * named pipe. container-runtime-socket reports these volumes, and host-path-volume leaves them to it.
 */
export function runtimeSocket(rawPath: string, type: unknown): { runtime: string; kind: 'socket' | 'directory' } | undefined {
  if (rawPath.includes('\\') || rawPath.toLowerCase().startsWith('//./pipe/')) {
    const pipe = rawPath.replaceAll('\\', '/').toLowerCase();
    const name = pipe.startsWith('//./pipe/') ? pipe.slice('//./pipe/'.length) : undefined;
    const runtime = name === undefined ? undefined : PIPES.get(name);
    return runtime === undefined ? undefined : { runtime, kind: 'socket' };
  }
  if (!rawPath.startsWith('/')) return undefined;
  const path = normalizeHostPath(rawPath);
  const byName = SOCKETS.get(path.slice(path.lastIndexOf('/') + 1));
  if (byName !== undefined) return { runtime: byName, kind: 'socket' };
  const directory = DIRECTORIES.get(path);
  if (directory !== undefined) return { runtime: directory, kind: 'directory' };
  if (type !== 'Socket') return undefined;
  // Any socket under a runtime's own directory is one of its endpoints; `/run` itself is shared by everything.
  for (const [prefix, runtime] of DIRECTORIES) {
    if (prefix !== '/run' && path.startsWith(`${prefix}/`)) return { runtime, kind: 'socket' };
  }
  return undefined;
}

/** A container's mount of a pod volume. */
export interface VolumeMount {
  container: ContainerSecurity;
  readOnly: boolean;
}

/** Every mount of the pod volume named `volume`, container by container. */
export function mountsOf(resource: Resource, volume: string): VolumeMount[] {
  const found: VolumeMount[] = [];
  for (const container of containerSecurity(resource)) {
    const mounts = container.container.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    for (const mount of mounts) if (isObject(mount) && mount.name === volume) found.push({ container, readOnly: mount.readOnly === true });
  }
  return found;
}

/** `container "a"`, `containers "a", "b"`: the containers of some mounts, each once. */
export function containerList(mounts: readonly VolumeMount[]): string {
  const names = [...new Set(mounts.map((mount) => mount.container.name))];
  return `${names.length === 1 ? 'container' : 'containers'} ${names.map((name) => `"${name}"`).join(', ')}`;
}

/** `mounted writable by container "a"`, `mounted read-only by containers "a", "b"`: how the pod reaches a volume. */
export function describeAccess(mounts: readonly VolumeMount[]): string {
  const writable = mounts.filter((mount) => !mount.readOnly);
  if (writable.length > 0) return `mounted writable by ${containerList(writable)}`;
  if (mounts.length > 0) return `mounted read-only by ${containerList(mounts)}`;
  return 'declared, though no container mounts it yet';
}
