import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { containerSecurity, podSecurityContext } from '../src/model/security.js';
import { podSpec } from '../src/model/workload.js';

/**
 * The SELinux types the baseline standard admits: the container types of container-selinux
 * (`container_engine_t` since Kubernetes 1.31). An empty type means the runtime's default.
 */
const ALLOWED_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export default createRule({
  meta: {
    id: 'selinux-options',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 6.1,
    podSecurity: { level: 'baseline', controls: ['SELinux'] },
    description: 'A pod or container sets an SELinux type outside the container types, or an SELinux user or role.',
    rationale:
      'On nodes that enforce SELinux (Red Hat family, Fedora CoreOS, OpenShift), the container type `container_t` is what keeps a process that breaks out of its container\'s namespaces away from the node\'s files and processes. Another type changes what the policy allows: `spc_t` (a "super privileged container") is unconfined, and a type of the node\'s own services gets their access; a custom user or role can do the same. The baseline Pod Security Standard therefore admits only `container_t`, `container_init_t`, `container_kvm_t` and `container_engine_t` as type and no user or role; the MCS level (`level`) stays free, since it only separates containers from each other.',
    remediation:
      'Remove `type`, `user` and `role` from `seLinuxOptions` (keep `level` if you set categories), or use one of the container types. A node agent that needs another type should be suppressed with a reason and run in a namespace reserved for privileged system components.',
    messages: {
      type: '{{subject}} sets seLinuxOptions.type "{{value}}", outside the container types the baseline Pod Security Standard allows (container_t, container_init_t, container_kvm_t, container_engine_t): on SELinux nodes it gets the access of that type instead of a container\'s, spc_t running unconfined. Remove type, or use a container type.',
      user: '{{subject}} sets seLinuxOptions.user "{{value}}": an SELinux user of its own changes which roles and types its processes may take on SELinux nodes, and the baseline Pod Security Standard forbids it. Remove user and let the runtime choose.',
      role: '{{subject}} sets seLinuxOptions.role "{{value}}": an SELinux role of its own changes which types its processes may take on SELinux nodes, and the baseline Pod Security Standard forbids it. Remove role and let the runtime choose.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    if (!pod) return;
    // Paths and subjects are built only for the few pods and containers that set seLinuxOptions.
    const inspect = (options: KubeObject, path: ObjectPath, subject: string) => {
      const { type, user, role } = options;
      if (typeof type === 'string' && !ALLOWED_TYPES.has(type)) context.report({ messageId: 'type', data: { subject, value: type }, path: [...path, 'type'] });
      if (typeof user === 'string' && user !== '') context.report({ messageId: 'user', data: { subject, value: user }, path: [...path, 'user'] });
      if (typeof role === 'string' && role !== '') context.report({ messageId: 'role', data: { subject, value: role }, path: [...path, 'role'] });
    };
    // The pod-level options are reported once, on themselves, for every container that inherits them.
    const podContext = pod.spec.securityContext;
    const podOptions = isObject(podContext) ? podContext.seLinuxOptions : undefined;
    if (isObject(podOptions)) {
      inspect(podOptions, [...podSecurityContext(pod)!.path, 'seLinuxOptions'], resource.kind === 'Pod' ? 'The securityContext of this Pod' : `The pod securityContext of this ${resource.kind}`);
    }
    for (const ref of containerSecurity(resource)) {
      const options = ref.context?.seLinuxOptions;
      if (isObject(options)) inspect(options, [...ref.contextPath, 'seLinuxOptions'], `Container "${ref.name}"`);
    }
  },
});
