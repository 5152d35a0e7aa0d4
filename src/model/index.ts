import type { ObjectPath } from '../core/types.js';
import { append } from './collections.js';
import { isClusterScoped, podMetadataPathOf, type GroupKind } from './kinds.js';
import { NOT_NAME } from './names.js';
import { producedSecrets, referencesOf, type ProducedSecret, type Reference } from './references.js';
import { isObject, type Resource } from './resource.js';
import { isEmptySelector, labelsOf, selectorMatches, type LabelSelector } from './selector.js';

/** Objects the configuration says exist outside the input (made by hand, by another repository, by an operator). */
export type ExternalResources = (target: GroupKind, namespace: string | undefined, name: string) => boolean;

export interface IndexOptions {
  /** The namespace of objects written without one (`--namespace`, the configuration), `default` otherwise. */
  defaultNamespace?: string;
  /**
   * Whether the input is a whole application (a rendered chart, an overlay, a folder), so that
   * "not found" and "nothing references" can be said at all. A pre-commit run over changed files
   * is partial.
   */
  complete?: boolean;
  external?: ExternalResources;
  /**
   * The Kubernetes release the manifests are for, as `major.minor` (`--kubernetes-version`, the
   * configuration); rules that check schemas and API versions use the newest bundled when unset.
   */
  kubernetesVersion?: string;
  /** CustomResourceDefinitions given apart from the input (`--crds`), to validate custom resources with. */
  customResourceDefinitions?: readonly Resource[];
}

/** A pod template (or a Pod) with the labels selectors match against. */
export interface PodTemplate {
  resource: Resource;
  labels: Readonly<Record<string, string>>;
  /** Path of the template's metadata inside the resource. */
  metadataPath: ObjectPath;
}

/** What stands for an object a reference names, when the object itself is not in the input. */
export interface Presence {
  defined: readonly Resource[];
  producedBy: readonly Resource[];
  external: boolean;
}

function key(groupKind: GroupKind, namespace: string | undefined, name: string): string {
  return `${groupKind}\u0000${namespace ?? ''}\u0000${name}`;
}

const EMPTY: readonly never[] = [];

/** Fields whose strings repeat names without using what they name: label selectors. */
const UNMENTIONING_FIELDS = new Set(['selector', 'matchLabels', 'labelSelector', 'podSelector', 'namespaceSelector']);

/**
 * Every resource of a run, looked up by group/kind, namespace and name in constant time, with
 * the references between them and the pods each label selector selects, so rules that relate
 * resources keep a run linear in the size of its input. Namespaces are effective ones: an
 * object written without a namespace is in the default namespace; a cluster-scoped one in none.
 */
export class ResourceIndex {
  readonly defaultNamespace: string;
  readonly complete: boolean;
  readonly kubernetesVersion: string | undefined;
  readonly customResourceDefinitions: readonly Resource[];
  private readonly external: ExternalResources | undefined;
  private readonly byKey = new Map<string, Resource[]>();
  private readonly byGroupKind = new Map<GroupKind, Resource[]>();
  private referenceCache: { all: Reference[]; byTarget: Map<string, Reference[]>; byResource: Map<Resource, Reference[]> } | undefined;
  private producedCache: Map<string, ProducedSecret[]> | undefined;
  private podCache: { byNamespace: Map<string, PodTemplate[]>; byLabel: Map<string, PodTemplate[]> } | undefined;
  private mentionCache: Set<string> | undefined;
  private byGroupKindAndName: Map<string, Resource[]> | undefined;

  constructor(
    readonly resources: readonly Resource[],
    options: IndexOptions = {},
  ) {
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.complete = options.complete ?? true;
    this.kubernetesVersion = options.kubernetesVersion;
    this.customResourceDefinitions = options.customResourceDefinitions ?? EMPTY;
    this.external = options.external;
    for (const resource of resources) {
      // An unnamed object has no name to be looked up by: its `<unnamed Kind>` must neither
      // satisfy a reference nor make two unnamed objects one.
      if (!resource.unnamed) append(this.byKey, key(resource.groupKind, this.namespaceOf(resource), resource.name), resource);
      append(this.byGroupKind, resource.groupKind, resource);
    }
  }

  /** The namespace an object lands in: as written, else the default; undefined for cluster-scoped kinds. */
  namespaceOf(resource: Resource): string | undefined {
    return this.effectiveNamespace(resource.groupKind, resource.namespace);
  }

  effectiveNamespace(groupKind: GroupKind, namespace: string | undefined): string | undefined {
    return isClusterScoped(groupKind) ? undefined : namespace ?? this.defaultNamespace;
  }

  /** Resources of a group/kind named `name` in `namespace` (undefined: the default one). Several when defined twice. */
  get(groupKind: GroupKind, namespace: string | undefined, name: string): readonly Resource[] {
    return this.byKey.get(key(groupKind, this.effectiveNamespace(groupKind, namespace), name)) ?? EMPTY;
  }

  /** Every resource of a group/kind (`apps/Deployment`, `Secret`). */
  ofKind(groupKind: GroupKind): readonly Resource[] {
    return this.byGroupKind.get(groupKind) ?? EMPTY;
  }

  /**
   * Objects of a group/kind named `name` outside `namespace` (undefined: the default one). A
   * reference never crosses namespaces, and the same name defined in another one is the likely
   * mistake behind a missing object, worth saying in the finding. Built on first use, so the
   * rules that ask keep a run linear.
   */
  inOtherNamespaces(groupKind: GroupKind, namespace: string | undefined, name: string): readonly Resource[] {
    if (!this.byGroupKindAndName) {
      this.byGroupKindAndName = new Map();
      for (const resource of this.resources) if (!resource.unnamed) append(this.byGroupKindAndName, `${resource.groupKind}\u0000${resource.name}`, resource);
    }
    const effective = this.effectiveNamespace(groupKind, namespace);
    const named = this.byGroupKindAndName.get(`${groupKind}\u0000${name}`) ?? EMPTY;
    return named.filter((resource) => this.namespaceOf(resource) !== effective);
  }

  /** Whether a named object is there: defined in the input, made by another object (Secrets), or declared external. */
  presence(groupKind: GroupKind, namespace: string | undefined, name: string): Presence {
    const effective = this.effectiveNamespace(groupKind, namespace);
    return {
      defined: this.get(groupKind, namespace, name),
      producedBy: groupKind === 'Secret' ? (this.produced().get(key('Secret', effective, name)) ?? EMPTY).map((entry) => entry.by) : EMPTY,
      external: this.external?.(groupKind, effective, name) ?? false,
    };
  }

  exists(groupKind: GroupKind, namespace: string | undefined, name: string): boolean {
    const presence = this.presence(groupKind, namespace, name);
    return presence.defined.length > 0 || presence.producedBy.length > 0 || presence.external;
  }

  private produced(): Map<string, ProducedSecret[]> {
    if (!this.producedCache) {
      this.producedCache = new Map();
      for (const resource of this.resources) {
        for (const secret of producedSecrets(resource)) {
          // A Secret named after its maker (a SealedSecret's) has no name when the maker has none.
          if (resource.unnamed && secret.name === resource.name) continue;
          append(this.producedCache, key('Secret', this.effectiveNamespace('Secret', secret.namespace), secret.name), secret);
        }
      }
    }
    return this.producedCache;
  }

  private referenceTable(): NonNullable<ResourceIndex['referenceCache']> {
    if (!this.referenceCache) {
      const all: Reference[] = [];
      const byTarget = new Map<string, Reference[]>();
      const byResource = new Map<Resource, Reference[]>();
      for (const resource of this.resources) {
        const found = referencesOf(resource);
        if (found.length === 0) continue;
        byResource.set(resource, found);
        for (const reference of found) {
          all.push(reference);
          append(byTarget, key(reference.target, this.effectiveNamespace(reference.target, reference.namespace), reference.name), reference);
        }
      }
      this.referenceCache = { all, byTarget, byResource };
    }
    return this.referenceCache;
  }

  /** Every reference by name in the input, computed once per run on first use. */
  references(): readonly Reference[] {
    return this.referenceTable().all;
  }

  referencesFrom(resource: Resource): readonly Reference[] {
    return this.referenceTable().byResource.get(resource) ?? EMPTY;
  }

  /** What names this object: the reverse of `references`. */
  referencesTo(groupKind: GroupKind, namespace: string | undefined, name: string): readonly Reference[] {
    return this.referenceTable().byTarget.get(key(groupKind, this.effectiveNamespace(groupKind, namespace), name)) ?? EMPTY;
  }

  private pods(): NonNullable<ResourceIndex['podCache']> {
    if (!this.podCache) {
      const byNamespace = new Map<string, PodTemplate[]>();
      const byLabel = new Map<string, PodTemplate[]>();
      for (const resource of this.resources) {
        const metadataPath = podMetadataPathOf(resource.groupKind);
        if (!metadataPath) continue;
        let metadata: unknown = resource.object;
        for (const segment of metadataPath) metadata = isObject(metadata) ? metadata[segment as string] : undefined;
        const template: PodTemplate = { resource, labels: labelsOf(metadata), metadataPath };
        const namespace = this.namespaceOf(resource)!;
        append(byNamespace, namespace, template);
        for (const [label, value] of Object.entries(template.labels)) append(byLabel, `${namespace}\u0000${label}=${value}`, template);
      }
      this.podCache = { byNamespace, byLabel };
    }
    return this.podCache;
  }

  /** Every pod template in a namespace. */
  podTemplatesIn(namespace: string | undefined): readonly PodTemplate[] {
    return this.pods().byNamespace.get(namespace ?? this.defaultNamespace) ?? EMPTY;
  }

  /**
   * The pod templates a selector selects in a namespace. Candidates come from the selector's
   * rarest `key=value` pair, so a Service is matched against the few templates that share a label
   * with it, not every template of its namespace.
   */
  podsSelectedBy(namespace: string | undefined, selector: LabelSelector): readonly PodTemplate[] {
    const effective = namespace ?? this.defaultNamespace;
    const { byNamespace, byLabel } = this.pods();
    let candidates: readonly PodTemplate[] | undefined;
    for (const [label, value] of Object.entries(selector.matchLabels)) {
      const list = byLabel.get(`${effective}\u0000${label}=${value}`) ?? EMPTY;
      if (!candidates || list.length < candidates.length) candidates = list;
      if (list.length === 0) return EMPTY;
    }
    candidates ??= byNamespace.get(effective) ?? EMPTY;
    if (isEmptySelector(selector)) return candidates;
    return candidates.filter((template) => selectorMatches(selector, template.labels));
  }

  /**
   * Whether a Secret or ConfigMap's name appears as a word in another object's strings in its
   * namespace (an argument, an annotation, a custom resource's field; cluster-scoped objects count
   * for every namespace): a use kubegate cannot read as a reference, but enough to not call the
   * object unused. Object names, labels and selectors do not count, since they often repeat a
   * release name, and neither does the object itself.
   */
  isMentioned(resource: Resource): boolean {
    const namespace = this.namespaceOf(resource);
    const mentions = this.mentions();
    return mentions.has(`${namespace ?? ''}\u0000${resource.name}`) || mentions.has(`*\u0000${resource.name}`);
  }

  private mentions(): Set<string> {
    if (!this.mentionCache) {
      const candidates = new Set<string>();
      for (const kind of ['Secret', 'ConfigMap']) for (const resource of this.ofKind(kind)) if (!resource.unnamed) candidates.add(resource.name);
      const mentioned = new Set<string>();
      let scope = '';
      let self: string | undefined;
      const note = (name: string): void => {
        if (name !== self) mentioned.add(`${scope}\u0000${name}`);
      };
      // An alias makes one value appear many times (an alias bomb, billions of times): each
      // collection is read once per object, as what it mentions is the same every time.
      let seen = new WeakSet<object>();
      const visit = (value: unknown, depth: number): void => {
        if (typeof value === 'string') {
          if (candidates.has(value)) note(value);
          else if (value.length > 2) for (const token of value.split(NOT_NAME)) if (candidates.has(token)) note(token);
          return;
        }
        if (typeof value !== 'object' || value === null || seen.has(value)) return;
        seen.add(value);
        if (depth < 64 && Array.isArray(value)) {
          for (const item of value) visit(item, depth + 1);
        } else if (depth < 64 && isObject(value)) {
          for (const [field, item] of Object.entries(value)) {
            if (field === 'metadata') {
              // A pod template's metadata: its annotations may name a Secret, its labels are no use of one.
              if (isObject(item) && isObject(item.annotations)) visit(item.annotations, depth + 2);
            } else if (!UNMENTIONING_FIELDS.has(field)) {
              visit(item, depth + 1);
            }
          }
        }
      };
      for (const resource of this.resources) {
        const namespace = this.namespaceOf(resource);
        scope = namespace === undefined ? '*' : namespace;
        self = resource.groupKind === 'Secret' || resource.groupKind === 'ConfigMap' ? resource.name : undefined;
        seen = new WeakSet();
        visit(resource.object, 0);
      }
      this.mentionCache = mentioned;
    }
    return this.mentionCache;
  }
}
