import type { ObjectPath } from '../core/types.js';
import { isObject, type KubeObject } from './resource.js';
import type { ContainerRef } from './workload.js';

export const PROBE_FIELDS = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
export type ProbeField = (typeof PROBE_FIELDS)[number];

/** The probe handlers that check a port (`exec` runs a command and has none). */
export const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;
export type PortHandler = (typeof PORT_HANDLERS)[number];

/** A port number written as a number or as a string of digits (the kubelet falls back to parsing the string). */
export function portNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  return undefined;
}

export interface DeclaredPort {
  /** Undefined for an unnamed port (an empty name is no name: nothing can refer to it). */
  name: string | undefined;
  /** Undefined when `containerPort` is missing or not a number (a template, a typo). */
  number: number | undefined;
}

/** The container's `ports`, in order. */
export function declaredPorts(container: KubeObject): DeclaredPort[] {
  if (!Array.isArray(container.ports)) return [];
  return container.ports.filter(isObject).map((port) => ({
    name: typeof port.name === 'string' && port.name !== '' ? port.name : undefined,
    number: portNumber(port.containerPort),
  }));
}

/** Declared ports for a message: `http (8080), 9090`, or `none`. */
export function describePorts(ports: readonly DeclaredPort[]): string {
  const shown = ports
    .map((port) => (port.name && port.number !== undefined ? `${port.name} (${port.number})` : port.name ?? (port.number === undefined ? '' : String(port.number))))
    .filter((text) => text !== '');
  return shown.length > 0 ? shown.join(', ') : 'none';
}

export interface ProbePort {
  probe: ProbeField;
  handler: PortHandler;
  /** The handler's object (`httpGet: {...}`), for its other fields such as `host`. */
  action: KubeObject;
  /** `port` as written: a number, a name, a string of digits, or anything else a manifest holds. */
  port: unknown;
  /** Path of the `port` field inside the resource. */
  path: ObjectPath;
}

/** Every port-checking handler of the container's probes, in probe then handler order. */
export function probePorts(ref: ContainerRef): ProbePort[] {
  const found: ProbePort[] = [];
  for (const probe of PROBE_FIELDS) {
    const spec = ref.container[probe];
    if (!isObject(spec)) continue;
    for (const handler of PORT_HANDLERS) {
      const action = spec[handler];
      if (!isObject(action)) continue;
      found.push({ probe, handler, action, port: action.port, path: [...ref.path, probe, handler, 'port'] });
    }
  }
  return found;
}
