import { isObject } from '../../model/resource.js';
import { matchedContainers, namedEntries, placeIn, resourceLabel, workloads, type Item } from '../compare.js';
import type { Resource } from '../../model/resource.js';
import { longRunningContainers } from '../../model/workload.js';
import type { DriftContext, DriftEnvironment, MatchedResource } from '../rule.js';
import { defineDriftRule } from '../rule.js';

/**
 * The host of an endpoint written as a URL (`redis://localhost:6379/0`) or `host:port`, or a bare
 * host when the whole value is one. Values that are neither (sentences, paths, lists) give nothing.
 */
export function endpointHost(value: string): string | undefined {
  const text = value.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\s]*@)?(\[[^\]]+\]|[^:/?#\s]+)/i.exec(text);
  if (url) return url[1]!.replace(/^\[|\]$/g, '').toLowerCase();
  const hostPort = /^(\[[0-9a-f:]+\]|[a-z0-9.-]+):\d{1,5}$/i.exec(text);
  if (hostPort) return hostPort[1]!.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^(localhost|127(\.\d{1,3}){3}|::1|0\.0\.0\.0)$/i.test(text)) return text.toLowerCase();
  return undefined;
}

/** `localhost`, `127.0.0.0/8`, `::1`, `0.0.0.0`: hosts that only ever reach the pod itself. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '0:0:0:0:0:0:0:1' || host === '0.0.0.0';
}

interface Endpoint extends Item {
  host: string;
}

/** Every endpoint-looking value of one environment's copy of an object: env values, or a ConfigMap's data. */
function endpoints(resource: MatchedResource, i: number): Map<string, Endpoint> {
  const member = resource.members[i];
  const found = new Map<string, Endpoint>();
  if (!member) return found;
  const add = (key: string, value: unknown, path: readonly (string | number)[]) => {
    if (typeof value !== 'string') return;
    const host = endpointHost(value);
    if (host !== undefined) found.set(key, { place: placeIn(i, member, path), value, host });
  };
  if (resource.groupKind === 'ConfigMap') {
    const data = member.object.data;
    if (isObject(data)) for (const [key, value] of Object.entries(data)) add(key, value, ['data', key]);
  } else {
    for (const [container, refs] of matchedContainers(resource)) {
      const ref = refs[i];
      if (!ref) continue;
      for (const { key, entry, path } of namedEntries(ref.container, 'env', ref.path, (env) => (typeof env.name === 'string' ? env.name : undefined))) add(`${container}/env/${key}`, entry.value, [...path, 'value']);
    }
  }
  return found;
}

/**
 * Whether localhost in this environment's copy may well be a sidecar: the pod that reads the value
 * (or every pod that reads the ConfigMap) runs another container beside the application, such as
 * a database proxy listening on 127.0.0.1.
 */
function besideSidecar(environment: DriftEnvironment, member: Resource): boolean {
  if (member.groupKind !== 'ConfigMap') return longRunningContainers(member).length > 1;
  const { index } = environment.model;
  const readers = index.referencesTo('ConfigMap', index.namespaceOf(member), member.name);
  return readers.length > 0 && readers.every((reference) => longRunningContainers(reference.from).length > 1);
}

export default defineDriftRule({
  meta: {
    id: 'drift-local-endpoint',
    category: 'drift',
    severity: 'error',
    precision: 'high',
    description: 'An endpoint points at localhost (127.0.0.0/8, ::1, 0.0.0.0) in an environment that is not local, while another environment points it at a real host.',
    rationale: 'Inside a pod, localhost is the pod itself: a database or cache URL left at localhost from a developer\'s setup connects to nothing, and the application fails on its first request. When every environment points the same value at localhost, or the pod that reads it runs another container beside the application (a database proxy listening on 127.0.0.1 is the usual sidecar), it is taken as deliberate and not reported.',
    remediation: 'Point the value at the service\'s address in that environment (`redis.cache.svc:6379`), or mark the environment as `local: true` in the configuration if it is a developer\'s own cluster.',
    messages: {
      loopback: '{{what}} of {{resource}} points at {{host}} in {{lacking}} ({{value}}), while {{having}} points it at a real host ({{other}}). In a pod, {{host}} is the pod itself.',
    },
  },
  compare(context: DriftContext<'loopback', undefined>) {
    const { environments } = context;
    const candidates = [...workloads(context.resources), ...context.resources.filter((resource) => resource.groupKind === 'ConfigMap')];
    for (const resource of candidates) {
      const perEnvironment = environments.map((_, i) => endpoints(resource, i));
      const keys = new Set(perEnvironment.flatMap((found) => [...found.keys()]));
      for (const key of keys) {
        const real = perEnvironment.flatMap((found, j) => {
          const endpoint = found.get(key);
          return endpoint && !isLoopback(endpoint.host) ? [j] : [];
        });
        if (real.length === 0) continue;
        for (const [i, found] of perEnvironment.entries()) {
          const endpoint = found.get(key);
          if (!endpoint || !isLoopback(endpoint.host) || environments[i]!.local || besideSidecar(environments[i]!, resource.members[i]!)) continue;
          const other = perEnvironment[real[0]!]!.get(key)!;
          const what = resource.groupKind === 'ConfigMap' ? `key ${key}` : `env ${key.split('/')[2]} (container ${key.split('/')[0]})`;
          context.report({
            messageId: 'loopback',
            data: { what, resource: resourceLabel(resource), host: endpoint.host, lacking: environments[i]!.name, value: endpoint.value, having: real.map((j) => environments[j]!.name).join(', '), other: other.value, key, },
            at: endpoint.place,
            related: real.map((j) => ({ ...perEnvironment[j]!.get(key)!.place, message: `${environments[j]!.name}: ${perEnvironment[j]!.get(key)!.value}` })),
            sides: perEnvironment.flatMap((other, j) => (resource.members[j] ? [{ environment: j, value: other.get(key)?.value ?? null }] : [])),
            subject: `${resource.kind}/${resource.name}/${resource.groupKind === 'ConfigMap' ? `data/${key}` : key}`,
            resource: resourceLabel(resource),
            what,
          });
        }
      }
    }
  },
});
