/**
 * Generated workloads for the benchmarks: a seeded generator, so every run lints byte-identical
 * input, with the mix of kinds, image tags, probes, resource blocks and security settings seen in
 * real repositories.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export function prng(seed: number): () => number {
  // mulberry32: tiny, fast, and good enough to pick among a handful of variants.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'checkout', 'identity', 'catalog', 'ledger', 'notifications', 'ingest'];
const ROLES = ['api', 'worker', 'gateway', 'indexer', 'scheduler', 'cache', 'sync', 'exporter'];
const REGISTRIES = ['registry.example.com', 'ghcr.io/example', 'docker.io/library', '123456789012.dkr.ecr.eu-west-1.amazonaws.com'];

/** The tag mix seen in real repositories: mostly pinned versions, a tail of mutable or missing tags. */
function image(random: () => number, name: string): string {
  const registry = REGISTRIES[Math.floor(random() * REGISTRIES.length)]!;
  const roll = random();
  if (roll < 0.55) return `${registry}/${name}:${1 + Math.floor(random() * 4)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
  if (roll < 0.7) return `${registry}/${name}@sha256:${Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('')}`;
  if (roll < 0.82) return `${registry}/${name}:latest`;
  if (roll < 0.92) return `${registry}/${name}`;
  return `${registry}/${name}:2024${String(10 + Math.floor(random() * 89))}${String(10 + Math.floor(random() * 18))}-${Math.floor(random() * 1e6).toString(36)}`;
}

function resourcesBlock(random: () => number, indent: string): string[] {
  const roll = random();
  if (roll < 0.25) return []; // no resources at all
  const cpu = `${[50, 100, 250, 500, 1000][Math.floor(random() * 5)]}m`;
  const memory = `${[64, 128, 256, 512, 1024][Math.floor(random() * 5)]}Mi`;
  const lines = [`${indent}resources:`, `${indent}  requests:`, `${indent}    cpu: ${cpu}`, `${indent}    memory: ${memory}`];
  if (roll < 0.4) return lines; // requests only, no limits
  if (roll < 0.45) return [...lines, `${indent}  limits:`, `${indent}    memory: 32Mi`]; // limit below the request
  if (roll < 0.48) return [`${indent}resources:`, `${indent}  requests:`, `${indent}    memory: 512m`]; // the half-a-byte typo
  return [...lines, `${indent}  limits:`, `${indent}    cpu: "2"`, `${indent}    memory: ${memory}`];
}

function probeBlock(random: () => number, indent: string, kind: 'readinessProbe' | 'livenessProbe', port: string | number): string[] {
  const roll = random();
  if (roll < 0.5) {
    return [`${indent}${kind}:`, `${indent}  httpGet:`, `${indent}    path: ${kind === 'readinessProbe' ? '/ready' : '/healthz'}`, `${indent}    port: ${port}`, `${indent}  periodSeconds: 10`, `${indent}  timeoutSeconds: 2`];
  }
  if (roll < 0.8) return [`${indent}${kind}:`, `${indent}  tcpSocket:`, `${indent}    port: ${port}`, `${indent}  initialDelaySeconds: 5`];
  return [`${indent}${kind}:`, `${indent}  exec:`, `${indent}    command: ["/bin/sh", "-c", "test -f /tmp/ready"]`];
}

function container(random: () => number, name: string, service: string, indent: string, serving: boolean): string[] {
  const port = 8000 + Math.floor(random() * 1000);
  const lines = [`${indent}- name: ${name}`, `${indent}  image: ${image(random, service)}`, `${indent}  imagePullPolicy: IfNotPresent`];
  if (random() < 0.3) lines.push(`${indent}  args: ["--log-level=info", "--listen=:${port}"]`);
  lines.push(`${indent}  ports:`, `${indent}    - name: http`, `${indent}      containerPort: ${port}`, `${indent}      protocol: TCP`);
  if (random() < 0.4) lines.push(`${indent}    - name: metrics`, `${indent}      containerPort: 9090`);
  lines.push(
    `${indent}  env:`,
    `${indent}    - name: LOG_FORMAT`,
    `${indent}      value: json`,
    `${indent}    - name: DATABASE_URL`,
    `${indent}      valueFrom:`,
    `${indent}        secretKeyRef:`,
    `${indent}          name: ${name}-db`,
    `${indent}          key: url`,
  );
  if (serving) {
    // A probe on a port name the container does not declare is a realistic copy-paste slip.
    const probePort = random() < 0.1 ? 'health' : random() < 0.5 ? 'http' : port;
    if (random() < 0.7) lines.push(...probeBlock(random, `${indent}  `, 'readinessProbe', probePort));
    if (random() < 0.6) lines.push(...probeBlock(random, `${indent}  `, 'livenessProbe', probePort));
  }
  lines.push(...resourcesBlock(random, `${indent}  `));
  // Measured over the real-world corpus: about half the containers are hardened, and those that
  // are set all four of these together.
  if (random() < 0.5) {
    lines.push(
      `${indent}  securityContext:`,
      `${indent}    runAsNonRoot: true`,
      `${indent}    readOnlyRootFilesystem: true`,
      `${indent}    allowPrivilegeEscalation: false`,
      `${indent}    capabilities:`,
      `${indent}      drop: [ALL]`,
    );
  }
  return lines;
}

function podSpec(random: () => number, name: string, service: string, indent: string, serving: boolean): string[] {
  const lines = [`${indent}containers:`, ...container(random, name, service, `${indent}  `, serving)];
  if (random() < 0.15) lines.push(...container(random, 'proxy', 'envoy-proxy', `${indent}  `, serving));
  if (random() < 0.3) lines.push(`${indent}serviceAccountName: ${name}`);
  if (random() < 0.2) lines.push(`${indent}nodeSelector:`, `${indent}  kubernetes.io/os: linux`);
  if (random() < 0.2) lines.push(`${indent}terminationGracePeriodSeconds: 45`);
  // In the corpus three workloads in ten set a pod securityContext, most of them with a seccomp profile.
  if (random() < 0.3) lines.push(`${indent}securityContext:`, `${indent}  seccompProfile:`, `${indent}    type: RuntimeDefault`);
  return lines;
}

export function workload(random: () => number, n: number): string {
  const team = TEAMS[n % TEAMS.length]!;
  const service = `${team}-${ROLES[Math.floor(random() * ROLES.length)]!}`;
  const name = `${service}-${n}`;
  const roll = random();
  const kind = roll < 0.7 ? 'Deployment' : roll < 0.8 ? 'StatefulSet' : roll < 0.9 ? 'DaemonSet' : 'CronJob';
  const apiVersion = kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const head = [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${team}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    `    app.kubernetes.io/part-of: ${team}`,
  ];
  if (random() < 0.3) head.push('  annotations:', `    example.com/owner: "${team}@example.com"`);
  const labels = ['      labels:', `        app.kubernetes.io/name: ${name}`];
  if (kind === 'CronJob') {
    return [
      ...head,
      'spec:',
      `  schedule: "${Math.floor(random() * 60)} */6 * * *"`,
      '  concurrencyPolicy: Forbid',
      '  jobTemplate:',
      '    spec:',
      '      backoffLimit: 2',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      ...podSpec(random, name, service, '          ', false),
    ].join('\n');
  }
  const spec = ['spec:'];
  if (kind !== 'DaemonSet') spec.push(`  replicas: ${[1, 2, 3, 5][Math.floor(random() * 4)]}`);
  if (kind === 'StatefulSet') spec.push(`  serviceName: ${name}`);
  if (kind === 'Deployment') {
    const strategy = random();
    if (strategy < 0.05) spec.push('  revisionHistoryLimit: 0');
    if (strategy < 0.1) spec.push('  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 100%', '      maxSurge: 0');
    else if (strategy < 0.5) spec.push('  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 0', '      maxSurge: 25%');
  }
  spec.push('  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${name}`, '  template:', '    metadata:', ...labels, '    spec:', ...podSpec(random, name, service, '      ', true));
  if (kind === 'StatefulSet') {
    spec.push('  volumeClaimTemplates:', '    - metadata:', '        name: data', '      spec:', '        accessModes: ["ReadWriteOnce"]', '        resources:', '          requests:', '            storage: 10Gi');
  }
  return [...head, ...spec].join('\n');
}

const GENERATED_FILES = 100;
export const DOCUMENTS_PER_FILE = 100;
/** One seed for every generated input, so the scaling inputs start with the same documents as the generated case. */
export const WORKLOAD_SEED = 20240611;

/** Workloads `first` to `first + count - 1` as one multi-document YAML file; `random` carries on from the previous file. */
export function workloadFile(random: () => number, first: number, count: number): { text: string; lines: number } {
  const documents: string[] = [];
  let lines = 0;
  for (let n = first; n < first + count; n++) {
    const text = workload(random, n);
    lines += text.split('\n').length;
    documents.push(text);
  }
  return { text: `---\n${documents.join('\n---\n')}\n`, lines };
}

export function generateWorkloads(directory: string): { lines: number; documents: number } {
  const random = prng(WORKLOAD_SEED);
  let lines = 0;
  for (let f = 0; f < GENERATED_FILES; f++) {
    const file = workloadFile(random, f * DOCUMENTS_PER_FILE, DOCUMENTS_PER_FILE);
    lines += file.lines;
    writeFileSync(path.join(directory, `workloads-${String(f).padStart(3, '0')}.yaml`), file.text);
  }
  return { lines, documents: GENERATED_FILES * DOCUMENTS_PER_FILE };
}
