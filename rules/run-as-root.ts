import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity, missingSettingAt, podSecurityContext } from '../src/model/security.js';
import { workloadName } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'run-as-root',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 6,
    podSecurity: { level: 'restricted', controls: ['Running as Non-root', 'Running as Non-root user'] },
    description: 'A container may run as root: `runAsNonRoot` is not true for it, or `runAsUser` is 0.',
    rationale:
      'A container runs as the user its image names, and most images name root. Root in a container is still UID 0 on the node\'s kernel: any way out of the container (a kernel or runtime vulnerability, a writable hostPath, an added capability) lands as root on the node, and inside the container it can rewrite the app\'s own files. `runAsNonRoot: true` makes the kubelet refuse to start a container whose user is root, so an image that changes its USER cannot silently bring root back. The restricted Pod Security Standard requires `runAsNonRoot: true` on the pod or on every container (init and ephemeral ones included), and forbids `runAsUser: 0` on the pod or any container, even one another setting overrides. A container that sets a non-zero `runAsUser` but not `runAsNonRoot` does not run as root, so it is reported one severity lower. An explicit `runAsUser: 0` stays a warning rather than an error: root inside the container\'s namespaces, with the default capabilities and seccomp, does not by itself reach the node, and what does (privileged, added capabilities, host namespaces and paths) is reported as an error by other rules. Node agents that need root to read host files (log collectors, CSI node plugins) are reported like any other container; suppress the finding with the reason. Pods with `hostUsers: false` are reported too: the standard relaxes these controls for them only in clusters that turn that relaxation on.',
    remediation:
      'Set `runAsNonRoot: true` in the pod\'s securityContext, and `runAsUser` to a non-zero UID when the image\'s USER is a name or root (the kubelet can check only a numeric user). Build images with a numeric non-root `USER`; give a process that must bind a port below 1024 the NET_BIND_SERVICE capability instead of root. Remove `runAsUser: 0` and `runAsNonRoot: false`; a container that must change file ownership at start can often be replaced by the pod\'s `fsGroup`.',
    messages: {
      rootUser: 'Container "{{container}}" sets runAsUser: 0, so it runs as root, which is UID 0 on the node if it escapes the container. Set runAsUser to a non-zero UID and runAsNonRoot: true.',
      rootUserPod:
        'The pod securityContext of {{workload}} sets runAsUser: 0, so every container that does not set its own user runs as root, which is UID 0 on the node if it escapes the container. Set runAsUser to a non-zero UID and runAsNonRoot: true.',
      nonRootFalse: 'Container "{{container}}" sets runAsNonRoot: false, so nothing stops it from running as root when its image\'s user is root. Set it to true, with a non-zero runAsUser if the image needs one.',
      nonRootFalsePod:
        'The pod securityContext of {{workload}} sets runAsNonRoot: false, so nothing stops its containers from running as root when their image\'s user is root. Set it to true, with a non-zero runAsUser if the images need one.',
      unset:
        'Container "{{container}}" is not required to run as non-root: neither it nor the pod sets runAsNonRoot: true, so it runs as root whenever its image\'s user is root. Set runAsNonRoot: true in the pod\'s securityContext (or the container\'s), with a non-zero runAsUser if the image has no numeric non-root USER.',
      unsetWithUser:
        'Container "{{container}}" runs as UID {{user}} but does not set runAsNonRoot: true, which the restricted Pod Security Standard requires so that a later change to runAsUser: 0 or to the image cannot bring root back. Set runAsNonRoot: true in the pod\'s securityContext (or the container\'s).',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const refs = containerSecurity(resource);
    if (refs.length === 0) return;
    const pod = podSecurityContext(refs[0]!.pod);
    const workload = workloadName(resource);
    // The standard forbids the pod-level values themselves, even where every container overrides them.
    const podUserRoot = pod?.context.runAsUser === 0;
    const podNonRoot = pod?.context.runAsNonRoot;
    if (podUserRoot) context.report({ messageId: 'rootUserPod', data: { workload }, path: [...pod!.path, 'runAsUser'], on: 'key' });
    if (podNonRoot === false) context.report({ messageId: 'nonRootFalsePod', data: { workload }, path: [...pod!.path, 'runAsNonRoot'], on: 'key' });
    for (const ref of refs) {
      const container = ref.name;
      const ownUser = ref.context?.runAsUser;
      const ownNonRoot = ref.context?.runAsNonRoot;
      if (ownUser === 0) context.report({ messageId: 'rootUser', data: { container }, path: [...ref.contextPath, 'runAsUser'], on: 'key' });
      if (ownNonRoot === false) context.report({ messageId: 'nonRootFalse', data: { container }, path: [...ref.contextPath, 'runAsNonRoot'], on: 'key' });
      if (ownNonRoot !== undefined && ownNonRoot !== null) continue;
      // A pod-level true covers the container; a pod-level false, or root the pod or the container
      // asks for, is already reported on its own field.
      if (podNonRoot === true || podNonRoot === false) continue;
      const user = ref.setting('runAsUser')?.value;
      if (user === 0) continue;
      if (typeof user === 'number' && user > 0) {
        context.report({ messageId: 'unsetWithUser', data: { container, user }, ...missingSettingAt(ref), downgrade: true });
      } else {
        context.report({ messageId: 'unset', data: { container }, ...missingSettingAt(ref) });
      }
    }
  },
});
