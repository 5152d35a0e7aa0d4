import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity, podSecurityContext } from '../src/model/security.js';
import { workloadName } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'run-as-root-group',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 4,
    description: 'A container runs with the root group: `runAsGroup: 0`, `fsGroup: 0` or 0 in `supplementalGroups`.',
    rationale:
      'GID 0 gives a non-root process every permission the root group has: files of the image and of mounted host paths that are group-owned by root and group-writable, devices and sockets opened to group 0. A container that was made to run as a non-root user gets back part of what root could do, without anyone seeing `runAsUser: 0`. `fsGroup: 0` also hands every mounted volume to the root group. This is not a Pod Security Standards control (the standard once listed it as optional, and dropped it). A container whose user is root is not reported here: its group adds nothing, and run-as-root reports it.',
    remediation:
      'Set `runAsGroup` and `fsGroup` to a non-zero GID (usually the same as `runAsUser`) and remove 0 from `supplementalGroups`. Images built for OpenShift\'s arbitrary UIDs make their writable folders group-0 on purpose; give those folders to the chosen GID in the image instead, or mount an emptyDir there.',
    messages: {
      rootGroup: 'Container "{{container}}" sets runAsGroup: 0, so its processes run with the root group and can write whatever group root may write. Set runAsGroup to a non-zero GID.',
      rootGroupPod:
        'The pod securityContext of {{workload}} sets runAsGroup: 0, so the root group is the primary group of {{containers}}, which can write whatever group root may write. Set runAsGroup to a non-zero GID.',
      fsGroup:
        'The pod securityContext of {{workload}} sets fsGroup: 0, so every container gets the root group as a supplementary group and every mounted volume is handed to group root. Set fsGroup to a non-zero GID.',
      supplementalGroup:
        'The pod securityContext of {{workload}} lists 0 in supplementalGroups, so every container gets the root group as a supplementary group. Remove it, or use a non-zero GID.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const refs = containerSecurity(resource);
    if (refs.length === 0) return;
    const pod = podSecurityContext(refs[0]!.pod);
    const workload = workloadName(resource);
    // Root's own user already has what its group would add; run-as-root reports those containers.
    const nonRoot = refs.filter((ref) => ref.setting('runAsUser')?.value !== 0);
    for (const ref of nonRoot) {
      if (ref.context?.runAsGroup === 0) context.report({ messageId: 'rootGroup', data: { container: ref.name }, path: [...ref.contextPath, 'runAsGroup'], on: 'key' });
    }
    if (!pod) return;
    if (pod.context.runAsGroup === 0) {
      const inheriting = nonRoot.filter((ref) => ref.setting('runAsGroup')?.from === 'pod');
      if (inheriting.length > 0) {
        const containers = inheriting.length === 1 ? `container "${inheriting[0]!.name}"` : `containers ${inheriting.map((ref) => `"${ref.name}"`).join(', ')}`;
        context.report({ messageId: 'rootGroupPod', data: { workload, containers }, path: [...pod.path, 'runAsGroup'], on: 'key' });
      }
    }
    if (nonRoot.length === 0) return;
    if (pod.context.fsGroup === 0) context.report({ messageId: 'fsGroup', data: { workload }, path: [...pod.path, 'fsGroup'], on: 'key' });
    const supplemental = pod.context.supplementalGroups;
    if (Array.isArray(supplemental)) {
      const index = supplemental.indexOf(0);
      if (index !== -1) context.report({ messageId: 'supplementalGroup', data: { workload }, path: [...pod.path, 'supplementalGroups', index] });
    }
  },
});
