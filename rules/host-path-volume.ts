import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { containerList, describeAccess, mountsOf, normalizeHostPath, runtimeSocket } from '../src/model/host-path.js';
import type { ContainerSecurity } from '../src/model/security.js';
import { podSpec } from '../src/model/workload.js';

/** A node path and what the node keeps there, for the message; `tree` covers everything below it too. */
interface Exposure {
  path: string;
  tree: boolean;
  what: string;
}

/**
 * Paths that hold the node's root filesystem or its credentials: reading them is enough to act as
 * the node (or as every pod on it), so they are errors however they are mounted, one level lower
 * only when every container mounting them reads them as a user that cannot be root.
 */
const CREDENTIALS: readonly Exposure[] = [
  { path: '/', tree: false, what: 'the node\'s whole filesystem' },
  { path: '/etc', tree: false, what: 'the node\'s configuration, password hashes and kubeconfigs included' },
  { path: '/etc/kubernetes', tree: true, what: 'the kubeconfigs and certificates of the kubelet and control plane' },
  { path: '/etc/rancher', tree: true, what: 'the k3s or RKE2 kubeconfig' },
  { path: '/etc/ssh', tree: true, what: 'the node\'s SSH host keys' },
  { path: '/etc/shadow', tree: false, what: 'the node\'s password hashes' },
  { path: '/etc/gshadow', tree: false, what: 'the node\'s group password hashes' },
  { path: '/root', tree: true, what: 'the home of the node\'s root user, SSH keys included' },
  { path: '/var/lib/kubelet', tree: false, what: 'the kubelet\'s credentials and every pod\'s volumes, Secrets included' },
  { path: '/var/lib/kubelet/pods', tree: true, what: 'every pod\'s volumes, Secrets and service account tokens included' },
  { path: '/var/lib/kubelet/pki', tree: true, what: 'the kubelet\'s certificates and private keys' },
  { path: '/var/lib/etcd', tree: true, what: 'the etcd data, every Secret of the cluster included' },
  { path: '/var/lib/rancher/k3s/server', tree: true, what: 'the k3s server\'s tokens, certificates and datastore' },
  { path: '/var/lib/rancher/rke2/server', tree: true, what: 'the RKE2 server\'s tokens, certificates and datastore' },
];

const PROGRAMS = 'programs the node runs as root';
const TRUSTED = 'files the node executes or trusts as root';

/**
 * Paths where writing runs code as root on the node: binaries, kernel settings and modules, the
 * boot loader, service and cron definitions. Read-only, they only tell what the node runs, and are
 * reported like any other hostPath.
 */
const SYSTEM: readonly Exposure[] = [
  { path: '/proc', tree: true, what: 'the node\'s /proc, with kernel settings such as core_pattern and every process\'s root directory' },
  { path: '/sys', tree: false, what: 'the node\'s kernel settings' },
  { path: '/sys/kernel', tree: true, what: 'the node\'s kernel settings, uevent_helper among them' },
  { path: '/sys/fs/cgroup', tree: true, what: 'the node\'s cgroups, whose release_agent the kernel runs as root' },
  { path: '/boot', tree: true, what: 'the node\'s kernel and boot loader' },
  { path: '/lib/modules', tree: true, what: 'kernel modules the node loads' },
  { path: '/usr/lib/modules', tree: true, what: 'kernel modules the node loads' },
  ...['/usr', '/bin', '/sbin', '/lib', '/lib64', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/local', '/usr/local/bin', '/usr/local/sbin'].map((path) => ({ path, tree: false, what: PROGRAMS })),
  { path: '/opt/cni/bin', tree: false, what: 'the CNI plugins the container runtime runs as root' },
  { path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', tree: true, what: 'the FlexVolume drivers the kubelet runs as root' },
  { path: '/var/lib/kubelet/volumeplugins', tree: true, what: 'the FlexVolume drivers the kubelet runs as root' },
  { path: '/var/lib/docker', tree: false, what: 'every container\'s image layers and filesystem' },
  { path: '/var/lib/containerd', tree: false, what: 'every container\'s image layers and filesystem' },
  ...['/etc/systemd', '/etc/cron.d', '/etc/init.d', '/etc/profile.d', '/etc/sudoers.d', '/var/spool/cron'].map((path) => ({ path, tree: true, what: TRUSTED })),
  ...['/etc/passwd', '/etc/group', '/etc/sudoers', '/etc/crontab', '/etc/ld.so.preload'].map((path) => ({ path, tree: false, what: TRUSTED })),
];

/**
 * The entry a node path exposes: the path itself or one inside a tree, else the first entry the
 * path holds, since mounting `/var/lib` or `/sys/fs` hands over `/var/lib/kubelet` or
 * `/sys/fs/cgroup` with it.
 */
function exposureIn(list: readonly Exposure[], path: string): Exposure | undefined {
  const at = list.find((entry) => path === entry.path || (entry.tree && path.startsWith(`${entry.path}/`)));
  if (at) return at;
  const inside = list.find((entry) => entry.path.startsWith(`${path}/`));
  return inside && { ...inside, what: `the directory holding ${inside.path}, ${inside.what}` };
}

/** The container cannot run as root: runAsNonRoot, or a non-zero runAsUser, its own or the pod's. */
function runsAsNonRoot(ref: ContainerSecurity): boolean {
  if (ref.setting('runAsNonRoot')?.value === true) return true;
  const user = ref.setting('runAsUser')?.value;
  return typeof user === 'number' && user > 0;
}

export default createRule({
  meta: {
    id: 'host-path-volume',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 8.0,
    podSecurity: { level: 'baseline', controls: ['HostPath Volumes'] },
    description: 'A pod mounts a directory or file of the node with a `hostPath` volume.',
    rationale:
      'A hostPath volume takes the container out of its own filesystem and into the node\'s: what it can read there it can leak, what it can write the node trusts, and the pod depends on what one particular node holds at that path. Some paths give the node away outright, and are reported as errors: the node\'s whole filesystem (`/`), its configuration and credentials (`/etc`, `/root`, `/etc/kubernetes`, the kubelet\'s `/var/lib/kubelet` with every pod\'s Secrets, etcd\'s data) however they are mounted, except read-only by containers that cannot run as root, which is one level lower; and, when a container can write them, the paths where writing runs code as root (`/proc`, `/sys`, binaries, kernel modules, `/boot`, cron and systemd units, the CNI and FlexVolume plugin directories). A directory that holds one of these paths (`/var/lib`, `/sys/fs`) counts as the path it holds. Every other hostPath is reported one level lower, as a warning: a log collector reading `/var/log` or a node exporter reading `/proc` and `/sys` read-only lands here. The baseline Pod Security Standard forbids every hostPath volume; those that mount a container runtime\'s socket are reported by `container-runtime-socket` instead, so no volume is reported twice.',
    remediation:
      'Use an emptyDir for scratch space, a ConfigMap or Secret for configuration, a PersistentVolumeClaim for data, and the downward API for facts about the pod. A node agent that needs the node\'s files (a log collector, a node exporter, a CNI or CSI node plugin) should mount the narrowest path it needs, read-only, as a non-root user, and be suppressed with a reason (`kubegate.io/ignore: host-path-volume` and `kubegate.io/ignore-reason`) in a namespace reserved for system components.',
    messages: {
      credentials:
        'Volume "{{volume}}" mounts {{path}} from the node, {{what}} ({{access}}): reading it is enough to act as the node or as the pods on it, and writing it takes the node. Remove the volume, or mount only the file the container needs; suppress with a reason only for a node agent that needs it.',
      credentialsReadOnly:
        'Volume "{{volume}}" mounts {{path}} from the node, {{what}} ({{access}}, which cannot run as root): they still read every world-readable file there, and any root process that later gets the mount reads the rest. Mount only the file the container needs; suppress with a reason only for a node agent that needs it.',
      systemWritable:
        'Volume "{{volume}}" mounts {{path}} from the node, {{what}} ({{access}}): writing there runs code as root on the node. Mount it readOnly, or only the file the container needs; suppress with a reason only for a node agent that needs to write it.',
      hostPath:
        'Volume "{{volume}}" mounts {{path}} from the node ({{access}}): it opens the node\'s own files to the container, outside the container\'s filesystem, and the pod depends on what each node holds there. Use an emptyDir, ConfigMap, Secret or PersistentVolumeClaim instead; a log collector or node agent that needs the node\'s files can keep it, read-only, with a suppression and a reason.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    const volumes = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isObject(volume) || !isObject(volume.hostPath)) return;
      const raw = volume.hostPath.path;
      if (typeof raw === 'string' && runtimeSocket(raw, volume.hostPath.type)) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${index}`;
      const mounts = mountsOf(resource, name);
      const path = typeof raw === 'string' ? raw : '(no path)';
      const at = [...pod.path, 'volumes', index, 'hostPath', 'path'];
      // Windows paths (`C:\...`) have none of the Linux node's meaning: reported as any hostPath.
      const normalized = typeof raw === 'string' && raw.startsWith('/') ? normalizeHostPath(raw) : undefined;
      const credentials = normalized === undefined ? undefined : exposureIn(CREDENTIALS, normalized);
      const system = normalized === undefined ? undefined : exposureIn(SYSTEM, normalized);
      // A volume no container mounts exposes nothing yet; it is still a hostPath the standard forbids.
      if (credentials && mounts.length > 0) {
        if (mounts.every((mount) => mount.readOnly && runsAsNonRoot(mount.container))) {
          context.report({ messageId: 'credentialsReadOnly', data: { volume: name, path, what: credentials.what, access: `mounted read-only by ${containerList(mounts)}` }, path: at, downgrade: true });
        } else {
          context.report({ messageId: 'credentials', data: { volume: name, path, what: credentials.what, access: describeAccess(mounts) }, path: at });
        }
      } else if (system && mounts.some((mount) => !mount.readOnly)) {
        context.report({ messageId: 'systemWritable', data: { volume: name, path, what: system.what, access: describeAccess(mounts) }, path: at });
      } else {
        context.report({ messageId: 'hostPath', data: { volume: name, path, access: describeAccess(mounts) }, path: at, downgrade: true });
      }
    });
  },
});
