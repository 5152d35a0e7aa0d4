import { createRule } from '../src/engine/builtin-rule.js';
import { containerSecurity, isWindowsPod, missingSettingAt } from '../src/model/security.js';

export default createRule({
  meta: {
    id: 'privilege-escalation-allowed',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5.5,
    podSecurity: { level: 'restricted', controls: ['Privilege Escalation'] },
    description: 'A container does not set `securityContext.allowPrivilegeEscalation: false`.',
    rationale:
      'Unless `allowPrivilegeEscalation` is false, the kubelet starts the container without the no_new_privs flag, so a process in it can gain privileges it was not started with: through a set-user-ID binary of the image (`su`, `sudo`, `mount`), file capabilities, or a kernel exploit. An attacker with a foothold as a non-root user becomes root in the container, one step from the node. The default is to allow it, so a container that says nothing is reported; the restricted Pod Security Standard requires `false` on every container, init and ephemeral ones included. Pods with `spec.os.name: windows` are exempt, as the standard exempts them. A privileged container always allows escalation (the API rejects `false` beside `privileged: true`), so it is left to privileged-container, whose fix comes first. Node agents are reported like any other container: most of them do not need to gain privileges after they start either.',
    remediation:
      'Set `allowPrivilegeEscalation: false` in the securityContext of every container. It does not change the privileges a container starts with, so an app that runs today keeps running unless it calls set-user-ID programs such as `sudo` or `su` at run time.',
    messages: {
      unset:
        'Container "{{container}}" does not set allowPrivilegeEscalation, which defaults to true: a process in it can gain privileges through set-user-ID binaries or file capabilities. Set securityContext.allowPrivilegeEscalation: false.',
      allowed:
        'Container "{{container}}" sets allowPrivilegeEscalation: true: a process in it can gain privileges through set-user-ID binaries or file capabilities. Set it to false.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const refs = containerSecurity(resource);
    if (refs.length === 0 || isWindowsPod(refs[0]!.pod)) return;
    for (const ref of refs) {
      const container = ref.name;
      const allow = ref.context?.allowPrivilegeEscalation;
      // Privileged always allows escalation and the API rejects false beside it: privileged-container
      // reports that container on the field to remove, and this field is checked once it is gone.
      if (ref.context?.privileged === true) continue;
      if (allow === true) {
        context.report({ messageId: 'allowed', data: { container }, path: [...ref.contextPath, 'allowPrivilegeEscalation'], on: 'key' });
      } else if (allow !== false) {
        context.report({ messageId: 'unset', data: { container }, ...missingSettingAt(ref) });
      }
    }
  },
});
