import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { describeAccess, mountsOf, runtimeSocket } from '../src/model/host-path.js';
import { podSpec } from '../src/model/workload.js';

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
        data: { volume: name, path, runtime: found.runtime, access: describeAccess(mountsOf(resource, name)) },
        path: [...pod.path, 'volumes', index, 'hostPath', 'path'],
      });
    });
  },
});
