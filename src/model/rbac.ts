import type { ObjectPath } from '../core/types.js';
import { append } from './collections.js';
import type { ResourceIndex } from './index.js';
import { isObject, metadataMap, type KubeObject, type Resource } from './resource.js';

/**
 * RBAC as the authorizer reads it: what a Role or ClusterRole's PolicyRules grant (with `*`
 * matching as the API server matches it) and whom a binding grants it to. Every RBAC rule asks
 * the same questions and must agree on the answers, above all on what a wildcard covers.
 */

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const ROLE_KINDS = [`${RBAC_GROUP}/Role`, `${RBAC_GROUP}/ClusterRole`] as const;
export const BINDING_KINDS = [`${RBAC_GROUP}/RoleBinding`, `${RBAC_GROUP}/ClusterRoleBinding`] as const;

/** The one value that matches every verb, resource or API group. */
export const ALL = '*';

/** One string of a PolicyRule list, and where it is written. */
export interface RuleEntry {
  value: string;
  path: ObjectPath;
}

/** A PolicyRule of a Role or ClusterRole, its lists read as strings with their paths. */
export interface PolicyRule {
  /** Path of the rule itself: `['rules', n]`. */
  path: ObjectPath;
  verbs: readonly RuleEntry[];
  apiGroups: readonly RuleEntry[];
  resources: readonly RuleEntry[];
  /** Not empty: the rule grants its verbs on these objects only. */
  resourceNames: readonly RuleEntry[];
  nonResourceURLs: readonly RuleEntry[];
}

function entries(rule: KubeObject, field: string, at: ObjectPath): RuleEntry[] {
  const list = rule[field];
  if (!Array.isArray(list)) return [];
  const found: RuleEntry[] = [];
  list.forEach((value: unknown, index) => {
    if (typeof value === 'string') found.push({ value, path: [...at, field, index] });
  });
  return found;
}

/** Read once per role: every RBAC rule reviews the same PolicyRules. */
const readRules = new WeakMap<Resource, readonly PolicyRule[]>();

/** Every PolicyRule written in a Role or ClusterRole, in order. */
export function policyRules(resource: Resource): readonly PolicyRule[] {
  let found = readRules.get(resource);
  if (!found) readRules.set(resource, (found = readPolicyRules(resource)));
  return found;
}

function readPolicyRules(resource: Resource): PolicyRule[] {
  const rules = resource.object.rules;
  if (!Array.isArray(rules)) return [];
  const found: PolicyRule[] = [];
  rules.forEach((rule: unknown, index) => {
    if (!isObject(rule)) return;
    const path = ['rules', index];
    found.push({
      path,
      verbs: entries(rule, 'verbs', path),
      apiGroups: entries(rule, 'apiGroups', path),
      resources: entries(rule, 'resources', path),
      resourceNames: entries(rule, 'resourceNames', path),
      nonResourceURLs: entries(rule, 'nonResourceURLs', path),
    });
  });
  return found;
}

/**
 * A ClusterRole with an `aggregationRule`: the controller manager overwrites its `rules` with the
 * union of the ClusterRoles its selectors match, so what is written there grants nothing of its
 * own; each of those ClusterRoles is checked where it is defined.
 */
export function isAggregated(resource: Resource): boolean {
  return resource.groupKind === `${RBAC_GROUP}/ClusterRole` && isObject(resource.object.aggregationRule);
}

/**
 * One of the API server's own roles and bindings (`cluster-admin`, `system:node`…), as a dump of
 * a cluster holds them: the API server recreates and reconciles each at every start, so a finding
 * on one could not be acted on. A chart's own roles named `system:…` are no such thing, and are
 * checked like any other.
 */
export function isBootstrapPolicy(resource: Resource): boolean {
  return metadataMap(resource, 'labels')['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

/** The PolicyRules of a role that the RBAC rules review: none for an aggregated or built-in role. */
export function reviewedPolicyRules(resource: Resource): readonly PolicyRule[] {
  return isAggregated(resource) || isBootstrapPolicy(resource) ? [] : policyRules(resource);
}

/** A ClusterRole (bound by a ClusterRoleBinding, it grants in every namespace) rather than a namespace's Role. */
export function isClusterRole(resource: Resource): boolean {
  return resource.groupKind === `${RBAC_GROUP}/ClusterRole`;
}

/** The entry of `list` that grants `value`: `*`, else `value` itself. */
export function granting(list: readonly RuleEntry[], value: string): RuleEntry | undefined {
  return list.find((entry) => entry.value === ALL) ?? list.find((entry) => entry.value === value);
}

/** The entries of `list` that grant one of `values` (`*` first, when written), each once. */
export function grantingAny(list: readonly RuleEntry[], values: readonly string[]): RuleEntry[] {
  const all = list.find((entry) => entry.value === ALL);
  if (all) return [all];
  return list.filter((entry) => values.includes(entry.value));
}

/**
 * The entry of a rule's `resources` that grants `resource` (`pods`, or `pods/exec` for a
 * subresource), as the authorizer matches: `*` grants everything, `*` then `/exec` grants the
 * `exec` subresource of every resource, and `pods` alone does not grant `pods/exec`.
 */
export function grantingResource(list: readonly RuleEntry[], resource: string): RuleEntry | undefined {
  const slash = resource.indexOf('/');
  const subresource = slash === -1 ? undefined : resource.slice(slash + 1);
  return (
    list.find((entry) => entry.value === ALL) ??
    list.find((entry) => entry.value === resource) ??
    (subresource === undefined ? undefined : list.find((entry) => entry.value === `*/${subresource}`))
  );
}

/** Whether a rule applies to resources of API group `group` (the core group is `''`). */
export function coversGroup(rule: PolicyRule, group: string): boolean {
  return granting(rule.apiGroups, group) !== undefined;
}

/** `*` in both verbs and resources: everything, in the rule's API groups. */
export function grantsEverything(rule: PolicyRule): boolean {
  return rule.verbs.some((entry) => entry.value === ALL) && rule.resources.some((entry) => entry.value === ALL);
}

/**
 * Everything in the core group (Secrets, pods, ServiceAccounts) or in every group: what
 * rbac-wildcard reports as its error. The rules about one power (reading Secrets, exec, creating
 * pods, escalation) leave such a rule to it rather than each repeat "this grants everything".
 */
export function grantsFullControl(rule: PolicyRule): boolean {
  return grantsEverything(rule) && rule.apiGroups.some((entry) => entry.value === ALL || entry.value === '');
}

/** `"get", "list"` for a message. */
export function quoteList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** The API groups of a rule as a message says them: `the core group`, `"apps", "batch"`, `every API group`. */
export function describeGroups(rule: PolicyRule): string {
  if (rule.apiGroups.some((entry) => entry.value === ALL)) return 'every API group';
  if (rule.apiGroups.length === 0) return 'no API group';
  return rule.apiGroups.map((entry) => (entry.value === '' ? 'the core group' : `"${entry.value}"`)).join(', ');
}

/** A subject of a RoleBinding or ClusterRoleBinding. */
export interface Subject {
  kind: string;
  name: string;
  /** As written; a ServiceAccount subject of a RoleBinding written without one is taken in the binding's namespace. */
  namespace: string | undefined;
  path: ObjectPath;
}

export function bindingSubjects(resource: Resource): Subject[] {
  const subjects = resource.object.subjects;
  if (!Array.isArray(subjects)) return [];
  const found: Subject[] = [];
  subjects.forEach((subject: unknown, index) => {
    if (!isObject(subject) || typeof subject.kind !== 'string' || typeof subject.name !== 'string') return;
    const namespace = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : undefined;
    found.push({ kind: subject.kind, name: subject.name, namespace, path: ['subjects', index] });
  });
  return found;
}

/** `ServiceAccount "monitoring/prometheus"`, `Group "system:masters"`: how a message names a subject. */
export function describeSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount' && subject.namespace !== undefined ? `ServiceAccount "${subject.namespace}/${subject.name}"` : `${subject.kind} "${subject.name}"`;
}

export interface RoleRef {
  kind: string;
  name: string;
  path: ObjectPath;
}

export function roleRef(resource: Resource): RoleRef | undefined {
  const ref = resource.object.roleRef;
  if (!isObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return { kind: ref.kind, name: ref.name, path: ['roleRef', 'name'] };
}

/** A binding that names a ServiceAccount, and the subject entry that does. */
export interface AccountBinding {
  binding: Resource;
  subject: Subject;
}

const GROUP_OF_ALL_ACCOUNTS = 'system:serviceaccounts';

/**
 * Which ServiceAccounts the bindings of a run grant anything to. A ServiceAccount is named
 * directly (a subject of kind ServiceAccount) or through its groups (`system:serviceaccounts`
 * for all of them, `system:serviceaccounts:<namespace>` for a namespace's).
 */
export class AccountBindings {
  private readonly direct = new Map<string, AccountBinding[]>();
  private readonly namespaces = new Map<string, AccountBinding[]>();
  private readonly everyAccount: AccountBinding[] = [];

  constructor(index: ResourceIndex) {
    for (const kind of BINDING_KINDS) {
      for (const binding of index.ofKind(kind)) {
        if (isBootstrapPolicy(binding)) continue;
        const bindingNamespace = kind === `${RBAC_GROUP}/RoleBinding` ? index.namespaceOf(binding) : undefined;
        for (const subject of bindingSubjects(binding)) {
          if (subject.kind === 'ServiceAccount') {
            const namespace = subject.namespace ?? bindingNamespace;
            if (namespace !== undefined) append(this.direct, `${namespace}\u0000${subject.name}`, { binding, subject });
          } else if (subject.kind === 'Group' && subject.name === GROUP_OF_ALL_ACCOUNTS) {
            this.everyAccount.push({ binding, subject });
          } else if (subject.kind === 'Group' && subject.name.startsWith(`${GROUP_OF_ALL_ACCOUNTS}:`)) {
            append(this.namespaces, subject.name.slice(GROUP_OF_ALL_ACCOUNTS.length + 1), { binding, subject });
          }
        }
      }
    }
  }

  /** Bindings whose subjects name this ServiceAccount itself. */
  naming(namespace: string, name: string): readonly AccountBinding[] {
    return this.direct.get(`${namespace}\u0000${name}`) ?? [];
  }

  /** Bindings that grant this ServiceAccount anything, directly or through its groups. */
  granting(namespace: string, name: string): readonly AccountBinding[] {
    return [...this.naming(namespace, name), ...(this.namespaces.get(namespace) ?? []), ...this.everyAccount];
  }
}
