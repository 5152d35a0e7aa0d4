import { apiGroupOf } from '../model/kinds.js';
import { bundleIndex, isBuiltinGroup, knownKinds, servedVersions, type ApiLifecycle } from './bundle.js';
import { closest } from './suggest.js';
import { compareVersions, type TargetVersion } from './version.js';

/** What the target Kubernetes release does with an object's apiVersion and kind. */
export type ApiStatus =
  | { status: 'removed'; entry: ApiLifecycle & { removed: string } }
  | { status: 'deprecated'; entry: ApiLifecycle & { deprecated: string } }
  /** Served only by later releases than the target. */
  | { status: 'notYetServed'; since: string }
  /** No bundled release serves it, in a group Kubernetes owns: a typo'd kind or a version that never existed. */
  | { status: 'notServed'; hint: string };

let lifecycles: Map<string, ApiLifecycle> | undefined;
let serving: Set<string> | undefined;

/** The API groups some bundled release serves kinds in. */
function servingGroups(): Set<string> {
  return (serving ??= new Set(knownKinds().map((key) => apiGroupOf(key.slice(0, key.indexOf(' '))))));
}

function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | undefined {
  lifecycles ??= new Map(bundleIndex().apis.map((entry) => [`${entry.apiVersion} ${entry.kind}`, entry]));
  return lifecycles.get(`${apiVersion} ${kind}`);
}

/**
 * The status of an `apiVersion` and `kind` for a target release, or undefined when it is served
 * and current, or not Kubernetes' own (a custom resource). Before the oldest bundled release only
 * the deprecation table speaks: the bundle cannot tell what such a release did not serve yet.
 */
export function apiStatus(apiVersion: string, kind: string, target: TargetVersion): ApiStatus | undefined {
  const group = apiGroupOf(apiVersion);
  if (!isBuiltinGroup(group)) return undefined;
  const entry = lifecycleOf(apiVersion, kind);
  if (entry?.removed !== undefined && compareVersions(entry.removed, target.version) <= 0) return { status: 'removed', entry: withReplacement(entry, target) as ApiLifecycle & { removed: string } };
  if (entry?.deprecated !== undefined && compareVersions(entry.deprecated, target.version) <= 0) return { status: 'deprecated', entry: withReplacement(entry, target) as ApiLifecycle & { deprecated: string } };
  // Groups only the deprecation table knows (`extensions`, and `audit.k8s.io`, whose Policy is a
  // file the API server reads, not an object it serves) say nothing about kinds it does not list.
  if (target.older || !servingGroups().has(group)) return undefined;
  const served = servedVersions(apiVersion, kind);
  if (served.includes(target.schemaVersion)) return undefined;
  if (served.length > 0) {
    const since = served.find((version) => compareVersions(version, target.version) > 0);
    return since === undefined ? undefined : { status: 'notYetServed', since };
  }
  // The table knows it from before the bundled releases (its removal is in the table's future, or unrecorded).
  if (entry !== undefined) return undefined;
  return { status: 'notServed', hint: servedHint(group, apiVersion, kind, target) };
}

/**
 * The table names the replacement of its day (`resource.k8s.io/v1beta2` for v1beta1); the target
 * release may serve a more stable one since (`resource.k8s.io/v1`), which is where to move.
 */
function withReplacement(entry: ApiLifecycle, target: TargetVersion): ApiLifecycle {
  if (target.older) return entry;
  const key = `${entry.apiVersion} ${entry.kind} ${target.schemaVersion}`;
  let found = replacements.get(key);
  if (!found) replacements.set(key, (found = bestReplacement(entry, target)));
  return found;
}

const replacements = new Map<string, ApiLifecycle>();

function bestReplacement(entry: ApiLifecycle, target: TargetVersion): ApiLifecycle {
  const group = apiGroupOf(entry.replacement ?? entry.apiVersion);
  const served = knownKinds()
    .map((key) => key.split(' ') as [string, string])
    .filter(([version, name]) => name === entry.kind && version !== entry.apiVersion && apiGroupOf(version) === group && servedVersions(version, name).includes(target.schemaVersion))
    .map(([version]) => version)
    .sort(byStability);
  const best = served[0];
  return best === undefined || best === entry.replacement ? entry : { ...entry, replacement: best };
}

/** What the author probably meant: the same kind at a served version of the group, or a kind of that name. */
function servedHint(group: string, apiVersion: string, kind: string, target: TargetVersion): string {
  const inGroup = knownKinds()
    .map((key) => key.split(' ') as [string, string])
    .filter(([version]) => apiGroupOf(version) === group)
    .filter(([version, name]) => servedVersions(version, name).includes(target.schemaVersion));
  const sameKind = inGroup.filter(([, name]) => name === kind).map(([version]) => version);
  if (sameKind.length > 0) return `${kind} is served as ${sameKind.sort(byStability).join(' or ')}`;
  const names = new Set(inGroup.filter(([version]) => version === apiVersion).map(([, name]) => name));
  const likely = closest(kind, names);
  if (likely) return `the closest kind it serves is ${likely}`;
  const anywhere = closest(kind, new Set(inGroup.map(([, name]) => name)));
  if (anywhere) return `the closest kind the group serves is ${anywhere} (${inGroup.filter(([, name]) => name === anywhere).map(([version]) => version).sort(byStability)[0]})`;
  return group === '' ? 'the core API has no such kind' : `the ${group} API group has no such kind`;
}

/** GA before beta before alpha, newest first: `apps/v1` before `apps/v1beta2`. */
function byStability(a: string, b: string): number {
  return rank(b) - rank(a);
}

function rank(apiVersion: string): number {
  const match = /v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion);
  if (!match) return -1;
  const level = match[2] === undefined ? 2 : match[2] === 'beta' ? 1 : 0;
  return level * 1e6 + Number(match[1]) * 1e3 + Number(match[3] ?? 0);
}
