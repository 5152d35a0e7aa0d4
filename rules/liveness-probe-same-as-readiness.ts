import { createRule } from '../src/engine/builtin-rule.js';
import { declaredPorts, portNumber } from '../src/model/probes.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { boundedEqual } from '../src/model/values.js';
import { longRunningContainers, runsToCompletion } from '../src/model/workload.js';

const HANDLERS = ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const;

/** The timing fields that decide how soon a failing probe acts, with the API's defaults. */
const TIMING = [
  ['failureThreshold', 3],
  ['periodSeconds', 10],
  ['timeoutSeconds', 1],
] as const;

/** Declared port names with their numbers, to resolve a probe's named port. */
function namedPorts(container: KubeObject): Map<string, number> {
  const named = new Map<string, number>();
  for (const port of declaredPorts(container)) {
    if (port.name !== undefined && port.number !== undefined) named.set(port.name, port.number);
  }
  return named;
}

const orDefault = (value: unknown, fallback: unknown): unknown => (value === undefined || value === '' ? fallback : value);

/**
 * The probe's check as the kubelet runs it: API defaults filled in and named ports resolved, so
 * `port: http` and `port: 8080` for the same port, or a spelled-out `scheme: HTTP`, compare equal.
 */
function normalizedHandler(probe: KubeObject, named: ReadonlyMap<string, number>): KubeObject | undefined {
  const handler: KubeObject = {};
  for (const kind of HANDLERS) {
    const action = probe[kind];
    if (action === undefined) continue;
    if (!isObject(action)) {
      handler[kind] = action;
      continue;
    }
    const copy: KubeObject = { ...action };
    if ('port' in copy) {
      const port = copy.port;
      copy.port = portNumber(port) ?? (typeof port === 'string' ? named.get(port) ?? port : port);
    }
    if (kind === 'httpGet') {
      copy.path = orDefault(copy.path, '/');
      copy.scheme = orDefault(copy.scheme, 'HTTP');
      copy.host = orDefault(copy.host, '');
      copy.httpHeaders = orDefault(copy.httpHeaders, []);
    } else if (kind === 'tcpSocket') {
      copy.host = orDefault(copy.host, '');
    } else if (kind === 'grpc') {
      copy.service = orDefault(copy.service, '');
    }
    handler[kind] = copy;
  }
  return Object.keys(handler).length > 0 ? handler : undefined;
}

/** The timing values, or undefined when one is not a number (a template or a typo: nothing to compare). */
function timing(probe: KubeObject): number[] | undefined {
  const values: number[] = [];
  for (const [field, fallback] of TIMING) {
    const value = probe[field] ?? fallback;
    if (typeof value !== 'number') return undefined;
    values.push(value);
  }
  return values;
}

export default createRule({
  meta: {
    id: 'liveness-probe-same-as-readiness',
    category: 'probes',
    severity: 'warning',
    precision: 'high',
    description: 'A liveness probe repeats the readiness probe with no extra tolerance.',
    rationale: 'When an app is overloaded its readiness probe starts failing, which is right: the pod leaves the Service until it catches up. A liveness probe that runs the same check on the same schedule fails at that very moment, so the kubelet restarts pods exactly when they are busy, the survivors take their load, fail in turn, and the outage cascades. The rule compares the check itself (httpGet, tcpSocket, grpc or exec, with API defaults filled in and named ports resolved) and the three fields that decide how soon a failing probe acts: failureThreshold, periodSeconds and timeoutSeconds. A liveness probe on the same check that is more tolerant in any of them (the recommended pattern) is not flagged; one that is equal or stricter in all three is. initialDelaySeconds is ignored: it only postpones the first probe.',
    remediation: 'Keep the check if it is cheap, but make the liveness probe more tolerant than readiness, typically a higher `failureThreshold` (for example 6 against 3), so only a process that stays stuck is restarted. Better still, point liveness at an endpoint that fails only when the process itself is wedged, never because a dependency or the load is.',
    messages: {
      identical: 'livenessProbe of container "{{container}}" is a copy of its readinessProbe (same check, same timing), so when the container is too busy to pass readiness the kubelet also restarts it, at the worst moment. Give the liveness probe a higher failureThreshold, or point it at a check that fails only when the process is stuck.',
      stricter: 'livenessProbe of container "{{container}}" runs the same check as its readinessProbe but gives up sooner ({{differences}}), so a busy container is restarted before it is even taken out of traffic. Make the liveness probe more tolerant than readiness, not less.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    // A batch pod takes no traffic, so its readiness probe gates nothing and there is no cascade to cause.
    if (runsToCompletion(resource)) return;
    for (const ref of longRunningContainers(resource)) {
      const liveness = ref.container.livenessProbe;
      const readiness = ref.container.readinessProbe;
      if (!isObject(liveness) || !isObject(readiness)) continue;
      // The cheap conditions first: the timing, then whether both probes use the same kinds of
      // handler (normalizing never adds or drops one), before copying and comparing the handlers.
      const live = timing(liveness);
      const ready = timing(readiness);
      if (!live || !ready) continue;
      if (live.some((value, i) => value > ready[i]!)) continue;
      if (HANDLERS.some((kind) => (liveness[kind] === undefined) !== (readiness[kind] === undefined))) continue;
      const named = namedPorts(ref.container);
      const check = normalizedHandler(liveness, named);
      // Unknown (a value too large to compare, as YAML aliases can make one) is not reported.
      if (!check || boundedEqual(check, normalizedHandler(readiness, named)) !== true) continue;
      const differences = TIMING.flatMap(([field], i) => (live[i] === ready[i] ? [] : [`${field} ${live[i]} against ${ready[i]}`]));
      const path = [...ref.path, 'livenessProbe'];
      if (differences.length === 0) {
        context.report({ messageId: 'identical', data: { container: ref.name }, path, on: 'key' });
      } else {
        context.report({ messageId: 'stricter', data: { container: ref.name, differences: differences.join(', ') }, path, on: 'key' });
      }
    }
  },
});
