import type { HighlightTarget, ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { containerSecurity, type ContainerSecurity, isWindowsPod, missingSettingAt } from '../src/model/security.js';

/**
 * The capabilities the baseline standard lets a container add. capabilities-added reports every
 * other name; this rule reports only what baseline allows and restricted does not, so no added
 * capability is reported by both.
 */
const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** Where to show a missing `drop: [ALL]`: the deepest of drop, capabilities, securityContext and the container's name that exists. */
function missingDropAt(ref: ContainerSecurity): { path: ObjectPath; on: HighlightTarget } {
  const capabilities = ref.context?.capabilities;
  if (isObject(capabilities)) {
    const path = [...ref.contextPath, 'capabilities'];
    return { path: capabilities.drop !== undefined && capabilities.drop !== null ? [...path, 'drop'] : path, on: 'key' };
  }
  return missingSettingAt(ref);
}

export default createRule({
  meta: {
    id: 'capabilities-not-dropped',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5,
    podSecurity: { level: 'restricted', controls: ['Capabilities'] },
    description: 'A container does not drop ALL capabilities, or adds back one other than NET_BIND_SERVICE.',
    rationale:
      'A container that drops nothing keeps the runtime\'s default capabilities: changing any file\'s owner and permissions (CHOWN, DAC_OVERRIDE, FOWNER), switching to any user (SETUID, SETGID), creating device nodes (MKNOD), and more. Few apps need any of them, and each one widens what an attacker in the container can do and which kernel flaws are reachable. The restricted Pod Security Standard requires `drop: [ALL]` on every container, init and ephemeral ones included, and lets a container add back only NET_BIND_SERVICE. Admission compares names as written, so `drop: [all]` (which the runtime honours) is still rejected; it is reported one severity lower. An added capability outside the baseline default set is reported by capabilities-added, not here, so no capability is reported twice. Pods with `spec.os.name: windows` are exempt, as the standard exempts them. A privileged container has every capability whatever its lists say, so it is left to privileged-container.',
    remediation:
      'Add `capabilities: {drop: [ALL]}` to the securityContext of every container, and add back only NET_BIND_SERVICE when the process binds a port below 1024 as a non-root user. A container that needs more (CHOWN, SETUID to drop to another user at start) cannot meet the restricted standard: prefer changing the image (files owned by its user, a numeric USER) so it does not need them.',
    messages: {
      notDropped:
        'Container "{{container}}" does not drop ALL capabilities, so it keeps the runtime\'s default set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, MKNOD, ...), which few apps need. Add securityContext.capabilities.drop: [ALL], then add back only NET_BIND_SERVICE if it binds a port below 1024.',
      dropSpelling:
        'Container "{{container}}" drops "{{written}}": the runtime drops every capability, but Pod Security admission accepts only ALL in capitals and rejects the pod at restricted. Write ALL.',
      addedDefault:
        'Container "{{container}}" adds capability {{capability}}; the restricted Pod Security Standard lets a container add back only NET_BIND_SERVICE. Remove it, and change the image so it does not need {{capability}} (files owned by its user, a numeric USER).',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const refs = containerSecurity(resource);
    if (refs.length === 0) return;
    // Windows has no Linux capabilities; the API rejects the field there and the standard exempts such pods.
    if (isWindowsPod(refs[0]!.pod)) return;
    for (const ref of refs) {
      // A privileged container has every capability whatever it drops or adds: privileged-container
      // reports it, and its capabilities are checked once privileged is gone.
      if (ref.context?.privileged === true) continue;
      const container = ref.name;
      const capabilities = isObject(ref.context?.capabilities) ? ref.context.capabilities : undefined;
      const drop = Array.isArray(capabilities?.drop) ? capabilities.drop : [];
      if (!drop.includes('ALL')) {
        const written = drop.findIndex((name) => typeof name === 'string' && name.toUpperCase() === 'ALL');
        if (written !== -1) {
          context.report({ messageId: 'dropSpelling', data: { container, written: drop[written] as string }, path: [...ref.contextPath, 'capabilities', 'drop', written], downgrade: true });
        } else {
          context.report({ messageId: 'notDropped', data: { container }, ...missingDropAt(ref) });
        }
      }
      const add = Array.isArray(capabilities?.add) ? capabilities.add : [];
      add.forEach((capability: unknown, index) => {
        if (typeof capability !== 'string' || capability === 'NET_BIND_SERVICE' || !BASELINE_CAPABILITIES.has(capability)) return;
        context.report({ messageId: 'addedDefault', data: { container, capability }, path: [...ref.contextPath, 'capabilities', 'add', index] });
      });
    }
  },
});
