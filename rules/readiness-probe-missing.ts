import { createRule } from '../src/engine/builtin-rule.js';
import { templateMatcher } from '../src/model/template-matcher.js';
import { longRunningContainers, runsToCompletion, type ContainerRef } from '../src/model/workload.js';

function declaredPorts(ref: ContainerRef): string[] {
  const ports = ref.container.ports;
  if (!Array.isArray(ports)) return [];
  return ports.map((port) => (typeof port?.name === 'string' ? port.name : String(port?.containerPort ?? '?')));
}

export default createRule({
  meta: {
    id: 'readiness-probe-missing',
    category: 'probes',
    severity: 'error',
    precision: 'high',
    description: 'A long-running container has no readiness probe.',
    rationale:
      'Without a readiness probe a pod receives traffic as soon as its process starts, and a rolling update counts a crashing or still-booting pod as available: a broken release replaces every healthy pod and the rollout still reports success. Where nothing sends the container traffic (an operator, an agent, a sidecar of a pod already gated by its main container) only the rollout gate is lost, so that case is reported one severity lower.',
    remediation:
      'Add `readinessProbe` (an `httpGet` on a health endpoint, or `tcpSocket`/`grpc`/`exec`) that succeeds only when the container can serve. Jobs, CronJobs, run-once Pods (restartPolicy Never or OnFailure), Helm test hooks and init containers need none.',
    messages: {
      selected: 'Container "{{container}}" has no readinessProbe, and Service "{{service}}" sends traffic to its pods: they get requests the moment the process starts, and a rollout counts them ready. Add a readinessProbe that checks it can serve.',
      ports: 'Container "{{container}}" has no readinessProbe, though it listens on {{ports}}: whatever connects gets through the moment the process starts, and a rollout counts it ready. Add a readinessProbe that checks it can serve.',
      notServing: 'Container "{{container}}" has no readinessProbe. No Service in the input selects it and it declares no ports, so no traffic waits on it, but a rollout still counts it ready the moment it starts. Add a readinessProbe that checks it works.',
      sidecar: 'Container "{{container}}" has no readinessProbe; its pod is gated by "{{main}}", which has one, but this container can still fail unnoticed during a rollout. Add a readinessProbe if the pod needs it to serve.',
    },
    appliesTo: 'workloads',
    scope: 'set',
  },
  create(context) {
    const matcher = templateMatcher(context.index);
    return {
      check(resource) {
        if (runsToCompletion(resource)) return;
        const running = longRunningContainers(resource);
        const gate = running.find((ref) => ref.container.readinessProbe !== undefined);
        const service = matcher.serviceFronting(resource)?.name;
        for (const ref of running) {
          if (ref.container.readinessProbe !== undefined) continue;
          const container = ref.name;
          if (gate) {
            context.report({ messageId: 'sidecar', data: { container, main: gate.name }, path: ref.path, downgrade: true });
          } else if (service !== undefined) {
            context.report({ messageId: 'selected', data: { container, service }, path: ref.path });
          } else if (declaredPorts(ref).length > 0) {
            context.report({ messageId: 'ports', data: { container, ports: declaredPorts(ref).join(', ') }, path: ref.path });
          } else {
            context.report({ messageId: 'notServing', data: { container }, path: ref.path, downgrade: true });
          }
        }
      },
    };
  },
});
