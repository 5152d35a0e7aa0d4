import { createRule } from '../src/engine/builtin-rule.js';
import { groupKind } from '../src/model/kinds.js';
import { isObject, type Resource } from '../src/model/resource.js';

/**
 * Kinds the API server has served under more than one group, mapped to the group it serves them
 * under today. Both groups read and write the same stored object (`/registry/deployments/ns/name`),
 * so an `extensions/v1beta1` Deployment and an `apps/v1` Deployment of the same name are one
 * object, and the later manifest replaces the earlier one just as with two identical groups.
 */
const CURRENT_GROUP: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Deployment: { extensions: 'apps' },
  DaemonSet: { extensions: 'apps' },
  ReplicaSet: { extensions: 'apps' },
  Ingress: { extensions: 'networking.k8s.io' },
  NetworkPolicy: { extensions: 'networking.k8s.io' },
  PodSecurityPolicy: { extensions: 'policy' },
  Event: { 'events.k8s.io': '' },
};

function canonicalGroupKind(resource: Resource): string {
  const current = CURRENT_GROUP[resource.kind]?.[resource.group] ?? resource.group;
  // Nearly every resource keeps its group: its own group/kind, already built, is the answer.
  return current === resource.group ? resource.groupKind : groupKind(current, resource.kind);
}

/** Objects written with `generateName` and no name get a fresh name on every create. */
function hasName(resource: Resource): boolean {
  const metadata = resource.object.metadata;
  return isObject(metadata) && typeof metadata.name === 'string' && metadata.name !== '';
}

function directoryOf(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return slash === -1 ? '' : file.slice(0, slash);
}

interface Duplicate {
  resource: Resource;
  earlier: Resource;
}

export default createRule({
  meta: {
    id: 'duplicate-resource',
    category: 'references',
    severity: 'error',
    precision: 'high',
    description: 'The same object (group, kind, namespace and name) is defined more than once.',
    rationale: 'Kubernetes keeps one object per kind, namespace and name. When the manifests define it twice, `kubectl apply` applies both in turn and the later one silently replaces the first, so whatever only the first one says (a different image, an env var, a port, a whole different purpose under a reused name) never reaches the cluster. Helm fails the install with `already exists`, kustomize refuses to build (`may not add resource with an already registered id`), and Argo CD flags a repeated resource. Objects written without a namespace land in the default one, and groups that serve the same kind (`extensions` and `apps` Deployments, `extensions` and `networking.k8s.io` Ingresses) store the same object. Copies in one file (a rendered chart, a kustomize build) are always reported. Copies in two files of one folder are reported one severity lower, since a folder cannot say that its files are applied together; not at all when the two files repeat most of each other\'s kinds and names, which is how alternatives are kept side by side (`install.yaml` and `namespace-install.yaml`, one applied or the other), or leave the namespace to `kubectl apply -n`; and never across folders, which usually hold different environments or kustomize patches.',
    remediation: 'Keep one definition: delete the copy, merge what differs into the one that stays, or rename one of them if they are meant to be two objects. Give each a namespace when they are meant for different namespaces. Alternatives kept in one folder are best linted one at a time.',
    messages: {
      duplicate: '{{kind}} "{{name}}" {{where}} is already defined {{first}}: applying both, this definition silently replaces the first. Keep one of them, or rename one if they are meant to be two objects.',
    },
    appliesTo: '*',
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    const first = new Map<string, Resource>();
    // For the few objects defined more than once, the first definition in each file and in each
    // folder: an object defined in hundreds of files is then not compared with every earlier one.
    const copies = new Map<string, { inFile: Map<string, Resource>; inFolder: Map<string, Resource> }>();
    const duplicates: Duplicate[] = [];
    const report = ({ resource, earlier }: Duplicate, downgrade = false): void => {
      const namespace = index.effectiveNamespace(canonicalGroupKind(resource), resource.namespace);
      const line = earlier.document.rangeOf([...earlier.basePath, 'metadata', 'name']).line;
      const at = earlier.document.file === resource.document.file ? `at line ${line}` : `in ${earlier.document.file}:${line}`;
      // An `extensions` Deployment and an `apps` one are the same object, which is worth saying.
      const first = earlier.apiVersion === resource.apiVersion || earlier.group === resource.group ? at : `${at} (as ${earlier.apiVersion})`;
      context.report({
        messageId: 'duplicate',
        resource,
        data: { kind: resource.kind, name: resource.name, where: namespace === undefined ? '(cluster-scoped)' : `in namespace "${namespace}"`, first },
        path: ['metadata', 'name'],
        related: [{ resource: earlier, path: ['metadata', 'name'], message: `first definition of ${earlier.kind} "${earlier.name}"` }],
        downgrade,
      });
    };
    return {
      check(resource) {
        if (!hasName(resource)) return;
        const key = canonicalGroupKind(resource);
        const identity = `${key}\u0000${index.effectiveNamespace(key, resource.namespace) ?? ''}\u0000${resource.name}`;
        const original = first.get(identity);
        if (!original) {
          first.set(identity, resource);
          return;
        }
        let earlier = copies.get(identity);
        if (!earlier) {
          earlier = { inFile: new Map([[original.document.file, original]]), inFolder: new Map([[directoryOf(original.document.file), original]]) };
          copies.set(identity, earlier);
        }
        const file = resource.document.file;
        const folder = directoryOf(file);
        const sameFile = earlier.inFile.get(file);
        const sameFolder = earlier.inFolder.get(folder);
        if (!sameFile) earlier.inFile.set(file, resource);
        if (!sameFolder) earlier.inFolder.set(folder, resource);
        if (sameFile) {
          report({ resource, earlier: sameFile });
          return;
        }
        // Two files that leave the namespace to `kubectl apply -n` may well be applied to two namespaces.
        const namespaceLeftOpen = sameFolder && resource.namespace === undefined && sameFolder.namespace === undefined && index.namespaceOf(resource) !== undefined;
        if (sameFolder && !namespaceLeftOpen) duplicates.push({ resource, earlier: sameFolder });
      },
      finish() {
        if (duplicates.length === 0) return;
        // The kinds and names of each file involved, whatever the namespace: files of alternatives repeat them all.
        const namesInFile = new Map<string, Set<string>>();
        for (const { resource, earlier } of duplicates) for (const file of [resource.document.file, earlier.document.file]) namesInFile.set(file, new Set());
        for (const resource of index.resources) if (!resource.unnamed) namesInFile.get(resource.document.file)?.add(`${canonicalGroupKind(resource)}\u0000${resource.name}`);
        const alternatives = new Map<string, boolean>();
        const areAlternatives = (a: string, b: string): boolean => {
          const pair = `${a}\u0000${b}`;
          let known = alternatives.get(pair);
          if (known === undefined) {
            const [small, large] = [namesInFile.get(a) ?? new Set<string>(), namesInFile.get(b) ?? new Set<string>()].sort((x, y) => x.size - y.size) as [Set<string>, Set<string>];
            let common = 0;
            for (const name of small) if (large.has(name)) common += 1;
            known = common * 2 > small.size;
            alternatives.set(pair, known);
          }
          return known;
        };
        for (const duplicate of duplicates) {
          if (areAlternatives(duplicate.earlier.document.file, duplicate.resource.document.file)) continue;
          // Whether two files are applied together is the one thing a folder cannot say.
          report(duplicate, true);
        }
      },
    };
  },
});
