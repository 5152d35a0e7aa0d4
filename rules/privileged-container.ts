import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity } from '../src/model/security.js';

export default createRule({
  meta: {
    id: 'privileged-container',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 9.6,
    podSecurity: { level: 'baseline', controls: ['Privileged Containers'] },
    description: 'A container runs privileged (`securityContext.privileged: true`).',
    rationale:
      'A privileged container gets every capability, every device of the node, no seccomp or AppArmor confinement and a writable /sys: whoever runs code in it (through a vulnerability of the app, or a compromised image) can mount the node\'s disks, load kernel modules and take over the node and every pod on it. The baseline Pod Security Standard rejects such pods. Node agents that configure the node itself (CNI and CSI node plugins, kube-proxy) are reported too: they are root on the node by design, which is what this finding says.',
    remediation:
      'Remove `privileged: true` and add to `securityContext.capabilities.add` only the capabilities the container needs (often none; NET_ADMIN for a network agent, SYS_ADMIN to mount). For a node agent that really needs full access to the node, keep it in a namespace labelled for the privileged Pod Security level and suppress this finding with the reason.',
    messages: {
      privileged:
        'Container "{{container}}" sets privileged: true: it gets every capability and device of the node and no seccomp or AppArmor confinement, so code running in it can take over the node. Remove it and add only the capabilities the container needs; for a node agent that needs full access to the node, suppress this finding with the reason.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containerSecurity(resource)) {
      // The API accepts only a boolean here; anything else fails validation before it could run privileged.
      if (ref.context?.privileged !== true) continue;
      context.report({ messageId: 'privileged', data: { container: ref.name }, path: [...ref.contextPath, 'privileged'], on: 'key' });
    }
  },
});
