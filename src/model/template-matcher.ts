import type { ObjectPath } from '../core/types.js';
import { append } from './collections.js';
import type { PodTemplate, ResourceIndex } from './index.js';
import { isObject, type RelatedLocation, type Resource } from './resource.js';
import { formatSelector, isEmptySelector, labelsOf, readPlainSelector, selectorMatches, type LabelSelector } from './selector.js';
import { isHelmTestHook, workloadName } from './workload.js';

/*
 * Pod templates as the selectors of Services, PodDisruptionBudgets and NetworkPolicies see them.
 * Several rules ask what a selector selects (nothing, a workload's pods, a port's owners), and
 * must agree: on the labels controllers add to the pods they make, on Helm test hooks, and on
 * when an operator's custom resource may be making the pods instead.
 */

const DEPLOYMENTS = new Set(['apps/Deployment', 'extensions/Deployment', 'apps/ReplicaSet', 'extensions/ReplicaSet']);
const JOBS = new Set(['batch/Job', 'batch/CronJob']);

function jobNamed(template: PodTemplate, value: string | undefined): boolean {
  const { groupKind, name } = template.resource;
  if (value === undefined) return JOBS.has(groupKind);
  // A CronJob's Jobs are named `<cronjob>-<scheduled time>`.
  return (groupKind === 'batch/Job' && value === name) || (groupKind === 'batch/CronJob' && value.startsWith(`${name}-`));
}

/** Whether a pod name is `<statefulset>-<ordinal>`. */
function isOrdinalOf(statefulSet: string, pod: string): boolean {
  return pod.startsWith(`${statefulSet}-`) && /^[0-9]+$/.test(pod.slice(statefulSet.length + 1));
}

/**
 * Labels a controller puts on the pods it creates, which templates seldom carry: a selector that
 * uses one (a Service per StatefulSet pod on `statefulset.kubernetes.io/pod-name`) selects the pods
 * of the kinds that set it, whatever the template says, and those of a template that writes the
 * label itself (a Deployment that kept its `deploymentconfig` label when it replaced one).
 */
const CONTROLLER_LABELS: ReadonlyMap<string, (template: PodTemplate, value: string | undefined) => boolean> = new Map([
  ['statefulset.kubernetes.io/pod-name', (t: PodTemplate, value: string | undefined) => t.resource.groupKind === 'apps/StatefulSet' && (value === undefined || isOrdinalOf(t.resource.name, value))],
  ['apps.kubernetes.io/pod-index', (t: PodTemplate) => t.resource.groupKind === 'apps/StatefulSet'],
  ['controller-revision-hash', (t: PodTemplate) => t.resource.groupKind === 'apps/StatefulSet' || t.resource.groupKind.endsWith('/DaemonSet')],
  ['pod-template-generation', (t: PodTemplate) => t.resource.groupKind.endsWith('/DaemonSet')],
  ['pod-template-hash', (t: PodTemplate) => DEPLOYMENTS.has(t.resource.groupKind)],
  ['rollouts-pod-template-hash', (t: PodTemplate) => t.resource.groupKind === 'argoproj.io/Rollout'],
  ['job-name', jobNamed],
  ['batch.kubernetes.io/job-name', jobNamed],
  ['controller-uid', (t: PodTemplate) => JOBS.has(t.resource.groupKind)],
  ['batch.kubernetes.io/controller-uid', (t: PodTemplate) => JOBS.has(t.resource.groupKind)],
  ['batch.kubernetes.io/job-completion-index', (t: PodTemplate) => JOBS.has(t.resource.groupKind)],
  // OpenShift labels a DeploymentConfig's pods with its name (and `deployment=<name>-<version>`,
  // left out: the key is common on templates, and a selector pinning one rollout is rare).
  ['deploymentconfig', (t: PodTemplate, value: string | undefined) => t.resource.groupKind === 'apps.openshift.io/DeploymentConfig' && !t.resource.unnamed && (value === undefined || value === t.resource.name)],
]);

/** Whether a template writes a selector's label itself. */
function carries(template: PodTemplate, key: string, value: string | undefined): boolean {
  return value === undefined ? Object.hasOwn(template.labels, key) : template.labels[key] === value;
}

/** A selector split into what templates can be matched on and the controller-set labels checked by kind. */
function splitSelector(selector: LabelSelector): { template: LabelSelector; controller: [string, string | undefined][] } {
  const matchLabels: Record<string, string> = {};
  const controller: [string, string | undefined][] = [];
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (CONTROLLER_LABELS.has(key)) controller.push([key, value]);
    else matchLabels[key] = value;
  }
  const expressions = selector.expressions.filter(({ key, operator }) => {
    if (!CONTROLLER_LABELS.has(key)) return true;
    // `key notin (...)` and `!key` hold for templates of other kinds too, so they restrict nothing.
    if (operator === 'In' || operator === 'Exists') controller.push([key, undefined]);
    return false;
  });
  return { template: { matchLabels, expressions }, controller };
}

/** Where the labels of a template are, and one of its labels, for related locations. */
function templateLabelPath(template: PodTemplate, key?: string): ObjectPath {
  return key === undefined || !Object.hasOwn(template.labels, key) ? [...template.metadataPath, 'labels'] : [...template.metadataPath, 'labels', key];
}

/** Groups of the Kubernetes API itself, whose kinds make pods only through the templates kubegate reads. */
function isCustomGroup(group: string): boolean {
  if (group === '' || group === 'apps' || group === 'batch' || group === 'policy' || group === 'autoscaling' || group === 'extensions') return false;
  // Gateway API objects are CRDs, and some implementations (Istio) deploy a pod per Gateway.
  return group === 'gateway.networking.k8s.io' || !group.endsWith('.k8s.io');
}

/** Custom kinds known to make no pods, whose names must not excuse a selector. */
const PODLESS_GROUPS = new Set(['cert-manager.io', 'acme.cert-manager.io', 'external-secrets.io', 'bitnami.com', 'networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'keda.sh']);
const PODLESS_KINDS = new Set(['monitoring.coreos.com/ServiceMonitor', 'monitoring.coreos.com/PodMonitor', 'monitoring.coreos.com/PrometheusRule', 'monitoring.coreos.com/Probe', 'monitoring.coreos.com/ScrapeConfig', 'monitoring.coreos.com/AlertmanagerConfig']);

/** What of a custom resource an operator's pods may carry: its name as a label value, its labels, and label maps inside its spec. */
interface OperatedObject {
  name: string;
  labelMaps: Readonly<Record<string, string>>[];
}

function nestedLabelMaps(value: unknown, found: Record<string, string>[], budget: { left: number }, depth: number): void {
  if (depth > 12 || --budget.left < 0) return;
  if (Array.isArray(value)) {
    for (const item of value) nestedLabelMaps(item, found, budget, depth + 1);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'labels' && isObject(item)) {
        const labels = labelsOf({ labels: item });
        if (Object.keys(labels).length > 0) found.push(labels);
      } else {
        nestedLabelMaps(item, found, budget, depth + 1);
      }
    }
  }
}

/** Levenshtein distance of two short strings, for telling a typo from an unrelated label value. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Whether one label value looks like a misspelling of another (`frontend` / `front-end`, `web` / `webapp`). */
function similar(a: string, b: string): boolean {
  if (a.length > 63 || b.length > 63) return false;
  return a.toLowerCase() === b.toLowerCase() || a.includes(b) || b.includes(a) || editDistance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));
}

/** How many candidate templates a closest-match hint looks at before giving up: a hint is worth no more. */
const CLOSEST_SCAN = 200;

interface NamespaceLabels {
  byKey: Map<string, PodTemplate[]>;
  byPair: Map<string, PodTemplate[]>;
}

/** A template that a selector misses by one label: the likeliest fix of a selector that matches nothing. */
export interface ClosestTemplate {
  template: PodTemplate;
  /** The selector's label the template lacks or has with another value. */
  key: string;
  wanted: string;
  /** The template's value for that key; undefined when it has no such label. */
  actual: string | undefined;
}

/**
 * The pod templates of one run, matched against selectors the way the API server matches pods,
 * with Helm test hooks left out, so that every rule asking what a selector selects gets the same
 * answer. One per run (`templateMatcher`): the lookups it builds lazily serve every rule.
 */
export class TemplateMatcher {
  private readonly byNamespace = new Map<string, NamespaceLabels>();
  private operated: Map<string, OperatedObject[]> | undefined;
  private fronted: Map<Resource, Resource[]> | undefined;

  constructor(private readonly index: ResourceIndex) {}

  /** The templates a selector selects in a namespace (its effective one), controller-set labels included. */
  select(namespace: string | undefined, selector: LabelSelector): PodTemplate[] {
    const { template, controller } = splitSelector(selector);
    // A selector of controller labels alone is matched by kind over the namespace's templates.
    const candidates = this.index.podsSelectedBy(namespace, template);
    return candidates.filter((t) => !isHelmTestHook(t.resource) && controller.every(([key, value]) => CONTROLLER_LABELS.get(key)!(t, value) || carries(t, key, value)));
  }

  /**
   * Whether a selector that matches no template may still select pods the input does not show:
   * the namespace has no pod template at all (its workloads are deployed by another chart, another
   * repository or another cluster), or a custom resource there explains the selector (an
   * operator's Prometheus, Postgres cluster or LeaderWorkerSet makes pods labelled with its name
   * and labels).
   */
  podsMadeElsewhere(namespace: string, selector: LabelSelector): boolean {
    if (this.index.podTemplatesIn(namespace).length === 0) return true;
    const values = new Set(Object.values(selector.matchLabels));
    const entries = Object.entries(selector.matchLabels);
    const within = (labels: Readonly<Record<string, string>>) => entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
    return this.operatedIn(namespace).some((object) => values.has(object.name) || object.labelMaps.some(within));
  }

  private operatedIn(namespace: string): readonly OperatedObject[] {
    if (!this.operated) {
      this.operated = new Map();
      for (const resource of this.index.resources) {
        if (!isCustomGroup(resource.group) || PODLESS_GROUPS.has(resource.group) || PODLESS_KINDS.has(resource.groupKind)) continue;
        const at = this.index.namespaceOf(resource);
        if (at === undefined) continue;
        const labelMaps: Record<string, string>[] = [labelsOf(resource.object.metadata)];
        nestedLabelMaps(resource.object.spec, labelMaps, { left: 5000 }, 0);
        append(this.operated, at, { name: resource.name, labelMaps });
      }
    }
    return this.operated.get(namespace) ?? [];
  }

  /**
   * The Services that send traffic to the workload's pods, in the order of the input: its own,
   * and often a headless or metrics one beside it. Services of type ExternalName and Services
   * without a selector front no pod template.
   */
  servicesFronting(workload: Resource): readonly Resource[] {
    if (!this.fronted) {
      this.fronted = new Map();
      for (const service of this.index.ofKind('Service')) {
        const spec = service.object.spec;
        if (!isObject(spec) || spec.type === 'ExternalName') continue;
        const selector = readPlainSelector(spec.selector);
        if (!selector || isEmptySelector(selector)) continue;
        for (const template of this.select(this.index.namespaceOf(service), selector)) append(this.fronted, template.resource, service);
      }
    }
    return this.fronted.get(workload) ?? [];
  }

  /** The first Service that sends traffic to the workload's pods, or undefined. */
  serviceFronting(workload: Resource): Resource | undefined {
    return this.servicesFronting(workload)[0];
  }

  /** A namespace's templates (Helm test hooks left out) by label key and by `key=value`, built on first use. */
  private labelsIn(namespace: string): NamespaceLabels {
    let labels = this.byNamespace.get(namespace);
    if (!labels) {
      labels = { byKey: new Map(), byPair: new Map() };
      for (const template of this.index.podTemplatesIn(namespace)) {
        if (isHelmTestHook(template.resource)) continue;
        for (const [key, value] of Object.entries(template.labels)) {
          append(labels.byKey, key, template);
          append(labels.byPair, `${key}=${value}`, template);
        }
      }
      this.byNamespace.set(namespace, labels);
    }
    return labels;
  }

  /**
   * A template that a selector misses by one label (a typo, a renamed tier), as a hint for the
   * message. A template that misses one of n labels matches at least one of any two of them, so
   * the candidates are those of the selector's two rarest labels, never every template of the
   * namespace, and no more than CLOSEST_SCAN of them. The hint must be unambiguous: the one
   * template that misses by one label, or the one whose value looks most like a misspelling of
   * the wanted one. A selector of one label is missed by one label by every template with that
   * key, so there the value must look like a misspelling. Undefined otherwise, and when the
   * selector has expressions a candidate fails.
   */
  closest(namespace: string, selector: LabelSelector): ClosestTemplate | undefined {
    const { template: plain } = splitSelector(selector);
    const entries = Object.entries(plain.matchLabels);
    if (entries.length === 0) return undefined;
    const { byKey, byPair } = this.labelsIn(namespace);
    let candidates: readonly PodTemplate[];
    if (entries.length === 1) {
      candidates = byKey.get(entries[0]![0]) ?? [];
    } else {
      const [first, second] = entries.map(([key, value]) => byPair.get(`${key}=${value}`) ?? []).sort((a, b) => a.length - b.length);
      if (first!.length + second!.length > CLOSEST_SCAN) return undefined;
      candidates = [...new Set([...first!, ...second!])];
    }
    if (candidates.length > CLOSEST_SCAN) return undefined;
    const expressions: LabelSelector = { matchLabels: {}, expressions: plain.expressions };
    const misses: (ClosestTemplate & { distance: number | undefined })[] = [];
    for (const t of candidates) {
      if (!selectorMatches(expressions, t.labels)) continue;
      const missed = entries.filter(([key, value]) => t.labels[key] !== value);
      if (missed.length !== 1) continue;
      const [key, wanted] = missed[0]!;
      const actual = t.labels[key];
      misses.push({ template: t, key, wanted, actual, distance: actual !== undefined && similar(actual, wanted) ? editDistance(actual, wanted) : undefined });
    }
    const alike = misses.filter((miss) => miss.distance !== undefined).sort((a, b) => a.distance! - b.distance!);
    const best = alike.length === 1 || (alike.length > 1 && alike[0]!.distance! < alike[1]!.distance!) ? alike[0] : entries.length > 1 && misses.length === 1 ? misses[0] : undefined;
    return best && { template: best.template, key: best.key, wanted: best.wanted, actual: best.actual };
  }
}

const matchers = new WeakMap<ResourceIndex, TemplateMatcher>();

/** The run's matcher: every rule that asks what a selector selects shares its lookups. */
export function templateMatcher(index: ResourceIndex): TemplateMatcher {
  let matcher = matchers.get(index);
  if (!matcher) {
    matcher = new TemplateMatcher(index);
    matchers.set(index, matcher);
  }
  return matcher;
}

/**
 * A selector that matches no pod, as the Service, PodDisruptionBudget and NetworkPolicy rules
 * report it. Their messages share placeholders (`selector`, `namespace`, and for a near miss
 * `workload`, `actual`, `wanted`) and where the finding goes; only their wording and message ids
 * are their own, so each rule picks its message by `closest` and reports the rest as it is.
 */
export interface UnmatchedSelector {
  /** A template misses the selector by one label: the finding is on that label of the selector. */
  closest: boolean;
  finding: { data: Record<string, string>; path: ObjectPath; on?: 'key'; related?: RelatedLocation[] };
}

/**
 * What to report about a selector, or undefined when it selects a template or pods may be made
 * elsewhere (see `podsMadeElsewhere`). The finding is on the selector, or, when a template misses
 * it by one label, on that label with the template as the related location. `labelsPath` is where
 * the selector's `key: value` pairs are (`spec.selector` of a Service, `…matchLabels` otherwise).
 */
export function unmatchedSelector(matcher: TemplateMatcher, namespace: string, selector: LabelSelector, selectorPath: ObjectPath, labelsPath: ObjectPath): UnmatchedSelector | undefined {
  if (matcher.select(namespace, selector).length > 0 || matcher.podsMadeElsewhere(namespace, selector)) return undefined;
  const data = { selector: formatSelector(selector), namespace };
  const near = matcher.closest(namespace, selector);
  if (!near) return { closest: false, finding: { data, path: selectorPath, on: 'key' } };
  const workload = workloadName(near.template.resource);
  const actual = near.actual === undefined ? `no "${near.key}" label` : `${near.key}=${near.actual}`;
  return {
    closest: true,
    finding: {
      data: { ...data, workload, actual, wanted: `${near.key}=${near.wanted}` },
      path: [...labelsPath, near.key],
      related: [{ resource: near.template.resource, path: templateLabelPath(near.template, near.key), message: `${workload}'s pod labels: ${actual}` }],
    },
  };
}
