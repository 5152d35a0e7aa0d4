import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { containerSecurity, podSecurityContext } from '../src/model/security.js';
import { workloadName } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'host-process',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 9.6,
    podSecurity: { level: 'baseline', controls: ['HostProcess'] },
    description: 'A Windows pod or container runs as a HostProcess container (`windowsOptions.hostProcess: true`).',
    rationale:
      'A Windows HostProcess container is a process on the node, not in a container: it shares the node\'s network, sees its whole filesystem and runs as the account it names, typically NT AUTHORITY\\SYSTEM, so whoever runs code in it controls the node and every pod on it. The baseline Pod Security Standard rejects `hostProcess: true` on the pod or on any container. Windows node agents (kube-proxy, CNI and CSI proxies, log and metrics collectors) use HostProcess containers by design; the finding is still what they are granted.',
    remediation:
      'Remove `windowsOptions.hostProcess` from the pod and its containers unless the workload is a node agent that must act on the node. For such an agent, run it in a namespace labelled for the privileged Pod Security level, give it the least privileged account that works (`runAsUserName: "NT AUTHORITY\\\\Local service"` rather than SYSTEM), and suppress this finding with the reason.',
    messages: {
      hostProcess:
        'Container "{{container}}" sets windowsOptions.hostProcess: true, so it runs as a process on the Windows node with the node\'s network and filesystem, and code running in it controls the node. Remove it; for a node agent that must act on the node, suppress this finding with the reason.',
      hostProcessPod:
        'The pod securityContext of {{workload}} sets windowsOptions.hostProcess: true, so every container runs as a process on the Windows node with the node\'s network and filesystem, and code running in them controls the node. Remove it; for a node agent that must act on the node, suppress this finding with the reason.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const refs = containerSecurity(resource);
    if (refs.length === 0) return;
    const pod = refs[0]!.pod;
    const podContext = pod.spec.securityContext;
    const podOptions = isObject(podContext) ? podContext.windowsOptions : undefined;
    if (isObject(podOptions) && podOptions.hostProcess === true) {
      context.report({ messageId: 'hostProcessPod', data: { workload: workloadName(resource) }, path: [...podSecurityContext(pod)!.path, 'windowsOptions', 'hostProcess'], on: 'key' });
    }
    // A container that repeats the pod's setting is a second field to remove, as the standard counts it.
    for (const ref of refs) {
      const options = ref.context?.windowsOptions;
      if (!isObject(options) || options.hostProcess !== true) continue;
      context.report({ messageId: 'hostProcess', data: { container: ref.name }, path: [...ref.contextPath, 'windowsOptions', 'hostProcess'], on: 'key' });
    }
  },
});
