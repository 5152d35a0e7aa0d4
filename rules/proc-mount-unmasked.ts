import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity } from '../src/model/security.js';

export default createRule({
  meta: {
    id: 'proc-mount-unmasked',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 7.5,
    podSecurity: { level: 'baseline', controls: ['/proc Mount Type'] },
    description: 'A container sets `securityContext.procMount` to something other than `Default`.',
    rationale:
      'The runtime masks parts of /proc (/proc/kcore, /proc/keys, timer and scheduler files) and mounts others read-only (/proc/sys, /proc/sysrq-trigger, /proc/irq, /proc/bus). `procMount: Unmasked` removes both: in a pod that shares the node\'s user namespace, root in the container can then rewrite kernel settings that are not namespaced, such as kernel.core_pattern, which runs a program as root on the node. The API server therefore accepts Unmasked only with `hostUsers: false`, and the baseline Pod Security Standard rejects any value but Default. With `hostUsers: false` the /proc belongs to the pod\'s own user namespace and cannot change the node\'s kernel, the usual reason being nested containers (rootless image builds); that case is reported one severity lower, since the standard relaxes it only where the cluster turns that relaxation on.',
    remediation:
      'Remove `procMount` (or set it to `Default`). A container that runs nested containers, such as a rootless image builder, needs `hostUsers: false` beside `procMount: Unmasked`; run it in a namespace whose Pod Security level allows it and suppress this finding with the reason.',
    messages: {
      unmasked:
        'Container "{{container}}" sets procMount: {{value}}, which removes the masks and read-only mounts over /proc (such as /proc/sys and /proc/sysrq-trigger), so root in the container can change the node\'s kernel settings; the API server rejects it unless the pod sets hostUsers: false. Remove procMount.',
      userNamespace:
        'Container "{{container}}" sets procMount: {{value}}. The pod runs in its own user namespace (hostUsers: false), so the unmasked /proc cannot change the node\'s kernel, but the baseline Pod Security Standard rejects it unless the cluster relaxes it for user namespaces. Remove procMount unless the container runs nested containers.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containerSecurity(resource)) {
      const value = ref.context?.procMount;
      if (value === undefined || value === null || value === 'Default') continue;
      const data = { container: ref.name, value: String(value) };
      const path = [...ref.contextPath, 'procMount'];
      if (ref.pod.spec.hostUsers === false) context.report({ messageId: 'userNamespace', data, path, on: 'key', downgrade: true });
      else context.report({ messageId: 'unmasked', data, path, on: 'key' });
    }
  },
});
