import { isObject } from '../../model/resource.js';
import { containerSecurity } from '../../model/security.js';
import { podSpec } from '../../model/workload.js';
import { placeIn, reportPresence, workloads, type Item } from '../compare.js';
import { defineDriftRule } from '../rule.js';

/** Hardening a container can have, each as the setting that gives it and whether it is in effect. */
const CONTAINER_HARDENING: readonly { key: string; field: string; holds: (value: unknown) => boolean }[] = [
  { key: 'privileged: false', field: 'privileged', holds: (value) => value !== true },
  { key: 'allowPrivilegeEscalation: false', field: 'allowPrivilegeEscalation', holds: (value) => value === false },
  { key: 'runAsNonRoot: true', field: 'runAsNonRoot', holds: (value) => value === true },
  { key: 'readOnlyRootFilesystem: true', field: 'readOnlyRootFilesystem', holds: (value) => value === true },
  { key: 'capabilities.drop: [ALL]', field: 'capabilities', holds: (value) => isObject(value) && Array.isArray(value.drop) && value.drop.some((item) => String(item).toUpperCase() === 'ALL') },
];

const POD_HARDENING = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineDriftRule({
  meta: {
    id: 'drift-security-context-weaker',
    category: 'drift',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 5.0,
    description: 'A pod or container is hardened in one environment and not in another (privileged, root, privilege escalation, writable root filesystem, capabilities, host namespaces).',
    rationale: 'Hardening tested in one environment and dropped in another means the weaker one runs with more power than anyone reviewed, and the stronger one may break on a release that was only tried in the weaker one (a read-only root filesystem the application writes to).',
    remediation: 'Use the same securityContext in every environment; when an environment needs an exception, allow it in `drift.allow` with the reason in the configuration.',
    messages: {
      weaker: '{{resource}}: {{where}} does not have {{key}} in {{lacking}}, while {{having}} does.',
    },
  },
  compare(context) {
    for (const resource of workloads(context.resources)) {
      const perEnvironment = resource.members.map((member, i) => {
        const byContainer = new Map<string, { anchor: Item['place']; items: Map<string, Item> }>();
        if (!member) return byContainer;
        for (const container of containerSecurity(member)) {
          const items = new Map<string, Item>();
          for (const hardening of CONTAINER_HARDENING) {
            const setting = container.setting(hardening.field);
            if (hardening.holds(setting?.value)) items.set(hardening.key, { place: placeIn(i, member, setting?.path ?? [...container.path, 'name'], setting ? 'key' : undefined), value: hardening.key });
          }
          const anchor = container.context ? placeIn(i, member, container.contextPath, 'key') : placeIn(i, member, [...container.path, 'name']);
          byContainer.set(container.name, { anchor, items });
        }
        return byContainer;
      });
      const names = new Set(perEnvironment.flatMap((byContainer) => [...byContainer.keys()]));
      for (const name of names) {
        reportPresence(context, {
          messageId: 'weaker',
          resource,
          holdings: perEnvironment.map((byContainer) => byContainer.get(name)),
          subject: (key) => `${name}/securityContext/${key.split(':')[0]}`,
          what: (key) => `${key} (container ${name})`,
          data: () => ({ where: `container "${name}"` }),
        });
      }
      reportPresence(context, {
        messageId: 'weaker',
        resource,
        holdings: resource.members.map((member, i) => {
          const pod = member && podSpec(member);
          if (!member || !pod) return undefined;
          const items = new Map<string, Item>();
          for (const field of POD_HARDENING) {
            if (pod.spec[field] !== true) items.set(`${field}: false`, { place: placeIn(i, member, pod.spec[field] === undefined ? pod.path : [...pod.path, field], pod.spec[field] === undefined ? undefined : 'key'), value: `${field}: false` });
          }
          const weakened = POD_HARDENING.find((field) => pod.spec[field] === true);
          return { anchor: weakened ? placeIn(i, member, [...pod.path, weakened], 'key') : placeIn(i, member, pod.path, 'key'), items };
        }),
        subject: (key) => `securityContext/${key.split(':')[0]}`,
        what: (key) => key,
        data: () => ({ where: 'the pod' }),
      });
    }
  },
});
