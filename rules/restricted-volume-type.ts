import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { podSpec } from '../src/model/workload.js';

/**
 * The volume sources the restricted standard allows: the pod's own data, and storage defined
 * outside the pod (claims, CSI). `image` joined them in Kubernetes 1.33.
 */
const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

/**
 * The inline sources the standard forbids, apart from hostPath (reported by host-path-volume,
 * since the baseline level already forbids it) and gitRepo (its own message). Any other key is
 * left alone: the API server drops fields it does not know.
 */
const RESTRICTED = new Set([
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'portworxVolume',
  'photonPersistentDisk',
  'scaleIO',
  'storageos',
]);

export default createRule({
  meta: {
    id: 'restricted-volume-type',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 4.1,
    podSecurity: { level: 'restricted', controls: ['Volume Types'] },
    description: 'A pod declares a volume of a type the restricted Pod Security Standard forbids (gitRepo, or network or cloud storage written inline, such as nfs or iscsi).',
    rationale:
      'Inline volume sources let the pod itself tell the node what to mount and how: the NFS server, the iSCSI target, the Ceph monitors and keys, the driver options of a flexVolume (whose driver runs on the node as root). The restricted Pod Security Standard admits only the pod\'s own data (configMap, secret, downwardAPI, projected, emptyDir, image) and storage an administrator set up outside the pod (persistentVolumeClaim, ephemeral, csi), so that what a pod can mount is decided by the cluster, not by whoever writes pod specs. This is about who decides what pods mount rather than a way onto the node, so these volumes are reported one level lower, as info; most of their in-tree drivers are deprecated in favour of CSI drivers anyway. A `gitRepo` volume is reported as a warning: the kubelet clones the repository on the node as root, which let a crafted repository run commands on the node (CVE-2024-10220), and Kubernetes 1.33 turned the driver off by default. hostPath volumes, which the baseline level already forbids, are reported by `host-path-volume` and `container-runtime-socket`.',
    remediation:
      'Clone repositories in an init container into an emptyDir instead of a gitRepo volume. For network or cloud storage, have the administrator define a PersistentVolume (or a StorageClass) and mount it through a persistentVolumeClaim, or use the storage\'s CSI driver.',
    messages: {
      gitRepo:
        'Volume "{{volume}}" is a gitRepo volume: the kubelet clones the repository on the node as root, which let a crafted repository run commands on the node (CVE-2024-10220), and Kubernetes 1.33 turned the driver off by default. Clone the repository in an init container into an emptyDir instead.',
      inline:
        'Volume "{{volume}}" mounts {{type}} storage defined inline in the pod: the pod itself tells the node which server or disk to mount and how, which the restricted Pod Security Standard forbids so that administrators, not pod authors, decide what pods mount. Mount it through a persistentVolumeClaim bound to a PersistentVolume, or use the storage\'s CSI driver.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const pod = podSpec(resource);
    const volumes = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isObject(volume)) return;
      const keys = Object.keys(volume).filter((key) => key !== 'name' && volume[key] !== null && volume[key] !== undefined);
      // A volume with an allowed source is allowed, and one that names no source at all defaults to an emptyDir.
      if (keys.some((key) => ALLOWED.has(key)) || 'hostPath' in volume) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${index}`;
      if (keys.includes('gitRepo')) {
        context.report({ messageId: 'gitRepo', data: { volume: name }, path: [...pod.path, 'volumes', index, 'gitRepo'], on: 'key' });
        return;
      }
      const type = keys.find((key) => RESTRICTED.has(key));
      if (type !== undefined) context.report({ messageId: 'inline', data: { volume: name, type }, path: [...pod.path, 'volumes', index, type], on: 'key', downgrade: true });
    });
  },
});
