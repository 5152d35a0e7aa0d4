import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { podSecurityContext } from '../src/model/security.js';
import { describePods, podSpec } from '../src/model/workload.js';

/**
 * The sysctls the baseline Pod Security Standard admits: namespaced per pod and isolated from the
 * node and other pods. The newest release's list, so that no pod it admits is reported.
 */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  // Kubernetes 1.27
  'net.ipv4.ip_local_reserved_ports',
  // 1.29
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // 1.32
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  // 1.37
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/**
 * A sysctl name in its dotted form: the kubelet also accepts slashes as separators
 * (`net/ipv4/ip_local_port_range`), in which a dot is part of a name segment. Pod Security
 * admission compares names as written, so a safe sysctl written that way is still rejected.
 */
function dotted(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  if (slash === -1 || (dot !== -1 && dot < slash)) return name;
  return name.replace(/[./]/g, (separator) => (separator === '/' ? '.' : '/'));
}

/**
 * The sysctls Linux keeps per IPC or network namespace, the only ones a pod can set at all; the
 * kubelet rejects any other name whatever the node allows.
 */
function namespaced(name: string): boolean {
  return name.startsWith('kernel.shm') || name.startsWith('kernel.msg') || name === 'kernel.sem' || name.startsWith('fs.mqueue.') || name.startsWith('net.');
}

export default createRule({
  meta: {
    id: 'unsafe-sysctls',
    category: 'security',
    severity: 'warning',
    precision: 'very-high',
    securitySeverity: 5.0,
    podSecurity: { level: 'baseline', controls: ['Sysctls'] },
    description: 'A pod sets a kernel parameter (`securityContext.sysctls`) outside the safe set.',
    rationale:
      'A sysctl set in a pod changes the kernel for that pod\'s namespaces. Only a small set is known to stay inside them. The others are either not namespaced at all (`vm.*`, most of `kernel.*`): settings of the whole node, which the kubelet never sets for one pod, so the pod is refused on every node; or namespaced but able to take memory, connections or other kernel resources from the pod\'s neighbours (`net.core.somaxconn`, `kernel.shmmax`): the kubelet refuses to start a pod with one (`SysctlForbidden`) unless the node was started with `--allowed-unsafe-sysctls` naming it, and where it was, the pod can affect the others. The baseline Pod Security Standard forbids both. The safe set grows with Kubernetes releases; the rule follows the newest, so a pod that an older cluster rejects only for a sysctl added later is not reported. A safe sysctl written with slashes (`net/ipv4/tcp_syncookies`) starts, but admission rejects it, so it is reported one level lower.',
    remediation:
      'Remove the sysctl, or use one of the safe ones (such as `net.ipv4.ip_local_port_range` or `net.ipv4.tcp_keepalive_time`). A setting the node needs (for example `vm.max_map_count` for Elasticsearch, or `net.core.somaxconn`) belongs to the node\'s configuration or a node-tuning DaemonSet run by the cluster\'s administrators, not to an application pod.',
    messages: {
      slashed:
        'Sysctl "{{sysctl}}" of {{pods}} is the safe {{dotted}} written with slashes: the kubelet accepts it, but Pod Security admission compares names as written and rejects the pod at the baseline level. Write it as {{dotted}}.',
      node: 'Sysctl "{{sysctl}}" of {{pods}} is not namespaced: it is a setting of the whole node, which the kubelet never sets for one pod, so the pod is refused (SysctlForbidden) on every node. Set it on the nodes (their configuration or a node-tuning DaemonSet run by the cluster\'s administrators) and remove it here.',
      unsafe: 'Sysctl "{{sysctl}}" of {{pods}} is not one of the safe, pod-isolated sysctls: the kubelet refuses to start the pod (SysctlForbidden) unless the node allows it with --allowed-unsafe-sysctls, and where allowed it affects other pods on the node or the node itself. Remove it, or tune it on the nodes instead.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    const podLevel = pod && podSecurityContext(pod);
    const sysctls = podLevel?.context.sysctls;
    if (!podLevel || !Array.isArray(sysctls)) return;
    sysctls.forEach((sysctl: unknown, index) => {
      if (!isObject(sysctl) || typeof sysctl.name !== 'string' || SAFE.has(sysctl.name)) return;
      const path = [...podLevel.path, 'sysctls', index, 'name'];
      const pods = describePods(resource);
      const normalized = dotted(sysctl.name);
      if (SAFE.has(normalized)) context.report({ messageId: 'slashed', data: { sysctl: sysctl.name, dotted: normalized, pods }, path, downgrade: true });
      else context.report({ messageId: namespaced(normalized) ? 'unsafe' : 'node', data: { sysctl: sysctl.name, pods }, path });
    });
  },
});
