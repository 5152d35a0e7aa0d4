import { createRule } from '../src/engine/builtin-rule.js';
import { longRunningContainers, runsToCompletion } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'readiness-probe-missing',
    category: 'probes',
    severity: 'error',
    precision: 'high',
    description: 'A serving container has no readiness probe.',
    rationale: 'Without a readiness probe a pod receives traffic as soon as its process starts, and a rolling update counts a crashing or still-booting pod as available: a broken release replaces every healthy pod and the rollout still reports success.',
    remediation: 'Add `readinessProbe` (an `httpGet` on a health endpoint, or `tcpSocket`/`grpc`/`exec`) that succeeds only when the container can serve. Jobs, CronJobs, run-once Pods (restartPolicy Never or OnFailure) and init containers need none.',
    messages: {
      missing: 'Container "{{container}}" has no readinessProbe, so traffic and rollouts treat it as ready the moment it starts. Add a readinessProbe that checks it can serve.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    if (runsToCompletion(resource)) return;
    for (const ref of longRunningContainers(resource)) {
      if (ref.container.readinessProbe === undefined) {
        context.report({ messageId: 'missing', data: { container: ref.name }, path: ref.path });
      }
    }
  },
});
