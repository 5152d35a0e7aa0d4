import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity, isWindowsPod, missingSettingAt } from '../src/model/security.js';

export default createRule({
  meta: {
    id: 'writable-root-filesystem',
    category: 'security',
    severity: 'warning',
    precision: 'medium',
    securitySeverity: 4,
    description: 'A container does not set `securityContext.readOnlyRootFilesystem: true`.',
    rationale:
      'With a writable root filesystem, whoever gets code running in the container can replace its binaries and libraries, drop tools and keep them across process restarts, and an app bug can fill the node\'s disk through the container\'s writable layer. A read-only root also documents exactly where the app writes. This is hardening, not a Pod Security Standards control, and the manifest cannot show whether the app writes outside its volumes, so some findings are apps that need a writable directory: the fix is then a volume on that directory, not a writable root. Ephemeral containers are not reported (a debugging session installs its tools), nor are pods with `spec.os.name: windows`, where the field does not exist.',
    remediation:
      'Set `readOnlyRootFilesystem: true` in the container\'s securityContext, and mount an `emptyDir` volume on each path the app writes to (commonly /tmp, caches, pid and lock files, e.g. /var/run or /var/cache/nginx for nginx); `emptyDir.medium: Memory` suits small scratch files. Node agents and log collectors write to their hostPath mounts, which stay writable with a read-only root.',
    messages: {
      unset:
        'Container "{{container}}" does not set readOnlyRootFilesystem: true, so code running in it can rewrite its binaries and drop tools in its filesystem. Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir on each path the app writes to (such as /tmp).',
      writable:
        'Container "{{container}}" sets readOnlyRootFilesystem: false, so code running in it can rewrite its binaries and drop tools in its filesystem. Set it to true and mount an emptyDir on each path the app writes to (such as /tmp).',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const refs = containerSecurity(resource);
    if (refs.length === 0) return;
    if (isWindowsPod(refs[0]!.pod)) return;
    for (const ref of refs) {
      // A debugging session (kubectl debug) is meant to install tools into its own container.
      if (ref.role === 'ephemeralContainer') continue;
      const readOnly = ref.context?.readOnlyRootFilesystem;
      if (readOnly === true) continue;
      if (readOnly === false) {
        context.report({ messageId: 'writable', data: { container: ref.name }, path: [...ref.contextPath, 'readOnlyRootFilesystem'], on: 'key' });
      } else {
        context.report({ messageId: 'unset', data: { container: ref.name }, ...missingSettingAt(ref) });
      }
    }
  },
});
