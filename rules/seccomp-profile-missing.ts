import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity, isWindowsPod } from '../src/model/security.js';
import { describePods, podSpec } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'seccomp-profile-missing',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 4.3,
    podSecurity: { level: 'restricted', controls: ['Seccomp'] },
    description: 'A container runs without a seccomp profile: neither it nor its pod sets `seccompProfile` to `RuntimeDefault` or `Localhost`.',
    rationale:
      'Without a seccomp profile a container runs with the node\'s default, and the kubelet\'s default is no filter at all unless the cluster turned on `seccompDefault`: every system call of the kernel is open to a compromised process, including the rarely needed ones most kernel exploits start from (creating user namespaces, keyrings, BPF). The runtime\'s default profile blocks those and almost never breaks an application, which is why the restricted Pod Security Standard requires a `RuntimeDefault` or `Localhost` profile for every container, set on the container or inherited from the pod. When neither the pod nor any container sets one, the pod is reported once; when only some containers do, each of the others is reported. A profile set to `Unconfined` is reported by `seccomp-unconfined` instead, and Windows pods (`spec.os.name: windows`) have no seccomp and are left alone. The legacy `seccomp.security.alpha.kubernetes.io` annotations do not count: Kubernetes ignores them since 1.27.',
    remediation:
      'Add `seccompProfile: {type: RuntimeDefault}` to the pod\'s securityContext, which every container inherits; use a `Localhost` profile for a container that needs system calls the default profile blocks.',
    messages: {
      pod: 'No seccomp profile applies to {{pods}}: neither the pod securityContext nor any container ({{containers}}) sets seccompProfile, so they run with the node\'s default, which filters no system call unless the kubelet sets seccompDefault. Set seccompProfile.type: RuntimeDefault in the pod securityContext.',
      container:
        'No seccomp profile applies to container "{{container}}": neither it nor the pod securityContext sets seccompProfile, unlike other containers of the pod, so it runs with the node\'s default, which filters no system call unless the kubelet sets seccompDefault. Set seccompProfile.type: RuntimeDefault in the pod securityContext, or in this container\'s.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    if (!pod) return;
    if (isWindowsPod(pod)) return;
    const refs = containerSecurity(resource);
    const missing = refs.filter((ref) => ref.setting('seccompProfile') === undefined);
    if (missing.length === 0) return;
    if (missing.length === refs.length) {
      const containers = missing.map((ref) => `"${ref.name}"`).join(', ');
      context.report({ messageId: 'pod', data: { pods: describePods(resource), containers }, path: [...pod.path, 'securityContext', 'seccompProfile'] });
      return;
    }
    for (const ref of missing) context.report({ messageId: 'container', data: { container: ref.name }, path: [...ref.contextPath, 'seccompProfile'] });
  },
});
