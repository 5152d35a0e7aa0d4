import { previewValue } from '../src/core/format.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { containersWithResources, formatDecimal, isByteResource, parseQuantity, parseQuantityParts, resourceList } from '../src/model/quantity.js';
import type { KubeObject } from '../src/model/resource.js';

type MessageId = 'unparsable' | 'empty' | 'negative' | 'milliBytes' | 'fractionBytes' | 'bytesWithoutUnit' | 'cpuWithoutUnit' | 'cpuBelowMilli' | 'cpuByteUnit';

/** More cores than this, written without a unit, may be a forgotten `m` (`cpu: 500`)... */
const MAX_PLAIN_CORES = 64;
/**
 * ...unless the container asks for memory in proportion, as real many-core requests on GPU and TPU
 * nodes do (`cpu: 146` with `memory: 1311Gi`). Machines come with about 1GiB per core or more, so
 * half of that is a safe floor, while a typo for millicores keeps the small memory of its service.
 */
const MIN_BYTES_PER_REAL_CORE = 2 ** 29;
const MEBIBYTE = 2 ** 20;
const MILLICORE = 0.001;
/**
 * Suffixes that size bytes: binary ones, and the decimal multipliers from kilo up. On CPU they
 * make thousands to quintillions of cores (`cpu: 64Mi` is 67 million), which no node has: the
 * value was meant for memory, or `m` (millicores) was meant.
 */
const BYTE_SUFFIXES = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'k', 'M', 'G', 'T', 'P', 'E']);

// Units people write for bytes and CPU that Kubernetes spells differently (`MB`, `gb`, `mi`, `cores`).
const BYTE_UNITS: Readonly<Record<string, string>> = {
  b: '', byte: '', bytes: '',
  k: 'Ki', kb: 'Ki', ki: 'Ki', kib: 'Ki',
  m: 'Mi', mb: 'Mi', mi: 'Mi', mib: 'Mi',
  g: 'Gi', gb: 'Gi', gi: 'Gi', gib: 'Gi',
  t: 'Ti', tb: 'Ti', ti: 'Ti', tib: 'Ti',
  p: 'Pi', pb: 'Pi', pi: 'Pi', pib: 'Pi',
};
const CPU_UNITS: Readonly<Record<string, string>> = {
  m: 'm', mcpu: 'm', millicpu: 'm', millicore: 'm', millicores: 'm',
  core: '', cores: '', cpu: '', cpus: '', vcpu: '', vcpus: '',
};

const LISTS = ['requests', 'limits'] as const;

function example(name: string): string {
  if (name === 'cpu') return '500m';
  return isByteResource(name) ? '512Mi' : '1';
}

/** The quantity an author most likely meant by an unparsable value, when there is a clear guess. */
function guess(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(/\s+/g, '');
  if (parseQuantity(compact) !== undefined) return compact;
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([a-z]+)$/i.exec(compact);
  if (!match) return undefined;
  const units = isByteResource(name) ? BYTE_UNITS : name === 'cpu' ? CPU_UNITS : undefined;
  const unit = units?.[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const candidate = `${match[1]}${unit}`;
  return parseQuantity(candidate) === undefined ? undefined : candidate;
}

function bytes(amount: number): string {
  return `${formatDecimal(amount)} byte${amount === 1 ? '' : 's'}`;
}

/** The most memory a container requests or is allowed, in bytes. */
function containerMemory(container: KubeObject): number {
  let most = 0;
  for (const list of LISTS) {
    const bytes = parseQuantity(resourceList(container, list)?.memory);
    if (bytes !== undefined && bytes > most) most = bytes;
  }
  return most;
}

function diagnose(name: string, value: unknown, container: KubeObject): { messageId: MessageId; data: Record<string, string> } | undefined {
  if (value === null) return { messageId: 'empty', data: { example: example(name) } };
  const parts = parseQuantityParts(value);
  if (!parts) {
    const likely = guess(name, value);
    return { messageId: 'unparsable', data: { fix: likely ? `"${likely}"` : `a number with an optional unit, such as "${example(name)}"` } };
  }
  const { value: amount, number, suffix } = parts;
  if (amount < 0) return { messageId: 'negative', data: {} };
  if (amount === 0) return undefined;
  if (isByteResource(name)) {
    if (suffix === 'm') return { messageId: 'milliBytes', data: { bytes: bytes(amount), suggestion: `${number}Mi` } };
    // `u`, `n` and negative exponents are fractions, as CPU is written: memory is never a fraction of a byte.
    if (suffix !== '' && amount < 1) return { messageId: 'fractionBytes', data: { bytes: bytes(amount), suffix, suggestion: `${number}Mi` } };
    if (suffix === '' && amount < MEBIBYTE) {
      // A fraction (`0.5`) reads as gibibytes; a whole number as mebibytes, or gibibytes for disk.
      const unit = Number.isInteger(amount) && name !== 'ephemeral-storage' ? 'Mi' : 'Gi';
      return { messageId: 'bytesWithoutUnit', data: { bytes: bytes(amount), suggestion: `${number}${unit}` } };
    }
    return undefined;
  }
  if (name === 'cpu') {
    if (BYTE_SUFFIXES.has(suffix)) return { messageId: 'cpuByteUnit', data: { cores: formatDecimal(amount), suffix, millicores: `${number}m`, plain: number } };
    if (suffix === '' && amount > MAX_PLAIN_CORES && containerMemory(container) < amount * MIN_BYTES_PER_REAL_CORE) return { messageId: 'cpuWithoutUnit', data: { cores: number, suggestion: `${number}m` } };
    if (amount < MILLICORE) {
      // `100u` was most likely `100m` with the wrong prefix; a bare `0.0005` most likely 1000x too small.
      const millicores = suffix === 'u' || suffix === 'n' ? number : formatDecimal(Number((amount * 1e6).toPrecision(12)));
      return { messageId: 'cpuBelowMilli', data: { cores: formatDecimal(amount), suggestion: `${millicores}m` } };
    }
  }
  return undefined;
}

function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : previewValue(value);
}

export default createRule({
  meta: {
    id: 'invalid-quantity',
    category: 'resources',
    severity: 'error',
    precision: 'very-high',
    description: 'A resource request or limit is not a valid quantity, or is one that almost certainly means something else than intended.',
    rationale: 'The API server rejects a pod whose requests or limits do not parse (`512MB`, `1 Gi`, `2gb`) or are negative, so its controller never creates it. Other values parse but mean what nobody wants: `memory: 512m` is 0.512 bytes (m is milli), `memory: 512` is 512 bytes, `memory: 500u` is a fraction of a byte too, `cpu: 500` is 500 cores and leaves the pod Pending (many cores are trusted when the container asks for memory to match, as GPU and TPU workloads do), `cpu: 64Mi` (a byte unit on CPU) is 67 million cores, `cpu: 100u` is rounded up to one millicore. Such containers fail to start, are OOM-killed at once, or never schedule. Init containers are checked too: their values are validated and scheduled the same way.',
    remediation: 'Write memory and storage in binary units (`256Mi`, `2Gi`) and CPU in millicores (`250m`) or cores (`0.5`, `2`). Units are case-sensitive: `Mi`, not `mi` or `MB`.',
    messages: {
      unparsable: 'Container "{{container}}" sets {{field}} to {{value}}, which is not a Kubernetes quantity, so the API server rejects the pod. Write it as {{fix}}.',
      empty: 'Container "{{container}}" sets {{field}} to nothing (a template value that rendered empty?), so it sets no usable quantity. Give it a value such as "{{example}}" or remove the key.',
      negative: 'Container "{{container}}" sets {{field}} to {{value}}, a negative quantity, which the API server rejects. Use a quantity of 0 or more.',
      milliBytes: 'Container "{{container}}" sets {{field}} to {{value}}, which is {{bytes}}: the "m" suffix means milli, not mega. Write "{{suggestion}}" for mebibytes.',
      fractionBytes: 'Container "{{container}}" sets {{field}} to {{value}}, which is {{bytes}}: "{{suffix}}" makes a fraction, as in CPU quantities, and memory is counted in whole bytes. Write "{{suggestion}}" for mebibytes.',
      bytesWithoutUnit: 'Container "{{container}}" sets {{field}} to {{value}} with no unit, which means only {{bytes}}. Add the unit, for example "{{suggestion}}".',
      cpuWithoutUnit: 'Container "{{container}}" sets {{field}} to {{value}} with no unit, which means {{cores}} whole CPU cores, not millicores. Write "{{suggestion}}" for {{cores}} millicores.',
      cpuByteUnit: 'Container "{{container}}" sets {{field}} to {{value}}, but "{{suffix}}" is a unit of bytes: as CPU that is {{cores}} cores, which no node has, so the pod never schedules (or, as a limit, limits nothing). CPU is counted in cores or millicores: write "{{millicores}}" for millicores or "{{plain}}" for cores.',
      cpuBelowMilli: 'Container "{{container}}" sets {{field}} to {{value}}, which is {{cores}} of a core, below 1m, the smallest CPU amount Kubernetes allocates (it is rounded up to 1m). Write "{{suggestion}}" if you meant millicores.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containersWithResources(resource)) {
      for (const list of LISTS) {
        const quantities = resourceList(ref.container, list);
        if (!quantities) continue;
        for (const name of Object.keys(quantities)) {
          const value = quantities[name];
          const problem = diagnose(name, value, ref.container);
          if (!problem) continue;
          context.report({
            messageId: problem.messageId,
            data: { ...problem.data, container: ref.name, field: `${list}.${name}`, value: shown(value) },
            path: [...ref.path, 'resources', list, name],
          });
        }
      }
    }
  },
});
