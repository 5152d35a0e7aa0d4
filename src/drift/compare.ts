import type { ObjectPath } from '../core/types.js';
import { isObject, type KubeObject, type Resource } from '../model/resource.js';
import { containers, podSpec, type ContainerRef } from '../model/workload.js';
import type { DriftContext, DriftEnvironment, DriftPlace, MatchedResource } from './rule.js';

/** One thing an environment has (an env var, a probe, a key), where, and how to show it. */
export interface Item {
  place: DriftPlace;
  /** What the environment has, as the side-by-side reports show it: `from Secret checkout-secrets`. */
  value: string;
}

/** Where, in one environment, a thing would be: reported there when that environment lacks it. */
export type Anchor = DriftPlace;

/** What one environment has of a kind of thing, or undefined when it cannot have any (the container is not there). */
export interface Holdings {
  anchor: Anchor;
  items: ReadonlyMap<string, Item>;
}

export interface PresenceCheck<MessageId extends string> {
  messageId: MessageId;
  /** Per environment, in the context's order. */
  holdings: readonly (Holdings | undefined)[];
  resource: MatchedResource;
  /** `env` in `Deployment/web/app/env/KEY`: the allow-list subject's middle part. */
  subject: (key: string) => string;
  /** Short label for tables: `env DATABASE_URL (container app)`. */
  what: (key: string) => string;
  data?: (key: string) => Record<string, string | number>;
}

export function resourceLabel(resource: MatchedResource): string {
  return `${resource.kind} ${resource.name}`;
}

export function environmentList(environments: readonly DriftEnvironment[], indexes: readonly number[]): string {
  return indexes.map((i) => environments[i]!.name).join(', ');
}

/**
 * Reports, for every key some environments have, each environment that could have it and does
 * not: once per environment lacking it, on its anchor, with the environments that have it as
 * related locations. The finding is one severity lower when the environment lacking it is less
 * strict than one that has it: a gap matters most where production traffic runs.
 */
export function reportPresence<MessageId extends string>(context: DriftContext<MessageId, unknown>, check: PresenceCheck<MessageId>): void {
  const { environments } = context;
  const keys = new Set<string>();
  for (const holdings of check.holdings) if (holdings) for (const key of holdings.items.keys()) keys.add(key);
  for (const key of keys) {
    const having: number[] = [];
    const lacking: number[] = [];
    check.holdings.forEach((holdings, i) => {
      if (!holdings) return;
      (holdings.items.has(key) ? having : lacking).push(i);
    });
    if (lacking.length === 0) continue;
    const strictest = Math.max(...having.map((i) => environments[i]!.strictness));
    for (const i of lacking) {
      const sides = check.holdings.flatMap((holdings, j) => {
        if (!holdings) return [];
        const item = holdings.items.get(key);
        return [{ environment: j, value: item ? item.value : null, ...(item ? { place: item.place } : { place: holdings.anchor }) }];
      });
      context.report({
        messageId: check.messageId,
        data: {
          key,
          lacking: environments[i]!.name,
          having: environmentList(environments, having),
          value: check.holdings[having[0]!]!.items.get(key)!.value,
          resource: resourceLabel(check.resource),
          ...check.data?.(key),
        },
        at: check.holdings[i]!.anchor,
        related: having.map((j) => ({ ...check.holdings[j]!.items.get(key)!.place, message: `${environments[j]!.name}: ${check.holdings[j]!.items.get(key)!.value}` })),
        sides,
        subject: `${check.resource.kind}/${check.resource.name}/${check.subject(key)}`,
        resource: resourceLabel(check.resource),
        what: check.what(key),
        downgrade: environments[i]!.strictness < strictest,
      });
    }
  }
}

/** The containers of each environment's copy of a workload, matched by name across environments. */
export function matchedContainers(resource: MatchedResource): Map<string, (ContainerRef | undefined)[]> {
  const byName = new Map<string, (ContainerRef | undefined)[]>();
  resource.members.forEach((member, i) => {
    if (!member) return;
    for (const ref of containers(member)) {
      let list = byName.get(ref.name);
      if (!list) {
        list = resource.members.map(() => undefined);
        byName.set(ref.name, list);
      }
      list[i] = ref;
    }
  });
  return byName;
}

export interface PerContainerCheck<MessageId extends string> {
  messageId: MessageId;
  /** What one container has in environment `environment`, whose copy of the workload is `member`. */
  holdingsOf: (ref: ContainerRef, environment: number, member: Resource) => Holdings;
  /** `env/KEY`: the allow-list subject after the container's name. */
  subject: (key: string) => string;
  /** `env KEY`: the short label, before ` (container NAME)`. */
  what: (key: string) => string;
}

/** A presence check for each container of each workload, containers matched by name across environments. */
export function reportPerContainer<MessageId extends string>(context: DriftContext<MessageId, unknown>, check: PerContainerCheck<MessageId>): void {
  for (const resource of workloads(context.resources)) {
    for (const [container, refs] of matchedContainers(resource)) {
      reportPresence(context, {
        messageId: check.messageId,
        resource,
        holdings: refs.map((ref, i) => ref && check.holdingsOf(ref, i, resource.members[i]!)),
        subject: (key) => `${container}/${check.subject(key)}`,
        what: (key) => `${check.what(key)} (container ${container})`,
        data: () => ({ container }),
      });
    }
  }
}

/** Workloads only: objects with a pod template in at least one environment. */
export function workloads(resources: readonly MatchedResource[]): MatchedResource[] {
  return resources.filter((resource) => resource.members.some((member) => member !== undefined && podSpec(member) !== undefined));
}

export function placeIn(environment: number, resource: Resource, path: ObjectPath, on?: 'key' | 'value'): DriftPlace {
  return on === undefined ? { environment, resource, path } : { environment, resource, path, on };
}

/** Items of a list of named entries (env, volumes, ports), by a key of each entry. */
export function namedEntries(owner: KubeObject, field: string, ownerPath: ObjectPath, keyOf: (entry: KubeObject) => string | undefined): { key: string; entry: KubeObject; path: ObjectPath }[] {
  const list = owner[field];
  if (!Array.isArray(list)) return [];
  const found: { key: string; entry: KubeObject; path: ObjectPath }[] = [];
  list.forEach((entry: unknown, index) => {
    if (!isObject(entry)) return;
    const key = keyOf(entry);
    if (key !== undefined) found.push({ key, entry, path: [...ownerPath, field, index] });
  });
  return found;
}
