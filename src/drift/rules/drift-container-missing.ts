import { podSpec } from '../../model/workload.js';
import { matchedContainers, namedEntries, placeIn, reportPresence, workloads, type Holdings, type Item } from '../compare.js';
import { anchorIn } from '../containers.js';
import { defineDriftRule } from '../rule.js';

export default defineDriftRule({
  meta: {
    id: 'drift-container-missing',
    category: 'drift',
    severity: 'warning',
    precision: 'high',
    description: 'A workload has a container, or a container has a port, in one environment and not in another.',
    rationale: 'A sidecar (a proxy, a log shipper, a migration init container) or a port that exists in only some environments means the pods that were tested are not the pods that run: traffic to the missing port is refused, work the missing container did is not done.',
    remediation: 'Give the workload the same containers and ports in every environment, or allow the difference in `drift.allow` when it is meant (a debugging sidecar only in development).',
    messages: {
      container: '{{resource}}: {{lacking}} has no {{value}} "{{key}}", while {{having}} runs it.',
      port: '{{resource}}: container "{{container}}" does not declare port {{key}} in {{lacking}}, while {{having}} does.',
    },
  },
  compare(context) {
    for (const resource of workloads(context.resources)) {
      const matched = matchedContainers(resource);
      reportPresence(context, {
        messageId: 'container',
        resource,
        holdings: resource.members.map((member, i): Holdings | undefined => {
          const pod = member && podSpec(member);
          if (!member || !pod) return undefined;
          const items = new Map<string, Item>();
          for (const [name, refs] of matched) {
            const ref = refs[i];
            if (ref) items.set(name, { place: placeIn(i, member, [...ref.path, 'name']), value: ref.role === 'initContainer' ? (ref.sidecar ? 'sidecar' : 'init container') : ref.role === 'ephemeralContainer' ? 'ephemeral container' : 'container' });
          }
          return { anchor: placeIn(i, member, [...pod.path, 'containers'], 'key'), items };
        }),
        subject: (key) => `${key}`,
        what: (key) => `container ${key}`,
      });
      for (const [container, refs] of matched) {
        reportPresence(context, {
          messageId: 'port',
          resource,
          holdings: refs.map((ref, i) => {
            if (!ref) return undefined;
            const member = resource.members[i]!;
            const items = new Map<string, Item>();
            const ports = namedEntries(ref.container, 'ports', ref.path, (port) => (typeof port.containerPort === 'number' || typeof port.containerPort === 'string' ? `${port.containerPort}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}` : undefined));
            for (const { key, entry, path } of ports) items.set(key, { place: placeIn(i, member, [...path, 'containerPort']), value: typeof entry.name === 'string' ? `port ${key} (${entry.name})` : `port ${key}` });
            return { anchor: anchorIn(i, member, ref, 'ports'), items };
          }),
          subject: (key) => `${container}/port/${key}`,
          what: (key) => `port ${key} (container ${container})`,
          data: () => ({ container }),
        });
      }
    }
  },
});
