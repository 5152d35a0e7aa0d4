import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { PROBE_FIELDS } from '../src/model/probes.js';
import { isObject, type KubeObject } from '../src/model/resource.js';
import { longRunningContainers } from '../src/model/workload.js';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

/** The field each handler cannot do without; `sleep` is left out, as what it accepts depends on the cluster version. */
const REQUIRED: Readonly<Record<string, string>> = { exec: 'command', httpGet: 'port', tcpSocket: 'port', grpc: 'port' };

/** Whether the handler's required field is missing, null or empty (`port: ""`, `command: []`). */
function lacks(action: KubeObject, field: string): boolean {
  const value = action[field];
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export default createRule({
  meta: {
    id: 'probe-handler-missing',
    category: 'probes',
    severity: 'error',
    precision: 'very-high',
    description: 'A probe or lifecycle hook has no handler (`tcpSocket: null`, an empty `{}`), or a handler without its port or command.',
    rationale:
      'To the API server `tcpSocket: null` is no `tcpSocket` at all: a probe or hook whose handlers are all null or absent fails validation with "must specify a handler type", and a handler without its port or command fails too ("port: must be between 1 and 65535", "command: Required value"). Nothing runs silently without the probe: `kubectl apply` and `helm install` of the Deployment, StatefulSet, DaemonSet, Job or Pod are rejected, and for an Argo Rollout the ReplicaSet its controller creates is, so no pod ever starts. These shapes are what a template leaves when a values default is empty (`tcpSocket:` over a `with` block that rendered nothing, `toYaml` of an empty map).',
    remediation:
      'Give the probe or hook one handler with its settings (`httpGet` or `tcpSocket` with a `port`, `exec` with a `command`, `grpc` with a `port`), or remove the probe or hook when there is nothing to check; in a chart, wrap the whole probe in `{{- with .Values.probe }}` so an empty value renders no probe rather than an empty one.',
    messages: {
      nullHandler: '{{field}} of container "{{container}}" has `{{handler}}: null` and no other handler, so the API server rejects the pod spec ("must specify a handler type"). Give {{handler}} its settings, or remove {{field}}.',
      noHandler: '{{field}} of container "{{container}}" has no handler ({{handlers}}), so the API server rejects the pod spec ("must specify a handler type"). Add a handler, or remove {{field}}.',
      incompleteHandler: '{{field}} of container "{{container}}" has {{handler}} without its {{required}}, so the API server rejects the pod spec. Set {{handler}}.{{required}}, or remove {{field}}.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    const inspect = (spec: unknown, path: ObjectPath, field: string, container: string, handlers: readonly string[]): void => {
      // A null or missing probe is no probe, which the API server accepts.
      if (!isObject(spec)) return;
      const present = handlers.filter((handler) => spec[handler] !== undefined && spec[handler] !== null);
      if (present.length === 0) {
        const nulled = Object.keys(spec).find((key) => handlers.includes(key));
        if (nulled !== undefined) {
          context.report({ messageId: 'nullHandler', data: { field, container, handler: nulled }, path: [...path, nulled], on: 'key' });
        } else {
          context.report({ messageId: 'noHandler', data: { field, container, handlers: `${handlers.slice(0, -1).join(', ')} or ${handlers.at(-1)}` }, path, on: 'key' });
        }
        return;
      }
      // Two handlers is an error of its own; a handler that is not a mapping, a schema error.
      if (present.length !== 1) return;
      const handler = present[0]!;
      const action = spec[handler];
      const required = REQUIRED[handler];
      if (required === undefined || !isObject(action) || !lacks(action, required)) return;
      const at: ObjectPath = Object.hasOwn(action, required) ? [...path, handler, required] : [...path, handler];
      context.report({ messageId: 'incompleteHandler', data: { field, container, handler, required }, path: at, on: 'key' });
    };
    // Plain init and ephemeral containers may have no probe or hook at all, a refusal of another kind.
    for (const ref of longRunningContainers(resource)) {
      for (const probe of PROBE_FIELDS) inspect(ref.container[probe], [...ref.path, probe], probe, ref.name, PROBE_HANDLERS);
      const lifecycle = ref.container.lifecycle;
      if (!isObject(lifecycle)) continue;
      for (const hook of HOOKS) inspect(lifecycle[hook], [...ref.path, 'lifecycle', hook], `lifecycle.${hook}`, ref.name, HOOK_HANDLERS);
    }
  },
});
