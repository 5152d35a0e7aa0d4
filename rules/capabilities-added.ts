import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { containerSecurity } from '../src/model/security.js';

/** What the baseline Pod Security Standard lets a container add: the container runtimes' default set, without NET_RAW. */
const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** Every Linux capability, without its CAP_ prefix, as of Linux 5.9 (CHECKPOINT_RESTORE). */
const LINUX_CAPABILITIES = new Set([
  'AUDIT_CONTROL', 'AUDIT_READ', 'AUDIT_WRITE', 'BLOCK_SUSPEND', 'BPF', 'CHECKPOINT_RESTORE', 'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID',
  'IPC_LOCK', 'IPC_OWNER', 'KILL', 'LEASE', 'LINUX_IMMUTABLE', 'MAC_ADMIN', 'MAC_OVERRIDE', 'MKNOD', 'NET_ADMIN', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_RAW',
  'PERFMON', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYSLOG', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_CHROOT', 'SYS_MODULE', 'SYS_NICE', 'SYS_PACCT', 'SYS_PTRACE',
  'SYS_RAWIO', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'WAKE_ALARM',
]);

/** Capabilities that reach past the container into the node's kernel, whatever else the pod is granted. */
const NODE_LEVEL: ReadonlyMap<string, string> = new Map([
  ['ALL', 'grants every capability, nearly what privileged: true grants'],
  ['SYS_ADMIN', 'lets it mount filesystems and reach most kernel administration interfaces, the usual way out of a container'],
  ['SYS_MODULE', 'lets it load kernel modules, that is run any code in the node\'s kernel'],
  ['SYS_RAWIO', 'gives it raw access to I/O ports and device memory of the node'],
  ['SYS_BOOT', 'lets it load and boot another kernel on the node'],
  ['DAC_READ_SEARCH', 'lets it open any file of the node\'s filesystems by handle, past the container\'s mounts'],
  ['BPF', 'lets it load eBPF programs into the node\'s kernel (with PERFMON they can read the memory of any process on the node), and the eBPF verifier is a known way to kernel privileges'],
]);

/**
 * Capabilities whose reach is the pod's own namespace, unless the pod shares the node's: then they
 * act on the node itself.
 */
const HOST_NAMESPACE_LEVEL: ReadonlyMap<string, { field: 'hostNetwork' | 'hostPID'; effect: string }> = new Map([
  ['NET_ADMIN', { field: 'hostNetwork', effect: 'with hostNetwork lets it reconfigure the node\'s interfaces, routes and firewall' }],
  ['SYS_PTRACE', { field: 'hostPID', effect: 'with hostPID lets it trace and inject code into any process of the node' }],
]);

/**
 * The name a runtime grants: containerd and CRI-O compare case-insensitively and CRI-O also
 * strips a CAP_ prefix, while Pod Security admission compares the name as written.
 */
function canonical(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export default createRule({
  meta: {
    id: 'capabilities-added',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 8.5,
    podSecurity: { level: 'baseline', controls: ['Capabilities'] },
    description: 'A container adds a Linux capability outside the default set the baseline Pod Security Standard allows.',
    rationale:
      'Capabilities split root\'s powers; a container runtime grants a small default set, and the baseline Pod Security Standard lets a container add only those (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT). Some capabilities reach the node\'s kernel and are as good as root on the node: ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO, SYS_BOOT, DAC_READ_SEARCH, BPF, and NET_ADMIN with hostNetwork or SYS_PTRACE with hostPID; those are reported as errors. Others (NET_RAW, IPC_LOCK, SYS_NICE, SYS_TIME, PERFMON, MAC_ADMIN, NET_ADMIN inside the pod\'s own network, ...) widen what an attacker in the container can do without handing over the node, and are reported one severity lower; so are names the runtime would read as a default capability but admission rejects as written (`CAP_CHOWN`, `chown`: admission compares names exactly, containerd does not strip a CAP_ prefix) and names that are no capability at all. A privileged container has every capability whatever it adds, so it is left to privileged-container. Node agents (CNI agents, eBPF-based tools, CSI node plugins) add such capabilities by design: the finding is still what they are granted.',
    remediation:
      'Remove the capability unless the container needs it, and write the ones it keeps in capitals without the CAP_ prefix (`NET_BIND_SERVICE`). Prefer narrower ones: NET_BIND_SERVICE to bind a port below 1024 instead of root, NET_ADMIN without hostNetwork to set up the pod\'s own network. For a node agent that needs a capability on the node, run it in a namespace labelled for the privileged Pod Security level and suppress this finding with the reason.',
    messages: {
      nodeLevel:
        'Container "{{container}}" adds capability {{capability}}, which {{effect}}: code running in it can take over the node. Remove it; for a node agent that needs it, suppress this finding with the reason.',
      added:
        'Container "{{container}}" adds capability {{capability}}, outside the default set the baseline Pod Security Standard allows, so admission at baseline rejects the pod and code running in the container gets more of root\'s powers. Remove it unless the container needs it.',
      spelling:
        'Container "{{container}}" adds "{{capability}}", written differently from {{canonical}} in the default set: Pod Security admission compares names as written and rejects the pod at baseline, and containerd does not understand a CAP_ prefix. Write {{canonical}}.',
      unknown:
        'Container "{{container}}" adds "{{capability}}", which is not a Linux capability: the runtime either refuses to start the container or ignores it, and Pod Security admission rejects the pod at baseline. Fix the name or remove it.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containerSecurity(resource)) {
      // A privileged container has every capability whatever it adds: privileged-container reports
      // it, and what it adds is checked once privileged is gone.
      if (ref.context?.privileged === true) continue;
      const capabilities = ref.context?.capabilities;
      if (!isObject(capabilities) || !Array.isArray(capabilities.add)) continue;
      capabilities.add.forEach((capability: unknown, index) => {
        if (typeof capability !== 'string' || BASELINE_CAPABILITIES.has(capability)) return;
        const path = [...ref.contextPath, 'capabilities', 'add', index];
        const data = { container: ref.name, capability };
        const name = canonical(capability);
        const nodeEffect = NODE_LEVEL.get(name);
        const shared = HOST_NAMESPACE_LEVEL.get(name);
        if (nodeEffect !== undefined) {
          context.report({ messageId: 'nodeLevel', data: { ...data, effect: nodeEffect }, path });
        } else if (shared !== undefined && ref.pod.spec[shared.field] === true) {
          context.report({ messageId: 'nodeLevel', data: { ...data, effect: shared.effect }, path });
        } else if (BASELINE_CAPABILITIES.has(name)) {
          context.report({ messageId: 'spelling', data: { ...data, canonical: name }, path, downgrade: true });
        } else if (!LINUX_CAPABILITIES.has(name)) {
          context.report({ messageId: 'unknown', data, path, downgrade: true });
        } else {
          context.report({ messageId: 'added', data, path, downgrade: true });
        }
      });
    }
  },
});
