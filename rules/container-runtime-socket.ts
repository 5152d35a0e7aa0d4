import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, type Resource } from '../src/model/resource.js';
import { containers, podSpec } from '../src/model/workload.js';
import { normalizeHostPath } from '../src/model/security.js';

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
 * named pipe. `host-path-volume` keeps an identical copy to leave these volumes to this rule.
 */
function runtimeSocket(rawPath: string, type: unknown): { runtime: string; kind: 'socket' | 'directory' } | undefined {
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

/** `mounted writable by container "a"`, `mounted read-only by containers "a", "b"`: how the pod reaches a volume. */
function accessOf(resource: Resource, volume: string): string {
  const readOnly: string[] = [];
  const writable: string[] = [];
  for (const ref of containers(resource)) {
    const mounts = ref.container.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    for (const mount of mounts) {
      if (!isObject(mount) || mount.name !== volume) continue;
      (mount.readOnly === true ? readOnly : writable).push(ref.name);
    }
  }
  const list = (names: string[]) => {
    const unique = [...new Set(names)];
    return `${unique.length === 1 ? 'container' : 'containers'} ${unique.map((name) => `"${name}"`).join(', ')}`;
  };
  if (writable.length > 0) return `mounted writable by ${list(writable)}`;
  if (readOnly.length > 0) return `mounted read-only by ${list(readOnly)}`;
  return 'declared, though no container mounts it yet';
}

export default createRule({
  meta: {
    id: 'container-runtime-socket',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 9.4,
    podSecurity: { level: 'baseline', controls: ['HostPath Volumes'] },
    description: 'A hostPath volume mounts the container runtime\'s socket (Docker, containerd, CRI-O, Podman) or the directory that holds it.',
    rationale:
      'The container runtime\'s socket is its whole API, without authorization: whoever can connect to it starts a privileged container with the node\'s root filesystem mounted, reads every other container\'s environment and files, and is root on the node, whatever the pod\'s own securityContext says. Mounting it read-only changes nothing, since connecting to a socket is not a write to the filesystem. A directory such as `/var/run` or `/run/containerd` holds the socket and counts the same, and so does a Windows named pipe such as `\\\\.\\pipe\\docker_engine`. The baseline Pod Security Standard forbids every hostPath volume; this rule reports these ones, and `host-path-volume` the others, so each volume is reported once. Monitoring agents and CI runners that mount the socket are reported too: taking one over is taking the node.',
    remediation:
      'Remove the volume. Build images with a builder that needs no daemon (BuildKit rootless, Kaniko, Buildah) instead of the node\'s Docker; read container metadata from the Kubernetes API or the kubelet instead of the runtime. For a node agent that truly needs the runtime, suppress the finding with a reason and run it in a namespace reserved for privileged system components.',
    messages: {
      socket:
        'Volume "{{volume}}" mounts {{path}}, the {{runtime}} socket of the node ({{access}}): whoever connects to it can start a privileged container and is root on the node, whatever this pod\'s securityContext says, and readOnly does not stop a client from connecting. Remove the volume; suppress with a reason only for a node agent that needs the runtime.',
      directory:
        'Volume "{{volume}}" mounts {{path}} from the node ({{access}}), the directory that holds the {{runtime}} socket: whoever connects to the socket can start a privileged container and is root on the node, whatever this pod\'s securityContext says, and readOnly does not stop a client from connecting. Mount only what the container needs, never the socket; suppress with a reason only for a node agent that needs the runtime.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    const volumes = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isObject(volume) || !isObject(volume.hostPath) || typeof volume.hostPath.path !== 'string') return;
      const path = volume.hostPath.path;
      const found = runtimeSocket(path, volume.hostPath.type);
      if (!found) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${index}`;
      context.report({
        messageId: found.kind,
        data: { volume: name, path, runtime: found.runtime, access: accessOf(resource, name) },
        path: [...pod.path, 'volumes', index, 'hostPath', 'path'],
      });
    });
  },
});
