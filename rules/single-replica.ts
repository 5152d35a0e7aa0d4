import { createRule } from '../src/engine/builtin-rule.js';
import { autoscalerName, autoscalersOf, minimumLocation, replicasOf, type Autoscaler } from '../src/model/autoscaling.js';
import { parseImageReference } from '../src/model/image.js';
import { isObject, type KubeObject, type Resource } from '../src/model/resource.js';
import { templateMatcher } from '../src/model/template-matcher.js';
import { isHelmTestHook, longRunningContainers, podSpec, workloadName } from '../src/model/workload.js';

/**
 * Words of an image name that make it a server keeping its data in its own process or volume: a
 * second replica of such a Deployment is another, empty database, not a standby, so one replica is
 * what it is meant to run unless it is set up for replication. `ledger-db`, `bookinfo-mongodb`,
 * `bitnami/postgresql` all name one.
 */
const STATEFUL_WORDS = new Set([
  'db', 'database', 'postgres', 'postgresql', 'mysql', 'mysqldb', 'mariadb', 'mongo', 'mongodb', 'redis', 'valkey', 'keydb', 'cassandra', 'scylla',
  'elasticsearch', 'opensearch', 'etcd', 'zookeeper', 'kafka', 'rabbitmq', 'influxdb', 'clickhouse', 'neo4j', 'couchdb', 'minio', 'mssql', 'timescaledb',
  'qdrant', 'weaviate', 'milvus', 'hazelcast',
]);
// Words of images that sit beside a database without holding its data: exporters, proxies, consoles.
const STATELESS_WORDS = new Set(['exporter', 'proxy', 'operator', 'controller', 'ui', 'console', 'browser', 'client', 'admin', 'express', 'commander', 'sidecar', 'backup', 'migrate', 'migrations']);

// A port named for scraping (`metrics`, `http-metrics`, `prometheus`): a Service with only such ports serves no user traffic.
const METRICS_PORT = /(^|-)(metrics|prometheus|monitoring)$/i;

function runsStatefulServer(workload: Resource): boolean {
  return longRunningContainers(workload).some((ref) => {
    const image = typeof ref.container.image === 'string' ? parseImageReference(ref.container.image.trim()) : undefined;
    if (image === undefined) return false;
    const words = image.repository.split('/').pop()!.split(/[-_.]+/);
    return words.some((word) => STATEFUL_WORDS.has(word)) && !words.some((word) => STATELESS_WORDS.has(word));
  });
}

/**
 * Whether the workload cannot simply run a second replica, so one replica is its design:
 * a StatefulSet whose replicas each claim a volume (a database, a broker: scaling is replication),
 * a Deployment that asks for Recreate (never two pods at once), a pod that mounts a claim not known
 * to be ReadWriteMany (the second pod could not attach it), or a known database server.
 */
function singletonByDesign(workload: Resource, pod: KubeObject, claimAllowsMany: (name: string) => boolean): boolean {
  const spec = isObject(workload.object.spec) ? workload.object.spec : {};
  if (workload.groupKind === 'apps/StatefulSet' && Array.isArray(spec.volumeClaimTemplates) && spec.volumeClaimTemplates.length > 0) return true;
  if (isObject(spec.strategy) && spec.strategy.type === 'Recreate') return true;
  const volumes = Array.isArray(pod.volumes) ? pod.volumes.filter(isObject) : [];
  for (const volume of volumes) {
    const claim = isObject(volume.persistentVolumeClaim) ? volume.persistentVolumeClaim.claimName : undefined;
    if (typeof claim === 'string' && !claimAllowsMany(claim)) return true;
  }
  return runsStatefulServer(workload);
}

/** KEDA scales a ScaledObject's target to zero when idle unless told otherwise: one replica at most is the design. */
function scalesToZero(autoscaler: Autoscaler): boolean {
  if (autoscaler.resource.groupKind !== 'keda.sh/ScaledObject') return false;
  const spec = autoscaler.resource.object.spec;
  const min = isObject(spec) ? spec.minReplicaCount : undefined;
  return min === undefined || min === null || min === 0;
}

function servesTraffic(service: Resource): boolean {
  const spec = service.object.spec;
  const ports = isObject(spec) && Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [];
  return ports.length === 0 || ports.some((port) => typeof port.name !== 'string' || !METRICS_PORT.test(port.name));
}

export default createRule({
  meta: {
    id: 'single-replica',
    category: 'availability',
    severity: 'info',
    precision: 'medium',
    description: 'A Deployment or StatefulSet that a Service sends traffic to runs a single replica.',
    rationale:
      'With one replica, every restart of its pod is an outage of the Service: a node drain, a spot preemption, an eviction under memory pressure or a crash leaves the Service without endpoints until a new pod is scheduled and ready, and a PodDisruptionBudget cannot protect a lone pod without blocking drains altogether. An autoscaler whose minimum is 1 runs one replica whenever load is low. Workloads that are singletons by design are left alone: a StatefulSet whose replicas claim volumes, a Deployment with the Recreate strategy, a pod mounting a volume claim that is not ReadWriteMany, an image named as a database or broker (`postgres`, `redis`, `ledger-db`), and KEDA targets that scale to zero; so are workloads no Service selects, or only through metrics ports. The rule is a note, not a warning, because one replica is often a deliberate choice outside production.',
    remediation: 'Run `replicas: 2` or more (or an autoscaler `minReplicas` of 2 or more), spread across nodes with topologySpreadConstraints and guarded by a PodDisruptionBudget. If the workload must be a singleton (a leader-elected controller, a database), suppress the finding with that reason.',
    messages: {
      single: '{{workload}} runs a single replica behind Service {{service}}: whenever its one pod restarts, is evicted or loses its node, the Service has no endpoint and requests fail. Run 2 or more replicas, or suppress this with a reason if it must be a singleton.',
      autoscaled: '{{workload}} runs a single replica at low load ({{autoscaler}}: {{minimum}}) behind Service {{service}}: whenever that pod restarts, is evicted or loses its node, the Service has no endpoint and requests fail. Set the autoscaler\'s minimum to 2 or more, or suppress this with a reason if it must be a singleton.',
    },
    appliesTo: ['apps/Deployment', 'extensions/Deployment', 'apps/StatefulSet', 'argoproj.io/Rollout'],
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    const matcher = templateMatcher(index);
    const claimAllowsMany = (workload: Resource) => (name: string) =>
      index.get('PersistentVolumeClaim', index.namespaceOf(workload), name).some((claim) => {
        const spec = claim.object.spec;
        return isObject(spec) && Array.isArray(spec.accessModes) && spec.accessModes.includes('ReadWriteMany');
      });
    return {
      check(workload) {
        if (isHelmTestHook(workload)) return;
        const pod = podSpec(workload);
        // Zero is scaled down on purpose; a count that is not a number is not weighed.
        if (!pod || replicasOf(workload) !== 1) return;
        // Most workloads have no Service in front: looked up first, as the cheapest of the conditions.
        // The first Service in front may only expose metrics: any one that serves traffic counts.
        const service = matcher.servicesFronting(workload).find(servesTraffic);
        if (!service) return;
        const autoscalers = autoscalersOf(index, workload);
        if (autoscalers.some(scalesToZero) || autoscalers.some((autoscaler) => autoscaler.minReplicas === undefined)) return;
        // The autoscaler owns the count; its lowest minimum is what always runs.
        const lowest = autoscalers.reduce<Autoscaler | undefined>((low, autoscaler) => (low === undefined || autoscaler.minReplicas! < low.minReplicas! ? autoscaler : low), undefined);
        if (lowest !== undefined && lowest.minReplicas! > 1) return;
        if (singletonByDesign(workload, pod.spec, claimAllowsMany(workload))) return;
        const spec = workload.object.spec;
        const written = isObject(spec) && spec.replicas !== undefined && spec.replicas !== null;
        const where = written ? { path: ['spec', 'replicas'] } : { path: ['spec'], on: 'key' as const };
        const related = [{ resource: service, path: ['spec', 'selector'], on: 'key' as const, message: `Service ${service.name} selects its pods` }];
        const data = { workload: workloadName(workload), service: service.name };
        if (lowest) {
          context.report({ messageId: 'autoscaled', data: { ...data, autoscaler: autoscalerName(lowest), minimum: lowest.minText }, ...where, related: [...related, minimumLocation(lowest)] });
        } else {
          context.report({ messageId: 'single', data, ...where, related });
        }
      },
    };
  },
});
