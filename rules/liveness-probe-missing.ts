import { createRule } from '../src/engine/builtin-rule.js';
import { longRunningContainers, runsToCompletion } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'liveness-probe-missing',
    category: 'probes',
    severity: 'warning',
    precision: 'medium',
    description: 'A serving container has no liveness probe.',
    rationale: 'A process that deadlocks, exhausts a thread pool or wedges its event loop keeps running, so the kubelet never restarts it; with a readiness probe it silently drops out of the Service, and the workload serves with fewer pods (or none) until someone restarts it by hand.',
    remediation: 'Add `livenessProbe` that fails only when the process is stuck (a cheap endpoint that does not depend on databases or other services), and make it more tolerant than the readiness probe (a higher `failureThreshold`). Jobs, CronJobs, run-once Pods (restartPolicy Never or OnFailure) and init containers need none.',
    messages: {
      missing: 'Container "{{container}}" has no livenessProbe, so the kubelet never restarts it when it hangs. Add a livenessProbe that fails only when the process is stuck.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    // A pod that runs to completion is ended by its own exit or activeDeadlineSeconds, not by a hang detector.
    if (runsToCompletion(resource)) return;
    for (const ref of longRunningContainers(resource)) {
      if (ref.container.livenessProbe === undefined) {
        context.report({ messageId: 'missing', data: { container: ref.name }, path: ref.path });
      }
    }
  },
});
