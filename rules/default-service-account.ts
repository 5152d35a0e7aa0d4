import { createRule } from '../src/engine/builtin-rule.js';
import { AccountBindings, describeSubject, roleRef } from '../src/model/rbac.js';
import { describePods, podSpec } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'default-service-account',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5.0,
    description: 'Pods run as the `default` ServiceAccount of a namespace whose `default` account a binding in the input grants permissions.',
    rationale:
      'Every pod that names no ServiceAccount runs as its namespace\'s `default` account. Permissions granted to `default` therefore go to every such pod of the namespace, those of other teams and charts, and those added later, none of which asked for them; and the workload that needed them shares them with all the others. The rule reports workloads that run as `default` (named or by omission) while a RoleBinding or ClusterRoleBinding in the input names `default` of their namespace, pointing at the binding. A pod that opts out of the token (`automountServiceAccountToken: false`, on the pod or on a `default` ServiceAccount in the input) cannot use the permissions and is left alone. Running as `default` with no permissions only mounts a token nothing grants anything, which service-account-token-automount reports; the `reportEveryUse` option reports every workload that runs as `default` as well, one severity lower, for teams whose policy is one account per workload.',
    remediation:
      'Create a ServiceAccount for the workload that needs the permissions, bind the role to it instead of `default`, and set `serviceAccountName` in its pod spec. Leave `default` without bindings, and with `automountServiceAccountToken: false`.',
    messages: {
      boundDefault: 'The "default" ServiceAccount of namespace "{{namespace}}" runs {{pods}}, and {{bindings}} grants it permissions: every pod of the namespace that names no ServiceAccount gets them too. Give this workload a ServiceAccount of its own and bind the role to that.',
      usesDefault: 'The "default" ServiceAccount of namespace "{{namespace}}", shared by every pod that names none, runs {{pods}}. Give this workload a ServiceAccount of its own.',
    },
    appliesTo: 'workloads',
    scope: 'set',
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportEveryUse: {
            description: 'Also report workloads that run as `default` when no binding in the input grants it anything (one severity lower).',
            type: 'boolean',
          },
        },
      },
      defaults: { reportEveryUse: false },
    },
  },
  create(context) {
    const { index } = context;
    let bindings: AccountBindings | undefined;
    return {
      check(resource) {
        const pod = podSpec(resource);
        if (!pod || pod.spec.automountServiceAccountToken === false) return;
        const { spec, path } = pod;
        const written = spec.serviceAccountName !== undefined ? 'serviceAccountName' : spec.serviceAccount !== undefined ? 'serviceAccount' : undefined;
        // An empty name is the API server's default too.
        if (written && spec[written] !== 'default' && spec[written] !== '') return;
        if (pod.spec.automountServiceAccountToken !== true && index.get('ServiceAccount', resource.namespace, 'default').some((sa) => sa.object.automountServiceAccountToken === false)) return;
        const namespace = index.namespaceOf(resource)!;
        bindings ??= new AccountBindings(index);
        const granting = bindings.naming(namespace, 'default');
        const data = { pods: describePods(resource), namespace };
        const at = written ? [...path, written] : [...path, 'serviceAccountName'];
        if (granting.length > 0) {
          const names = granting.map(({ binding }) => {
            const ref = roleRef(binding);
            return `${binding.kind} "${binding.name}"${ref ? ` (${ref.kind} "${ref.name}")` : ''}`;
          });
          context.report({
            messageId: 'boundDefault',
            data: { ...data, bindings: [...new Set(names)].join(', ') },
            path: at,
            related: granting.map(({ binding, subject }) => ({ resource: binding, path: subject.path, message: `${binding.kind} "${binding.name}" binds ${describeSubject({ ...subject, namespace })}` })),
          });
        } else if (context.options.reportEveryUse) {
          context.report({ messageId: 'usesDefault', data, path: at, downgrade: true });
        }
      },
    };
  },
});
