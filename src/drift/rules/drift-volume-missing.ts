import { isObject, type KubeObject } from '../../model/resource.js';
import { podSpec } from '../../model/workload.js';
import { anchorIn } from '../containers.js';
import { matchedContainers, namedEntries, placeIn, reportPresence, workloads, type Item } from '../compare.js';
import type { DriftEnvironment } from '../rule.js';
import { defineDriftRule } from '../rule.js';

/** `Secret api-tls`, `emptyDir`, `PVC data`: a volume's source, with names canonical for matching. */
function volumeSource(environment: DriftEnvironment, volume: KubeObject): string {
  const named: readonly [string, string, string][] = [
    ['secret', 'secretName', 'Secret'],
    ['configMap', 'name', 'ConfigMap'],
    ['persistentVolumeClaim', 'claimName', 'PersistentVolumeClaim'],
  ];
  for (const [field, nameField, kind] of named) {
    const source = volume[field];
    if (isObject(source) && typeof source[nameField] === 'string') return `${kind} ${environment.canonicalName(kind, source[nameField])}`;
  }
  return Object.keys(volume).find((key) => key !== 'name') ?? 'volume';
}

export default defineDriftRule({
  meta: {
    id: 'drift-volume-missing',
    category: 'drift',
    severity: 'error',
    precision: 'high',
    description: 'A pod has a volume, or a container mounts a path, in one environment and not in another.',
    rationale: 'A file the application reads (a certificate, a configuration file, a cache directory) is there in the environment that was tested and absent in another: the process fails to open it, or writes where the root filesystem is read-only.',
    remediation: 'Give the pod the same volumes and mounts in every environment (each with its own Secret, ConfigMap or claim), or allow the difference in `drift.allow`.',
    messages: {
      volume: '{{resource}}: {{lacking}} has no volume "{{key}}", while {{having}} has it ({{value}}).',
      mount: '{{resource}}: container "{{container}}" does not mount {{key}} in {{lacking}}, while {{having}} does ({{value}}).',
    },
  },
  compare(context) {
    const { environments } = context;
    for (const resource of workloads(context.resources)) {
      reportPresence(context, {
        messageId: 'volume',
        resource,
        holdings: resource.members.map((member, i) => {
          const pod = member && podSpec(member);
          if (!member || !pod) return undefined;
          const items = new Map<string, Item>();
          for (const { key, entry, path } of namedEntries(pod.spec, 'volumes', pod.path, (volume) => (typeof volume.name === 'string' ? volume.name : undefined))) {
            items.set(key, { place: placeIn(i, member, [...path, 'name']), value: volumeSource(environments[i]!, entry) });
          }
          const anchor = pod.spec.volumes !== undefined ? placeIn(i, member, [...pod.path, 'volumes'], 'key') : placeIn(i, member, [...pod.path, 'containers'], 'key');
          return { anchor, items };
        }),
        subject: (key) => `volume/${key}`,
        what: (key) => `volume ${key}`,
      });
      for (const [container, refs] of matchedContainers(resource)) {
        reportPresence(context, {
          messageId: 'mount',
          resource,
          holdings: refs.map((ref, i) => {
            if (!ref) return undefined;
            const member = resource.members[i]!;
            const items = new Map<string, Item>();
            for (const { key, entry, path } of namedEntries(ref.container, 'volumeMounts', ref.path, (mount) => (typeof mount.mountPath === 'string' ? mount.mountPath : undefined))) {
              items.set(key, { place: placeIn(i, member, [...path, 'mountPath']), value: `volume ${String(entry.name)}` });
            }
            return { anchor: anchorIn(i, member, ref, 'volumeMounts'), items };
          }),
          subject: (key) => `${container}/mount${key}`,
          what: (key) => `mount ${key} (container ${container})`,
          data: () => ({ container }),
        });
      }
    }
  },
});
