import { createRule } from '../src/engine/builtin-rule.js';
import { unconfinedProfiles } from '../src/model/security.js';
import { describePods, podAnnotations, podSpec } from '../src/model/workload.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

export default createRule({
  meta: {
    id: 'seccomp-unconfined',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5.6,
    podSecurity: { level: 'baseline', controls: ['Seccomp'] },
    description: 'A pod or container turns seccomp off (`seccompProfile.type: Unconfined`, or the legacy seccomp annotation set to `unconfined`).',
    rationale:
      'Seccomp is the filter that keeps a container from the kernel\'s rarely needed and most exploited system calls (creating namespaces, loading BPF programs, keyrings, kernel modules): turning it off hands a compromised process the whole kernel to attack; escapes such as CVE-2022-0185, reached through `unshare`, were stopped by the runtime\'s default profile on nodes that applied it. The baseline Pod Security Standard forbids setting it to `Unconfined` at the pod or container level. The `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<container>` annotations did the same until Kubernetes 1.27, which ignores them; an `unconfined` annotation is reported too, since older clusters apply it and newer ones leave the container with the node\'s default, which is unconfined unless the kubelet enables `seccompDefault`.',
    remediation:
      'Set `seccompProfile: {type: RuntimeDefault}` in the pod\'s securityContext (or `Localhost` with a profile that allows the extra calls the container needs), and remove the legacy annotations. A node agent that truly needs a system call the default profile blocks should get a Localhost profile allowing just that; if it must run unconfined, suppress the finding with a reason.',
    messages: {
      pod: 'The pod securityContext sets seccompProfile.type: Unconfined, so every container of {{pods}} without a profile of its own runs with no system call filter and can attack the whole kernel. Set seccompProfile.type: RuntimeDefault (or Localhost with a profile of your own).',
      container: 'Container "{{container}}" sets seccompProfile.type: Unconfined, so it runs with no system call filter and can attack the whole kernel. Set seccompProfile.type: RuntimeDefault (or Localhost with a profile of your own).',
      podAnnotation:
        'Annotation {{annotation}}: unconfined turns seccomp off for every container of {{pods}} on clusters before Kubernetes 1.27, and later ones ignore it and leave the node\'s default, unconfined unless the kubelet sets seccompDefault. Remove the annotation and set seccompProfile.type: RuntimeDefault in the pod securityContext.',
      containerAnnotation:
        'Annotation {{annotation}}: unconfined turns seccomp off for container "{{container}}" on clusters before Kubernetes 1.27, and later ones ignore it and leave the node\'s default, unconfined unless the kubelet sets seccompDefault. Remove the annotation and set seccompProfile.type: RuntimeDefault in the container\'s securityContext.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    if (!podSpec(resource)) return;
    for (const { container, path } of unconfinedProfiles(resource, 'seccompProfile')) {
      if (container === undefined) context.report({ messageId: 'pod', data: { pods: describePods(resource) }, path });
      else context.report({ messageId: 'container', data: { container }, path });
    }
    const written = podAnnotations(resource);
    if (!written) return;
    const { annotations } = written;
    for (const annotation of Object.keys(annotations)) {
      if (annotations[annotation] !== 'unconfined') continue;
      const path = [...written.path, annotation];
      if (annotation === POD_ANNOTATION) context.report({ messageId: 'podAnnotation', data: { annotation, pods: describePods(resource) }, path });
      else if (annotation.startsWith(CONTAINER_ANNOTATION)) context.report({ messageId: 'containerAnnotation', data: { annotation, container: annotation.slice(CONTAINER_ANNOTATION.length) }, path });
    }
  },
});
