/**
 * Whether rules that relate resources stay linear: the same small application deployed to many
 * namespaces, linted at 1× and 10× the namespaces in this process. Each namespace has a workload
 * with its Service, Ingress, autoscaler, disruption budget, network policy, ServiceAccount,
 * ConfigMap and Secret referring to one another, so every cross-resource rule has work to do; a
 * rule that scanned every resource per resource would grow a hundredfold here, not tenfold.
 */
import { performance } from 'node:perf_hooks';
import type { Source } from '../src/core/types.js';
import { lint } from '../src/engine/lint.js';
import type { AnyRule } from '../src/engine/rule.js';
import { median } from './common.js';

/** 1× is about two thousand resources; 10× about twenty thousand. */
const BASE_NAMESPACES = 200;
const LIMIT = 11;
const ROUNDS = 3;

/** One namespace's application: nine objects that name each other, with one planted slip (a missing key) per ten namespaces. */
export function application(n: number): string {
  const ns = `team-${n}`;
  const key = n % 10 === 0 ? 'pasword' : 'password';
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: ${ns}}
spec:
  replicas: 3
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop, tier: web}}
    spec:
      serviceAccountName: shop
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: shop}}}
      containers:
        - name: shop
          image: registry.example.com/shop:2.${n % 7}.1
          ports: [{name: http, containerPort: 8080}]
          envFrom: [{configMapRef: {name: shop-config}}]
          env:
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: shop-db, key: ${key}}}
          readinessProbe: {httpGet: {path: /ready, port: http}}
          livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 20}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: ${ns}}
spec:
  selector: {app: shop}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: ${ns}}
spec:
  rules:
    - host: shop-${n}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: shop, port: {name: http}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: shop, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}
  minReplicas: 3
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: shop, namespace: ${ns}}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: shop}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: shop, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {app: shop}}
  ingress: [{ports: [{port: 8080}]}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: shop, namespace: ${ns}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: shop-config, namespace: ${ns}}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: Secret
metadata: {name: shop-db, namespace: ${ns}}
stringData: {password: example}
`;
}

/** The applications of `count` namespaces, ten namespaces to a file as a repository would hold them. */
export function namespaceSources(count: number): Source[] {
  const sources: Source[] = [];
  for (let first = 0; first < count; first += 10) {
    const documents: string[] = [];
    for (let n = first; n < Math.min(count, first + 10); n++) documents.push(application(n));
    sources.push({ path: `apps/team-${first}.yaml`, text: documents.join('---\n') });
  }
  return sources;
}

export interface NamespaceScaling {
  namespaces: [number, number];
  resources: [number, number];
  findings: [number, number];
  ms: [number, number];
  ratio: number;
  limit: number;
  pass: boolean;
}

function timeLint(sources: readonly Source[], rules: readonly AnyRule[]): { ms: number; resources: number; findings: number } {
  const t0 = performance.now();
  const result = lint(sources, { rules });
  const ms = performance.now() - t0;
  if (result.internalErrors.length > 0) throw new Error(`the namespaces case failed: ${result.internalErrors[0]!.message}`);
  return { ms, resources: result.resourceCount, findings: result.findings.length };
}

export function measureNamespaceScaling(rules: readonly AnyRule[], gc: () => void): NamespaceScaling {
  const small = namespaceSources(BASE_NAMESPACES);
  const large = namespaceSources(BASE_NAMESPACES * 10);
  const samples: [number[], number[]] = [[], []];
  let outcome: [{ resources: number; findings: number }, { resources: number; findings: number }] | undefined;
  // Round 0 warms up the JIT and is thrown away; the sizes alternate so a drift of the machine hits both.
  for (let round = 0; round <= ROUNDS; round++) {
    gc();
    const a = timeLint(small, rules);
    gc();
    const b = timeLint(large, rules);
    if (round > 0) {
      samples[0].push(a.ms);
      samples[1].push(b.ms);
    }
    outcome = [a, b];
  }
  const ms: [number, number] = [median(samples[0]), median(samples[1])];
  const ratio = ms[1] / ms[0];
  return {
    namespaces: [BASE_NAMESPACES, BASE_NAMESPACES * 10],
    resources: [outcome![0].resources, outcome![1].resources],
    findings: [outcome![0].findings, outcome![1].findings],
    ms,
    ratio,
    limit: LIMIT,
    pass: ratio <= LIMIT,
  };
}

export function describeNamespaceScaling(result: NamespaceScaling): string {
  return (
    `  many namespaces of one app (in process): ${result.namespaces[0]} namespaces, ${result.resources[0]} resources, ${result.findings[0]} findings in ${result.ms[0].toFixed(0)} ms; ` +
    `${result.namespaces[1]} namespaces, ${result.resources[1]} resources, ${result.findings[1]} findings in ${result.ms[1].toFixed(0)} ms: ` +
    `10× the input took ${result.ratio.toFixed(2)}× the time (limit ${result.limit}×) ${result.pass ? 'PASS' : 'FAIL'}`
  );
}
