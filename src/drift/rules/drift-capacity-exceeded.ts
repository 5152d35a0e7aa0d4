import { formatDecimal, parseQuantity, resourceList } from '../../model/quantity.js';
import { replicasOf } from '../../model/autoscaling.js';
import { containersWithResources } from '../../model/quantity.js';
import type { Resource } from '../../model/resource.js';
import { podSpec } from '../../model/workload.js';
import { placeIn } from '../compare.js';
import { defineDriftRule } from '../rule.js';

/** Replicated kinds, whose total is replicas × one pod; a DaemonSet runs one pod per node instead. */
const REPLICATED = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', 'ReplicationController', 'argoproj.io/Rollout']);

/**
 * What one pod asks the scheduler for: its containers' requests added up, or the largest init
 * container's when that is more (init containers run one at a time, before the others). A
 * container without a request but with a limit is given the limit as its request, as the API
 * server does.
 */
function podRequest(resource: Resource, name: 'cpu' | 'memory'): number {
  let running = 0;
  let init = 0;
  for (const ref of containersWithResources(resource)) {
    const amount = parseQuantity(resourceList(ref.container, 'requests')?.[name] ?? resourceList(ref.container, 'limits')?.[name]) ?? 0;
    if (ref.role === 'initContainer' && !ref.sidecar) init = Math.max(init, amount);
    else running += amount;
  }
  return Math.max(running, init);
}

const GIB = 1024 ** 3;

function show(name: 'cpu' | 'memory', amount: number): string {
  return name === 'cpu' ? `${formatDecimal(amount)} CPU` : amount >= GIB ? `${formatDecimal(Math.round((amount / GIB) * 100) / 100)}Gi` : `${formatDecimal(Math.round((amount / 1024 ** 2) * 10) / 10)}Mi`;
}

export default defineDriftRule({
  meta: {
    id: 'drift-capacity-exceeded',
    category: 'drift',
    severity: 'error',
    precision: 'very-high',
    description: 'A pod requests more CPU or memory than the largest node of its environment can give, or a workload\'s replicas together request more than the whole environment has.',
    rationale: 'A pod whose requests fit no node stays Pending forever; replicas that together exceed the cluster leave some Pending. It happens when a test environment gets production\'s requests: the release passes review and never starts.',
    remediation: 'Lower the requests (or replicas) for that environment, or give its cluster bigger nodes. Declare what each environment can schedule under `environments.<name>.capacity` (cpu and memory of the largest node\'s allocatable, and optionally totalCpu and totalMemory).',
    messages: {
      node: '{{resource}} asks for {{requested}} per pod in {{lacking}}, but its largest node can give {{capacity}}: its pods will stay Pending.',
      total: '{{resource}} asks for {{requested}} in {{lacking}} ({{replicas}} replicas × {{perPod}}), more than the {{capacity}} the whole environment has: some pods will stay Pending.',
    },
  },
  compare(context) {
    const { environments } = context;
    environments.forEach((environment, i) => {
      const capacity = environment.capacity;
      if (!capacity) return;
      for (const resource of environment.model.resources) {
        const pod = podSpec(resource);
        if (!pod) continue;
        const label = `${resource.kind} ${environment.canonicalName(resource.groupKind, resource.name)}`;
        for (const name of ['cpu', 'memory'] as const) {
          const perPod = podRequest(resource, name);
          if (perPod === 0) continue;
          const node = name === 'cpu' ? capacity.cpu : capacity.memory;
          const total = name === 'cpu' ? capacity.totalCpu : capacity.totalMemory;
          const base = { at: placeIn(i, resource, [...pod.path, 'containers'], 'key'), related: [], subject: `${resource.kind}/${environment.canonicalName(resource.groupKind, resource.name)}/capacity/${name}`, resource: label, what: `${name} requests` };
          if (node !== undefined && perPod > node) {
            context.report({ ...base, messageId: 'node', data: { resource: label, requested: show(name, perPod), lacking: environment.name, capacity: show(name, node) }, sides: [{ environment: i, value: `${show(name, perPod)} per pod, node ${show(name, node)}` }] });
            continue;
          }
          const replicas = REPLICATED.has(resource.groupKind) ? replicasOf(resource) : undefined;
          if (total !== undefined && replicas !== undefined && replicas * perPod > total) {
            context.report({ ...base, at: placeIn(i, resource, ['spec', 'replicas']), messageId: 'total', data: { resource: label, requested: show(name, replicas * perPod), replicas, perPod: show(name, perPod), lacking: environment.name, capacity: show(name, total) }, sides: [{ environment: i, value: `${replicas} × ${show(name, perPod)}, environment ${show(name, total)}` }] });
          }
        }
      }
    });
  },
});
