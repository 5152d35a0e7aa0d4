import { createRule } from '../src/engine/builtin-rule.js';
import { unconfinedProfiles } from '../src/model/security.js';
import { describePods, podAnnotations, podSpec } from '../src/model/workload.js';

const CONTAINER_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export default createRule({
  meta: {
    id: 'apparmor-unconfined',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5.2,
    podSecurity: { level: 'baseline', controls: ['AppArmor'] },
    description: 'A pod or container turns AppArmor off (`appArmorProfile.type: Unconfined`, or the AppArmor annotation set to `unconfined`).',
    rationale:
      'On nodes with AppArmor (Ubuntu, Debian, SUSE, COS), the container runtime confines every container with its default profile, which denies writes to `/proc` and `/sys` files that change the node, mounting filesystems, and tracing processes outside the container. `Unconfined` lifts all of it, so a compromised or misconfigured process can use whatever privileges it has against the node. The baseline Pod Security Standard allows only the runtime default and profiles loaded on the node (`Localhost`), in the `appArmorProfile` field (Kubernetes 1.30 and later) as in the `container.apparmor.security.beta.kubernetes.io/<container>` annotation that came before it, which Kubernetes still applies.',
    remediation:
      'Remove the `Unconfined` setting or annotation so the runtime\'s default profile applies, or set `appArmorProfile: {type: Localhost, localhostProfile: <name>}` with a profile loaded on the nodes that allows what the container needs. Suppress with a reason only for a node agent that cannot run confined.',
    messages: {
      pod: 'The pod securityContext sets appArmorProfile.type: Unconfined, so every container of {{pods}} without a profile of its own runs without AppArmor and may change the node through /proc, /sys and mounts as far as its privileges go. Remove it, or set appArmorProfile.type: RuntimeDefault (or Localhost with a profile loaded on the nodes).',
      container:
        'Container "{{container}}" sets appArmorProfile.type: Unconfined, so it runs without AppArmor and may change the node through /proc, /sys and mounts as far as its privileges go. Remove it, or set appArmorProfile.type: RuntimeDefault (or Localhost with a profile loaded on the nodes).',
      annotation:
        'Annotation {{annotation}}: unconfined runs container "{{container}}" without AppArmor, so it may change the node through /proc, /sys and mounts as far as its privileges go. Remove the annotation so the runtime default applies, or set appArmorProfile.type: Localhost with a profile loaded on the nodes.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    if (!podSpec(resource)) return;
    for (const { container, path } of unconfinedProfiles(resource, 'appArmorProfile')) {
      if (container === undefined) context.report({ messageId: 'pod', data: { pods: describePods(resource) }, path });
      else context.report({ messageId: 'container', data: { container }, path });
    }
    const written = podAnnotations(resource);
    if (!written) return;
    const { annotations } = written;
    for (const annotation of Object.keys(annotations)) {
      // The API accepts only runtime/default, localhost/<profile> and unconfined as values.
      if (!annotation.startsWith(CONTAINER_ANNOTATION) || annotations[annotation] !== 'unconfined') continue;
      context.report({ messageId: 'annotation', data: { annotation, container: annotation.slice(CONTAINER_ANNOTATION.length) }, path: [...written.path, annotation] });
    }
  },
});
