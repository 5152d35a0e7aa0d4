// Writes schemas/kubernetes/ from the official Kubernetes OpenAPI v2 specs and pluto's table of
// deprecated APIs (`npm run schemas`; input: ../shared/k8s-api beside the repository, or the folder
// given as the first argument). test/schema-generate.test.ts regenerates and compares the bytes.
//
// The compact form keeps what validation needs and nothing else: no descriptions, no paths, no
// patch strategies. Each definition becomes one entry of a pool shared by every bundled version;
// an entry refers to others by their index in the pool, so an entry's identity covers everything
// it reaches (as in a Merkle tree) and the eight versions share every subtree that did not change.
// See src/schema/bundle.ts for the reading side and the format; it parses the pool one line (one
// entry) at a time, as lookups need them, so the one-entry-per-line layout is part of the format.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsyaml from 'js-yaml';

export const SCHEMA_FORMAT = 2;

interface SpecSchema {
  $ref?: string;
  type?: string;
  format?: string;
  items?: SpecSchema;
  additionalProperties?: SpecSchema | boolean;
  properties?: Record<string, SpecSchema>;
  required?: string[];
  description?: string;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

interface Spec {
  definitions: Record<string, SpecSchema>;
  paths: Record<string, Record<string, { 'x-kubernetes-action'?: string; 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string } } | unknown>>;
}

export interface GeneratorInput {
  /** Spec per Kubernetes minor version (`1.36`). */
  specs: ReadonlyMap<string, Spec>;
  /** pluto's versions.yaml. */
  pluto: string;
}

export interface GeneratorOutput {
  /** File name under schemas/kubernetes/ → content. */
  files: Record<string, string>;
  /** Where the inputs disagree, and what was done about it. */
  notes: string[];
}

/**
 * Objects whose content the API server keeps as given (an embedded object, managed fields, a
 * patch): any object is valid. The other definitions typed `object` without properties are empty
 * structs, where every field is unknown.
 */
const FREE_OBJECTS = new Set(['io.k8s.apimachinery.pkg.runtime.RawExtension', 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1', 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch']);

/** Any JSON value: CRD schema parts that are a schema or a boolean or a list (validated by the CRD rule instead) and arbitrary JSON. */
const ANY_VALUE = /^io\.k8s\.apiextensions-apiserver\.pkg\.apis\.apiextensions\.v1\.(JSON|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray)$/;

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * Enumerations. The v2 specs carry none (`enum` and "Possible enum values" are stripped), so each
 * entry here is a field whose description lists its values; a version gets the listed values its
 * own description names, so a value added in a later release (Toleration's `Lt`) is allowed only
 * from that release on. An entry whose description names none of its values in a version where
 * the field exists stops the generator: the list must then be checked by hand again.
 * Fields whose descriptions do not list every value (a StatefulSet's update strategy, a volume
 * mode) are left out: an incomplete list would reject valid manifests.
 */
const ENUMS: readonly [definition: string, property: string, values: readonly string[]][] = [
  ['api.admissionregistration.v1.MutatingWebhook', 'failurePolicy', ['Ignore', 'Fail']],
  ['api.admissionregistration.v1.MutatingWebhook', 'matchPolicy', ['Exact', 'Equivalent']],
  ['api.admissionregistration.v1.MutatingWebhook', 'sideEffects', ['None', 'NoneOnDryRun']],
  ['api.admissionregistration.v1.RuleWithOperations', 'operations', ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*']],
  ['api.admissionregistration.v1.RuleWithOperations', 'scope', ['Cluster', 'Namespaced', '*']],
  ['api.admissionregistration.v1.ValidatingWebhook', 'failurePolicy', ['Ignore', 'Fail']],
  ['api.admissionregistration.v1.ValidatingWebhook', 'matchPolicy', ['Exact', 'Equivalent']],
  ['api.admissionregistration.v1.ValidatingWebhook', 'sideEffects', ['None', 'NoneOnDryRun']],
  ['api.apps.v1.DaemonSetUpdateStrategy', 'type', ['RollingUpdate', 'OnDelete']],
  ['api.apps.v1.DeploymentStrategy', 'type', ['Recreate', 'RollingUpdate']],
  ['api.apps.v1.StatefulSetSpec', 'podManagementPolicy', ['OrderedReady', 'Parallel']],
  ['api.autoscaling.v2.MetricSpec', 'type', ['ContainerResource', 'External', 'Object', 'Pods', 'Resource']],
  ['api.autoscaling.v2.MetricTarget', 'type', ['Utilization', 'Value', 'AverageValue']],
  ['api.batch.v1.CronJobSpec', 'concurrencyPolicy', ['Allow', 'Forbid', 'Replace']],
  ['api.batch.v1.JobSpec', 'completionMode', ['NonIndexed', 'Indexed']],
  ['api.batch.v1.JobSpec', 'podReplacementPolicy', ['TerminatingOrFailed', 'Failed']],
  ['api.batch.v1.PodFailurePolicyOnExitCodesRequirement', 'operator', ['In', 'NotIn']],
  ['api.batch.v1.PodFailurePolicyRule', 'action', ['FailJob', 'FailIndex', 'Ignore', 'Count']],
  ['api.core.v1.AppArmorProfile', 'type', ['Localhost', 'RuntimeDefault', 'Unconfined']],
  ['api.core.v1.Container', 'imagePullPolicy', ['Always', 'Never', 'IfNotPresent']],
  ['api.core.v1.Container', 'terminationMessagePolicy', ['File', 'FallbackToLogsOnError']],
  ['api.core.v1.ContainerPort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ['api.core.v1.EphemeralContainer', 'imagePullPolicy', ['Always', 'Never', 'IfNotPresent']],
  ['api.core.v1.EphemeralContainer', 'terminationMessagePolicy', ['File', 'FallbackToLogsOnError']],
  ['api.core.v1.NodeSelectorRequirement', 'operator', ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']],
  ['api.core.v1.PersistentVolumeSpec', 'persistentVolumeReclaimPolicy', ['Retain', 'Delete', 'Recycle']],
  ['api.core.v1.PodOS', 'name', ['linux', 'windows']],
  ['api.core.v1.PodSecurityContext', 'fsGroupChangePolicy', ['OnRootMismatch', 'Always']],
  ['api.core.v1.PodSecurityContext', 'seLinuxChangePolicy', ['MountOption', 'Recursive']],
  ['api.core.v1.PodSecurityContext', 'supplementalGroupsPolicy', ['Merge', 'Strict']],
  ['api.core.v1.PodSpec', 'dnsPolicy', ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']],
  ['api.core.v1.PodSpec', 'preemptionPolicy', ['Never', 'PreemptLowerPriority']],
  ['api.core.v1.PodSpec', 'restartPolicy', ['Always', 'OnFailure', 'Never']],
  ['api.core.v1.ScopedResourceSelectorRequirement', 'operator', ['In', 'NotIn', 'Exists', 'DoesNotExist']],
  ['api.core.v1.SeccompProfile', 'type', ['Localhost', 'RuntimeDefault', 'Unconfined']],
  ['api.core.v1.ServicePort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ['api.core.v1.ServiceSpec', 'ipFamilyPolicy', ['SingleStack', 'PreferDualStack', 'RequireDualStack']],
  ['api.core.v1.ServiceSpec', 'sessionAffinity', ['ClientIP', 'None']],
  ['api.core.v1.ServiceSpec', 'type', ['ExternalName', 'ClusterIP', 'NodePort', 'LoadBalancer']],
  ['api.core.v1.Taint', 'effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']],
  ['api.core.v1.Toleration', 'effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']],
  ['api.core.v1.Toleration', 'operator', ['Exists', 'Equal', 'Lt', 'Gt']],
  ['api.core.v1.TopologySpreadConstraint', 'nodeAffinityPolicy', ['Honor', 'Ignore']],
  ['api.core.v1.TopologySpreadConstraint', 'nodeTaintsPolicy', ['Honor', 'Ignore']],
  ['api.core.v1.TopologySpreadConstraint', 'whenUnsatisfiable', ['DoNotSchedule', 'ScheduleAnyway']],
  ['api.networking.v1.HTTPIngressPath', 'pathType', ['Exact', 'Prefix', 'ImplementationSpecific']],
  ['api.networking.v1.NetworkPolicyPort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ['api.networking.v1.NetworkPolicySpec', 'policyTypes', ['Ingress', 'Egress']],
  ['api.policy.v1.PodDisruptionBudgetSpec', 'unhealthyPodEvictionPolicy', ['IfHealthyBudget', 'AlwaysAllow']],
  ['api.scheduling.v1.PriorityClass', 'preemptionPolicy', ['Never', 'PreemptLowerPriority']],
  ['apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion', 'strategy', ['None', 'Webhook']],
  ['apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec', 'scope', ['Cluster', 'Namespaced']],
  ['apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', 'operator', ['In', 'NotIn', 'Exists', 'DoesNotExist']],
];

/** `core.v1.Container` for `io.k8s.api.core.v1.Container`: how messages and the pool name a definition. */
export function shortName(name: string): string {
  return name.replace(/^io\.k8s\.(api\.|apimachinery\.pkg\.apis\.|apimachinery\.pkg\.|apiextensions-apiserver\.pkg\.apis\.|kube-aggregator\.pkg\.apis\.)/, '');
}

/** Whether a value is named in a description as a word of its own (`"TCP"`, `TCP,`, `` `Parallel` ``). */
function mentions(description: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}([^A-Za-z0-9]|$)`).test(description);
}

type Body = string | { p: Record<string, string>; r?: string[]; e?: Record<string, string[]> };

/** A property's type as a compact expression, with references still by definition name (`#io.k8s…`). */
function expression(schema: SpecSchema, where: string): string {
  if (schema.$ref !== undefined) return `#${schema.$ref.replace('#/definitions/', '')}`;
  switch (schema.type) {
    case 'array':
      if (!schema.items) throw new Error(`${where}: an array without items`);
      return `[${expression(schema.items, `${where}[]`)}`;
    case 'object':
      if (typeof schema.additionalProperties === 'object') return `{${expression(schema.additionalProperties, `${where}{}`)}`;
      throw new Error(`${where}: an inline object without additionalProperties`);
    case 'string':
      if (schema.format === undefined) return 's';
      if (schema.format === 'byte') return 'B';
      if (schema.format === 'date-time') return 't';
      if (schema.format === 'int-or-string') return 'I';
      break;
    case 'integer':
      if (schema.format === 'int32') return 'i';
      if (schema.format === 'int64') return 'l';
      break;
    case 'number':
      if (schema.format === 'double' || schema.format === undefined) return 'n';
      break;
    case 'boolean':
      return 'b';
  }
  throw new Error(`${where}: unknown type ${schema.type} with format ${schema.format}`);
}

/** Per definition, its fields and required fields in the newest bundled release that has it. */
type Latest = Map<string, { fields: Set<string>; required: Set<string> }>;

/** What a definition compiles to: an alias to a value type (`q`, `I`, `t`, `o`, `*`), or an object body. */
function definitionBody(name: string, definition: SpecSchema, enums: Map<string, Map<string, readonly string[]>>, latest: Latest, version: string, notes: string[]): Body {
  if (FREE_OBJECTS.has(name)) return 'o';
  if (ANY_VALUE.test(name)) return '*';
  if (name === QUANTITY) return 'q';
  if (!definition.properties) {
    if (definition.type === 'object') return { p: {} };
    return expression(definition, name);
  }
  const body: { p: Record<string, string>; r?: string[]; e?: Record<string, string[]> } = { p: {} };
  for (const [property, schema] of Object.entries(definition.properties)) body.p[property] = expression(schema, `${name}.${property}`);
  // A spec's `required` says which fields lack `omitempty`, not which ones validation demands,
  // and later releases correct it where the API server defaults a field (RoleRef.apiGroup, made
  // optional in 1.30): an older release's required field is kept only if the newest release that
  // has the definition still requires it, or no longer has the field at all.
  const newest = latest.get(name);
  const required = (definition.required ?? []).filter((field) => !newest || newest.required.has(field) || !newest.fields.has(field));
  for (const field of definition.required ?? []) if (!required.includes(field)) notes.push(`${version}: ${shortName(name)}.${field} is required there but not in the newest release; not required`);
  if (required.length > 0) body.r = required;
  const own = enums.get(name);
  if (own) {
    for (const [property, values] of own) {
      const schema = definition.properties[property];
      if (!schema) continue;
      const description = schema.description ?? '';
      const named = values.filter((value) => mentions(description, value));
      if (named.length < 2) throw new Error(`${version} ${name}.${property}: the description names ${named.length} of the values ${values.join(', ')}; check the ENUMS entry by hand`);
      if (named.length < values.length) notes.push(`${version}: ${shortName(name)}.${property} allows ${named.join(', ')} (not yet ${values.filter((value) => !named.includes(value)).join(', ')})`);
      (body.e ??= {})[property] = named;
    }
  }
  return body;
}

function referencesOf(body: Body): string[] {
  const out: string[] = [];
  const add = (expr: string) => {
    const at = expr.indexOf('#');
    if (at !== -1) out.push(expr.slice(at + 1));
  };
  if (typeof body === 'string') add(body);
  else for (const expr of Object.values(body.p)) add(expr);
  return out;
}

/** Strongly connected components of the reference graph, dependencies before dependents (Tarjan). */
function components(names: readonly string[], edges: (name: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (name: string): void => {
    index.set(name, counter);
    low.set(name, counter);
    counter++;
    stack.push(name);
    onStack.add(name);
    for (const next of edges(name)) {
      if (!index.has(next)) {
        visit(next);
        low.set(name, Math.min(low.get(name)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(name, Math.min(low.get(name)!, index.get(next)!));
      }
    }
    if (low.get(name) === index.get(name)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== name);
      result.push(component.sort());
    }
  };
  for (const name of names) if (!index.has(name)) visit(name);
  return result;
}

const gvkKey = (group: string, version: string, kind: string) => `${group === '' ? version : `${group}/${version}`} ${kind}`;

interface PlutoEntry {
  version: string;
  kind: string;
  'deprecated-in'?: string;
  'removed-in'?: string;
  'replacement-api'?: string;
  component?: string;
}

/** `v1.16.0` → `1.16`; empty → undefined. */
function minor(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const match = /^v?(\d+)\.(\d+)/.exec(text);
  if (!match) throw new Error(`not a version: ${text}`);
  return `${match[1]}.${match[2]}`;
}

export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am - bm || an - bn;
}

/** How stable an API version is, for choosing a replacement: GA, then beta, then alpha, newest first. */
function stability(version: string): number {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return -1;
  const level = match[2] === undefined ? 2 : match[2] === 'beta' ? 1 : 0;
  return level * 1e6 + Number(match[1]) * 1e3 + Number(match[3] ?? 0);
}

export interface ApiEntry {
  apiVersion: string;
  kind: string;
  deprecated?: string;
  removed?: string;
  replacement?: string;
}

export function generateSchemas(input: GeneratorInput): GeneratorOutput {
  const notes: string[] = [];
  const versions = [...input.specs.keys()].sort(compareVersions);
  const enums = new Map<string, Map<string, readonly string[]>>();
  for (const [definition, property, values] of ENUMS) {
    const name = `io.k8s.${definition}`;
    if (!enums.has(name)) enums.set(name, new Map());
    enums.get(name)!.set(property, values);
  }
  const enumSeen = new Set<string>();
  const latest: Latest = new Map();
  for (const version of versions) {
    for (const [name, definition] of Object.entries(input.specs.get(version)!.definitions)) {
      if (definition.properties) latest.set(name, { fields: new Set(Object.keys(definition.properties)), required: new Set(definition.required ?? []) });
    }
  }

  // The pool: one entry per distinct definition content (its own body and everything it reaches).
  const poolIds = new Map<string, number>();
  const pool: { name: string; mask: number; body: Body }[] = [];
  const kinds = new Map<string, Map<number, number>>();
  const objectMeta = new Map<number, number>();
  const shortNames = new Map<string, string>();

  versions.forEach((version, versionIndex) => {
    const spec = input.specs.get(version)!;
    const bit = 1 << versionIndex;
    const bodies = new Map<string, Body>();
    for (const [name, definition] of Object.entries(spec.definitions)) {
      const short = shortName(name);
      const other = shortNames.get(short);
      if (other !== undefined && other !== name) throw new Error(`two definitions shorten to ${short}: ${other} and ${name}`);
      shortNames.set(short, name);
      bodies.set(name, definitionBody(name, definition, enums, latest, version, notes));
      for (const property of enums.get(name)?.keys() ?? []) if (definition.properties?.[property]) enumSeen.add(`${name}.${property}`);
    }
    // Aliases (`#Quantity` → `q`) are written in place, so only object bodies enter the pool.
    const inline = (expr: string): string => {
      const at = expr.indexOf('#');
      if (at === -1) return expr;
      const target = bodies.get(expr.slice(at + 1));
      if (target === undefined) throw new Error(`${version}: ${expr} refers to a missing definition`);
      return typeof target === 'string' ? expr.slice(0, at) + inline(target) : expr;
    };
    const objects = new Map<string, Exclude<Body, string>>();
    for (const [name, body] of bodies) {
      if (typeof body === 'string') continue;
      const p: Record<string, string> = {};
      for (const [property, expr] of Object.entries(body.p)) p[property] = inline(expr);
      objects.set(name, { ...body, p });
    }
    const ids = new Map<string, number>();
    const order = [...objects.keys()].sort();
    for (const component of components(order, (name) => referencesOf(objects.get(name)!))) {
      const members = new Set(component);
      // Inside a cycle (a CRD's JSONSchemaProps refers to itself) members are named; outside, by pool id.
      const serialize = (name: string) => {
        const body = objects.get(name)!;
        const p: Record<string, string> = {};
        for (const [property, expr] of Object.entries(body.p)) {
          const at = expr.indexOf('#');
          if (at === -1) p[property] = expr;
          else {
            const target = expr.slice(at + 1);
            p[property] = expr.slice(0, at) + (members.has(target) ? `@${target}` : `#${ids.get(target)}`);
          }
        }
        return JSON.stringify([name, { ...body, p }]);
      };
      const identity = component.map(serialize).join('\n');
      for (const name of component) {
        const key = `${name}\n${identity}`;
        let id = poolIds.get(key);
        if (id === undefined) {
          id = pool.length;
          poolIds.set(key, id);
          pool.push({ name, mask: 0, body: objects.get(name)! });
        }
        pool[id]!.mask |= bit;
        ids.set(name, id);
      }
      // References inside a cycle are resolved once every member has its id.
      for (const name of component) {
        const entry = pool[ids.get(name)!]!;
        if (typeof entry.body === 'string') continue;
        const p: Record<string, string> = {};
        for (const [property, expr] of Object.entries(objects.get(name)!.p)) {
          const at = expr.indexOf('#');
          p[property] = at === -1 ? expr : `${expr.slice(0, at)}#${ids.get(expr.slice(at + 1))}`;
        }
        entry.body = { ...entry.body, p };
      }
    }

    // The kinds a client can create or replace: the GVK of a POST or PUT operation. Lists,
    // DeleteOptions and WatchEvent carry GVKs too, but are never manifests.
    const served = new Set<string>();
    for (const operations of Object.values(spec.paths)) {
      for (const operation of Object.values(operations)) {
        if (typeof operation !== 'object' || operation === null) continue;
        const op = operation as { 'x-kubernetes-action'?: string; 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string } };
        const gvk = op['x-kubernetes-group-version-kind'];
        if (gvk && (op['x-kubernetes-action'] === 'post' || op['x-kubernetes-action'] === 'put')) served.add(gvkKey(gvk.group, gvk.version, gvk.kind));
      }
    }
    const roots = new Map<string, string>();
    for (const [name, definition] of Object.entries(spec.definitions)) {
      for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
        const key = gvkKey(gvk.group, gvk.version, gvk.kind);
        if (!served.has(key)) continue;
        if (roots.has(key) && roots.get(key) !== name) throw new Error(`${version}: ${key} has two definitions`);
        roots.set(key, name);
      }
    }
    for (const key of served) if (!roots.has(key)) throw new Error(`${version}: ${key} is served but has no definition`);
    for (const [key, name] of roots) {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`${version}: ${key} is not an object`);
      if (!kinds.has(key)) kinds.set(key, new Map());
      const byId = kinds.get(key)!;
      byId.set(id, (byId.get(id) ?? 0) | bit);
    }
    const meta = ids.get('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')!;
    objectMeta.set(meta, (objectMeta.get(meta) ?? 0) | bit);
  });

  for (const [definition, property] of ENUMS) {
    if (!enumSeen.has(`io.k8s.${definition}.${property}`)) throw new Error(`ENUMS: ${definition}.${property} is in no bundled version`);
  }

  const apis = apiTable(input.pluto, versions, kinds, notes);
  const groups = new Set<string>();
  for (const key of kinds.keys()) groups.add(apiGroup(key.split(' ')[0]!));
  for (const entry of apis) groups.add(apiGroup(entry.apiVersion));

  const sortedKinds = [...kinds.keys()].sort();
  const masks = (byId: Map<number, number>) => [...byId].sort((a, b) => a[0] - b[0]).map(([id, mask]) => [id, mask]);
  const definitions = [
    '{',
    `"format": ${SCHEMA_FORMAT},`,
    '"definitions": [',
    pool
      .map(({ name, mask, body }) => {
        const entry: unknown[] = [shortName(name), mask, (body as Exclude<Body, string>).p];
        const { r, e } = body as Exclude<Body, string>;
        if (r || e) entry.push(r ?? 0);
        if (e) entry.push(e);
        return JSON.stringify(entry);
      })
      .join(',\n'),
    ']',
    '}',
    '',
  ].join('\n');
  // Where each entry's line starts in definitions.json, in bytes, and where the line after the
  // last one starts: a run reads the entries it needs out of the file without splitting all of it.
  const definitionLines = definitions.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  definitionLines.forEach((line, number) => {
    if (number >= 3 && number < 3 + pool.length) offsets.push(offset);
    offset += Buffer.byteLength(line) + 1;
    if (number === 2 + pool.length) offsets.push(offset);
  });
  const index = [
    '{',
    `"format": ${SCHEMA_FORMAT},`,
    `"versions": ${JSON.stringify(versions)},`,
    `"groups": ${JSON.stringify([...groups].sort())},`,
    `"objectMeta": ${JSON.stringify(masks(objectMeta))},`,
    '"kinds": {',
    sortedKinds.map((key) => `${JSON.stringify(key)}: ${JSON.stringify(masks(kinds.get(key)!))}`).join(',\n'),
    '},',
    '"apis": [',
    apis.map((entry) => JSON.stringify(entry)).join(',\n'),
    '],',
    `"offsets": ${JSON.stringify(offsets)}`,
    '}',
    '',
  ].join('\n');
  return { files: { 'index.json': index, 'definitions.json': definitions }, notes };
}

function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Removed and deprecated APIs. pluto's table says when each was deprecated and removed and what
 * replaces it; the bundled specs say what each version really serves, and win where the two
 * disagree. A kind that leaves the specs without a pluto entry is recorded as removed there, with
 * the most stable version of the same group and kind still served as its replacement.
 */
function apiTable(plutoText: string, versions: readonly string[], kinds: Map<string, Map<number, number>>, notes: string[]): ApiEntry[] {
  const pluto = (jsyaml.load(plutoText) as { 'deprecated-versions': PlutoEntry[] })['deprecated-versions'];
  const servedIn = (key: string): Set<string> => {
    const mask = [...(kinds.get(key)?.values() ?? [])].reduce((all, bits) => all | bits, 0);
    return new Set(versions.filter((_, i) => mask & (1 << i)));
  };
  const oldest = versions[0]!;
  const newest = versions[versions.length - 1]!;
  const entries = new Map<string, ApiEntry>();
  for (const item of pluto) {
    if (item.component !== 'k8s' || !item.kind || item.kind.endsWith('List')) continue;
    const key = `${item.version} ${item.kind}`;
    const entry: ApiEntry = { apiVersion: item.version, kind: item.kind };
    const deprecated = minor(item['deprecated-in']);
    let removed = minor(item['removed-in']);
    if (deprecated) entry.deprecated = deprecated;
    const served = servedIn(key);
    if (removed && compareVersions(removed, oldest) >= 0 && served.has(removed)) {
      const last = [...served].sort(compareVersions).pop()!;
      const after = versions.find((version) => compareVersions(version, last) > 0);
      notes.push(`pluto says ${key} was removed in ${removed}, but the ${removed} spec still serves it; ${after ? `removed in ${after} (from the specs)` : `still served in ${newest}`}`);
      removed = after;
    } else if (removed && compareVersions(removed, oldest) < 0 && served.size > 0) {
      notes.push(`pluto says ${key} was removed in ${removed}, but the specs serve it in ${[...served].join(', ')}; ignored`);
      continue;
    } else if (removed && compareVersions(removed, oldest) > 0 && compareVersions(removed, newest) <= 0) {
      const previous = versions[versions.indexOf(removed) - 1];
      if (previous !== undefined && !served.has(previous)) {
        const last = [...served].sort(compareVersions).pop();
        const actual = last ? versions[versions.indexOf(last) + 1] : oldest;
        notes.push(`pluto says ${key} was removed in ${removed}, but it is already gone from the ${previous} spec; removed in ${actual ?? removed} (from the specs)`);
        if (actual && served.size > 0) removed = actual;
      }
    }
    if (removed) entry.removed = removed;
    const replacement = item['replacement-api'];
    if (replacement) entry.replacement = replacement;
    if (!entries.has(key)) entries.set(key, entry);
  }
  // Removals the specs show and pluto does not list.
  for (const key of kinds.keys()) {
    if (entries.has(key)) continue;
    const served = servedIn(key);
    const last = [...served].sort(compareVersions).pop()!;
    if (last === newest) continue;
    const removed = versions[versions.indexOf(last) + 1]!;
    const [apiVersion, kind] = key.split(' ') as [string, string];
    const group = apiGroup(apiVersion);
    const successors = [...kinds.keys()]
      .filter((other) => other !== key && other.endsWith(` ${kind}`) && apiGroup(other.split(' ')[0]!) === group && servedIn(other).has(removed))
      .map((other) => other.split(' ')[0]!)
      .sort((a, b) => stability(b.split('/').pop()!) - stability(a.split('/').pop()!));
    const entry: ApiEntry = { apiVersion, kind, removed };
    if (successors[0]) entry.replacement = successors[0];
    notes.push(`${key}: removed in ${removed} according to the specs (not in pluto's table)${successors[0] ? `; replacement ${successors[0]}` : ''}`);
    entries.set(key, entry);
  }
  return [...entries.values()].sort((a, b) => (a.apiVersion === b.apiVersion ? (a.kind < b.kind ? -1 : 1) : a.apiVersion < b.apiVersion ? -1 : 1));
}

/** Reads `<dir>/openapi/<version>/swagger.json` for every version folder, and the pluto table. */
export function readInput(dir: string): GeneratorInput {
  const specs = new Map<string, Spec>();
  for (const version of readdirSync(join(dir, 'openapi'))) {
    if (!/^\d+\.\d+$/.test(version)) continue;
    specs.set(version, JSON.parse(readFileSync(join(dir, 'openapi', version, 'swagger.json'), 'utf8')) as Spec);
  }
  if (specs.size === 0) throw new Error(`no specs under ${join(dir, 'openapi')}`);
  return { specs, pluto: readFileSync(join(dir, 'deprecations', 'pluto-versions.yaml'), 'utf8') };
}

/** The repository root, from this script in scripts/ or in dist/scripts/. */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function main(): void {
  const root = repositoryRoot();
  const inputDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'k8s-api'));
  const output = generateSchemas(readInput(inputDir));
  const outDir = join(root, 'schemas', 'kubernetes');
  mkdirSync(outDir, { recursive: true });
  let total = 0;
  for (const [file, content] of Object.entries(output.files)) {
    writeFileSync(join(outDir, file), content);
    total += Buffer.byteLength(content);
    process.stdout.write(`wrote schemas/kubernetes/${file} (${Buffer.byteLength(content)} bytes)\n`);
  }
  process.stdout.write(`${total} bytes in all, from ${inputDir}\n`);
  for (const note of output.notes) process.stdout.write(`note: ${note}\n`);
}

// Run only as a script: the test imports generateSchemas and compares its output with the committed files.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
