import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/types.js';
import { compareEnvironments, type EnvironmentInput } from '../src/drift/run.js';
import { driftRules } from '../src/drift/rules/index.js';
import { canonicalNamers } from '../src/drift/match.js';
import { buildModel } from '../src/engine/model.js';

type Env = { name: string; text: string; profile?: string; local?: boolean; capacity?: EnvironmentInput['capacity'] };

function drift(environments: Env[], settings: Record<string, unknown> = {}, allowed?: (subject: string) => boolean): Finding[] {
  const inputs: EnvironmentInput[] = environments.map((environment) => ({
    name: environment.name,
    profile: environment.profile ?? environment.name,
    local: environment.local ?? false,
    ...(environment.capacity ? { capacity: environment.capacity } : {}),
    sources: [{ path: `${environment.name}.yaml`, text: environment.text }],
    world: { complete: true },
  }));
  const run = compareEnvironments(inputs, { rules: driftRules, settings: settings as never, ...(allowed ? { allowed } : {}) });
  expect(run.internalErrors).toEqual([]);
  return run.findings;
}

/** What a test asserts of a finding: where it is, and where the other environment's side is. */
function summary(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: finding.severity,
    at: `${finding.file}:${finding.range.line}:${finding.range.column}`,
    related: (finding.related ?? []).map((related) => `${related.file}:${related.range.line}:${related.range.column}`),
  };
}

const deployment = (name: string, container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
${container}`;

describe('drift rules', () => {
  it('drift-env-var-missing: a variable staging sets and production lacks, on production\'s env list', () => {
    const staging = deployment('api', `        - name: app
          image: api:1
          env:
            - name: LOG_LEVEL
              value: info
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {name: db, key: url}
`);
    const production = deployment('api', `        - name: app
          image: api:1
          env:
            - name: LOG_LEVEL
              value: warn
`);
    const findings = drift([{ name: 'staging', text: staging }, { name: 'production', text: production }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-env-var-missing', messageId: 'missing', severity: 'error', at: 'production.yaml:15:11', related: ['staging.yaml:18:21'] }]);
    expect(findings[0]!.message).toBe('Deployment api: container "app" has no env DATABASE_URL in production, while staging sets it (from Secret db key url). Add it to production, or allow the difference in drift.allow.');
    expect(findings[0]!.sides).toEqual([
      { environment: 'staging', value: 'from Secret db key url', file: 'staging.yaml', line: 18 },
      { environment: 'production', value: null, file: 'production.yaml', line: 15 },
    ]);
  });

  it('a gap in the less strict environment is one severity lower, and drift.allow silences a difference', () => {
    const withFlag = deployment('api', `        - name: app
          image: api:1
          env:
            - name: DEBUG
              value: "1"
`);
    const without = deployment('api', `        - name: app
          image: api:1
`);
    const findings = drift([{ name: 'production', text: withFlag }, { name: 'development', text: without }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-env-var-missing', messageId: 'missing', severity: 'warning', at: 'development.yaml:13:17', related: ['production.yaml:16:21'] }]);
    expect(drift([{ name: 'production', text: withFlag }, { name: 'development', text: without }], {}, (subject) => subject === 'Deployment/api/app/env/DEBUG')).toEqual([]);
    expect(drift([{ name: 'production', text: withFlag }, { name: 'development', text: without }], { 'drift-env-var-missing': 'off' })).toEqual([]);
  });

  it('drift-env-var-source: a Secret in one environment, a literal in the other, never printing the literal', () => {
    const staging = deployment('api', `        - name: app
          env:
            - name: API_TOKEN
              valueFrom:
                secretKeyRef: {name: api, key: token}
`);
    const production = deployment('api', `        - name: app
          env:
            - name: API_TOKEN
              value: s3cr3t-value
`);
    const findings = drift([{ name: 'staging', text: staging }, { name: 'production', text: production }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-env-var-source', messageId: 'plain', severity: 'warning', at: 'production.yaml:16:22', related: ['staging.yaml:16:15'] }]);
    expect(JSON.stringify(findings)).not.toContain('s3cr3t');
  });

  it('drift-env-from-missing, drift-volume-missing (volume and mount) and drift-probe-missing', () => {
    const staging = deployment('api', `        - name: app
          envFrom:
            - secretRef: {name: api-env}
          volumeMounts:
            - {name: tls, mountPath: /etc/tls}
          livenessProbe:
            tcpSocket: {port: 8080}
      volumes:
        - name: tls
          secret: {secretName: api-tls}
`);
    const production = deployment('api', `        - name: app
          image: api:1
`);
    const findings = drift([{ name: 'staging', text: staging }, { name: 'production', text: production }]);
    expect(findings.map(summary)).toEqual([
      { ruleId: 'drift-env-from-missing', messageId: 'missing', severity: 'error', at: 'production.yaml:13:17', related: ['staging.yaml:15:15'] },
      { ruleId: 'drift-probe-missing', messageId: 'missing', severity: 'warning', at: 'production.yaml:13:17', related: ['staging.yaml:18:11'] },
      { ruleId: 'drift-volume-missing', messageId: 'volume', severity: 'error', at: 'production.yaml:12:7', related: ['staging.yaml:21:17'] },
      { ruleId: 'drift-volume-missing', messageId: 'mount', severity: 'error', at: 'production.yaml:13:17', related: ['staging.yaml:17:38'] },
    ]);
  });

  it('drift-container-missing: a sidecar and a port only one environment has', () => {
    const staging = deployment('api', `        - name: app
          ports:
            - containerPort: 8080
            - containerPort: 9090
        - name: proxy
          image: proxy:1
`);
    const production = deployment('api', `        - name: app
          ports:
            - containerPort: 8080
`);
    const findings = drift([{ name: 'staging', text: staging }, { name: 'production', text: production }]);
    expect(findings.map(summary)).toEqual([
      { ruleId: 'drift-container-missing', messageId: 'container', severity: 'warning', at: 'production.yaml:12:7', related: ['staging.yaml:17:17'] },
      { ruleId: 'drift-container-missing', messageId: 'port', severity: 'warning', at: 'production.yaml:14:11', related: ['staging.yaml:16:30'] },
    ]);
  });

  it('drift-data-key-missing: key names only, and kustomize hash suffixes do not keep objects apart', () => {
    const staging = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-5f2h9c8m6t\nstringData:\n  password: hunter2\n  api-key: abc\n';
    const production = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-k7b8dg42c9\nstringData:\n  password: other\n';
    const findings = drift([{ name: 'staging', text: staging }, { name: 'production', text: production }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-data-key-missing', messageId: 'missing', severity: 'error', at: 'production.yaml:5:1', related: ['staging.yaml:7:3'] }]);
    expect(JSON.stringify(findings)).not.toMatch(/hunter2|other|abc/);
  });

  it('drift-reference-undefined: production references a Secret only staging defines', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  url: x\n---\n';
    const app = deployment('api', `        - name: app
          env:
            - name: DB
              valueFrom:
                secretKeyRef: {name: db, key: url}
`);
    const findings = drift([{ name: 'staging', text: secret + app }, { name: 'production', text: app }]);
    expect(findings.map(summary)).toEqual([
      { ruleId: 'drift-reference-undefined', messageId: 'undefined', severity: 'error', at: 'production.yaml:17:38', related: ['staging.yaml:4:9'] },
      { ruleId: 'drift-resource-missing', messageId: 'missing', severity: 'warning', at: 'staging.yaml:4:9', related: [] },
    ]);
  });

  it('drift-resource-missing: a NetworkPolicy production lacks is reported, a PodDisruptionBudget only production has is not', () => {
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n';
    const budget = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: api}}\n';
    const findings = drift([{ name: 'staging', text: policy }, { name: 'production', text: budget }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-resource-missing', messageId: 'missing', severity: 'warning', at: 'staging.yaml:4:9', related: [] }]);
    expect(findings[0]!.message).toBe('NetworkPolicy deny-all exists in staging but not in production.');
  });

  it('drift-security-context-weaker: hardening production drops, on production\'s field', () => {
    const hardened = deployment('api', `        - name: app
          securityContext:
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`);
    const weaker = deployment('api', `        - name: app
          securityContext:
            readOnlyRootFilesystem: false
            capabilities: {drop: [ALL]}
`);
    const findings = drift([{ name: 'staging', text: hardened }, { name: 'production', text: weaker }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-security-context-weaker', messageId: 'weaker', severity: 'warning', at: 'production.yaml:14:11', related: ['staging.yaml:15:13'] }]);
  });

  it('drift-local-endpoint: localhost where another environment has a real host; not on a local environment, not beside a sidecar', () => {
    const config = (url: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  REDIS_URL: ${url}\n  LISTEN: 0.0.0.0:8080\n`;
    const findings = drift([{ name: 'staging', text: config('redis://redis.cache:6379') }, { name: 'production', text: config('redis://127.0.0.1:6379') }]);
    expect(findings.map(summary)).toEqual([{ ruleId: 'drift-local-endpoint', messageId: 'loopback', severity: 'error', at: 'production.yaml:6:14', related: ['staging.yaml:6:14'] }]);
    expect(drift([{ name: 'staging', text: config('redis://redis.cache:6379') }, { name: 'local', text: config('redis://localhost:6379'), local: true }])).toEqual([]);
    const withProxy = (host: string) => deployment('api', `        - name: app
          env:
            - {name: DB_HOST, value: "${host}:5432"}
        - name: db-proxy
          image: proxy:1
`);
    expect(drift([{ name: 'staging', text: withProxy('db.internal') }, { name: 'production', text: withProxy('127.0.0.1') }]).map((finding) => finding.ruleId)).toEqual([]);
  });

  it('drift-capacity-exceeded: production\'s requests in a test cluster whose nodes are smaller', () => {
    const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 4
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: app
          resources:
            requests: {cpu: "2", memory: 3Gi}
`;
    const findings = drift([
      { name: 'test', text: app, capacity: { cpu: '1500m', memory: '8Gi', totalMemory: '10Gi' } },
      { name: 'production', text: app },
    ]);
    expect(findings.map(summary)).toEqual([
      { ruleId: 'drift-capacity-exceeded', messageId: 'node', severity: 'error', at: 'test.yaml:11:7', related: [] },
      { ruleId: 'drift-capacity-exceeded', messageId: 'total', severity: 'error', at: 'test.yaml:6:13', related: [] },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'Deployment api asks for 2 CPU per pod in test, but its largest node can give 1.5 CPU: its pods will stay Pending.',
      'Deployment api asks for 12Gi in test (4 replicas × 3Gi), more than the 10Gi the whole environment has: some pods will stay Pending.',
    ]);
  });
});

describe('matching across environments', () => {
  it('strips environment words, kustomize prefixes and hashes, and keeps other names apart', () => {
    const read = (text: string) => buildModel([{ path: 'x.yaml', text }]).resources;
    const objects = (names: string[], kind = 'ConfigMap') => names.map((name) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`).join('---\n');
    const [staging, production] = canonicalNamers([
      { name: 'staging', resources: read(objects(['acme-web', 'acme-api', 'acme-web-cfg'])) },
      { name: 'production', resources: read(objects(['prod-web', 'prod-api', 'prod-web-cfg'])) },
    ]);
    expect(['acme-web', 'acme-api', 'staging', 'web-staging'].map((name) => staging!('ConfigMap', name))).toEqual(['web', 'api', '<environment>', 'web']);
    expect(['prod-web', 'web-prd', 'app-bd2fcfgt6k'].map((name) => production!('ConfigMap', name))).toEqual(['web', 'web', 'app']);
    expect(production!('Service', 'app-bd2fcfgt6k')).toBe('app-bd2fcfgt6k');
  });

});

describe('drift rule ids', () => {
  it('all start with drift- and no lint rule id does, so settings split without loading the drift rules', async () => {
    const { rules } = await import('../rules/index.js');
    const { DRIFT_RULE_PREFIX } = await import('../src/cli/config.js');
    expect(driftRules.every((rule) => rule.meta.id.startsWith(DRIFT_RULE_PREFIX))).toBe(true);
    expect(rules.filter((rule) => rule.meta.id.startsWith(DRIFT_RULE_PREFIX))).toEqual([]);
  });
});
