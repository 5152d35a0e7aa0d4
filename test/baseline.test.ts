import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { findingIdentity } from '../src/core/fingerprint.js';
import { isActive, type Finding, type Source } from '../src/core/types.js';
import {
  applyBaseline,
  baselineIdentity,
  BaselineError,
  createBaseline,
  parseBaseline,
  serializeBaseline,
  type Baseline,
} from '../src/engine/baseline.js';
import { lint } from '../src/engine/lint.js';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: web:latest
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 128Mi}
`;

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata: {name: worker}
spec:
  template:
    spec:
      containers: [{name: worker, image: "worker:1.2.3"}]
`;

const BROKEN = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  mode: "fast
`;

const run = (...sources: Source[]) => lint(sources, { rules }).findings;
const active = (findings: readonly Finding[]) => findings.filter(isActive);
const summary = (finding: Finding) => `${finding.file} ${finding.ruleId} ${baselineIdentity(finding)}`;

describe('baseline', () => {
  const before = run({ path: 'deploy/web.yaml', text: WEB }, { path: 'deploy/worker.yaml', text: WORKER });
  const baseline = createBaseline(before);

  it('records every finding, readable and without lines', () => {
    expect(before.length).toBeGreaterThan(4);
    expect(baseline.version).toBe(1);
    expect(baseline.files['deploy/web.yaml']!['mutable-image-tag']).toEqual({ 'latest Deployment/shop/web spec.template.spec.containers[0].image': 1 });
    expect(baseline.files['deploy/worker.yaml']!['readiness-probe-missing']).toEqual({ 'notServing Deployment/worker spec.template.spec.containers[0]': 1 });
    const recorded = Object.values(baseline.files).flatMap((byRule) => Object.values(byRule).flatMap((byIdentity) => Object.values(byIdentity)));
    expect(recorded.reduce((sum, count) => sum + count, 0)).toBe(before.length);
  });

  it('still hides every old finding after lines are inserted at the top of the file', () => {
    const shifted = `# Owned by the shop team.\n# Reviewed quarterly.\n\n${WEB}`;
    const after = run({ path: 'deploy/web.yaml', text: shifted }, { path: 'deploy/worker.yaml', text: WORKER });
    const lines = (findings: Finding[]) => findings.filter((f) => f.file === 'deploy/web.yaml').map((f) => f.range.line);
    expect(lines(after)).toEqual(lines(before).map((line) => line + 3));

    const applied = applyBaseline(after, baseline);
    expect(active(applied.findings)).toEqual([]);
    expect(applied.stale).toEqual([]);
    for (const finding of applied.findings) expect(finding.suppressions).toEqual([{ kind: 'baseline', justification: 'in the baseline (recorded before)' }]);
    expect(serializeBaseline(createBaseline(after))).toBe(serializeBaseline(baseline));
  });

  it('reports a new problem and leaves the input untouched', () => {
    const grown = `${WEB}        - name: sidecar\n          image: proxy:latest\n          resources: {requests: {cpu: 10m, memory: 8Mi}, limits: {memory: 8Mi}}\n`;
    const after = run({ path: 'deploy/web.yaml', text: grown }, { path: 'deploy/worker.yaml', text: WORKER });
    const frozen = JSON.stringify(after);
    const applied = applyBaseline(after, baseline, { source: '.kubegate-baseline.json' });
    expect(JSON.stringify(after)).toBe(frozen);
    // The sidecar is containers[1]: every one of its findings is new, the web container's are not.
    // The pod-level seccomp finding was there before the sidecar, so it stays in the baseline.
    expect(active(applied.findings).map(summary).sort()).toEqual(
      [
        'deploy/web.yaml capabilities-not-dropped notDropped Deployment/shop/web spec.template.spec.containers[1].name',
        'deploy/web.yaml liveness-probe-missing missing Deployment/shop/web spec.template.spec.containers[1]',
        'deploy/web.yaml mutable-image-tag latest Deployment/shop/web spec.template.spec.containers[1].image',
        'deploy/web.yaml privilege-escalation-allowed unset Deployment/shop/web spec.template.spec.containers[1].name',
        'deploy/web.yaml readiness-probe-missing notServing Deployment/shop/web spec.template.spec.containers[1]',
        'deploy/web.yaml run-as-root unset Deployment/shop/web spec.template.spec.containers[1].name',
        'deploy/web.yaml writable-root-filesystem unset Deployment/shop/web spec.template.spec.containers[1].name',
      ].sort(),
    );
    expect(applied.findings.filter((f) => !isActive(f))).toHaveLength(before.length);
    expect(applied.findings.find((f) => !isActive(f))!.suppressions).toEqual([{ kind: 'baseline', justification: 'in the baseline .kubegate-baseline.json (recorded before)' }]);
    expect(applied.stale).toEqual([]);
  });

  it('a new resource in a new file is new', () => {
    const applied = applyBaseline(run({ path: 'deploy/web.yaml', text: WEB }, { path: 'deploy/worker.yaml', text: WORKER }, { path: 'deploy/api.yaml', text: WORKER.replaceAll('worker', 'api') }), baseline);
    expect(new Set(active(applied.findings).map((f) => f.file))).toEqual(new Set(['deploy/api.yaml']));
  });

  it('makes the entry of a fixed problem stale, and it leaves the next baseline', () => {
    const fixed = WEB.replace('web:latest', 'web:1.4.2');
    const after = run({ path: 'deploy/web.yaml', text: fixed }, { path: 'deploy/worker.yaml', text: WORKER });
    const applied = applyBaseline(after, baseline);
    expect(active(applied.findings)).toEqual([]);
    expect(applied.stale).toEqual([{ file: 'deploy/web.yaml', ruleId: 'mutable-image-tag', identity: 'latest Deployment/shop/web spec.template.spec.containers[0].image', count: 1 }]);

    // Written again from the run that applied the old baseline: baselined findings are kept, the fixed one is gone.
    const next = createBaseline(applied.findings);
    expect(next.files['deploy/web.yaml']!['mutable-image-tag']).toBeUndefined();
    expect(next).toEqual(createBaseline(after));
    expect(applyBaseline(after, next).stale).toEqual([]);
  });

  it('counts identical findings: a resource defined twice, then a third time is new', () => {
    // Every finding of a copy comes once per copy, except the duplicate itself, reported on each extra copy.
    const run = (...sources: Source[]) => lint(sources, { rules: rules.filter((rule) => rule.meta.id !== 'duplicate-resource') }).findings;
    const twice = `${WORKER}---\n${WORKER}`;
    const found = run({ path: 'dup.yaml', text: twice });
    const counted = createBaseline(found);
    expect(counted.files['dup.yaml']!['readiness-probe-missing']).toEqual({ 'notServing Deployment/worker spec.template.spec.containers[0]': 2 });
    expect(new Set(found.map((f) => findingIdentity(f))).size).toBe(found.length / 2);

    const thrice = run({ path: 'dup.yaml', text: `${twice}---\n${WORKER}` });
    const applied = applyBaseline(thrice, counted);
    expect(active(applied.findings)).toHaveLength(found.length / 2);
    // The occurrences are consumed in order, so the copy added last is the one reported.
    const lastDocument = Math.max(...thrice.map((f) => f.range.line)) - 6;
    for (const finding of active(applied.findings)) expect(finding.range.line).toBeGreaterThanOrEqual(lastDocument);
    expect(applied.stale).toEqual([]);

    // Back to one copy: the second recorded occurrence of each problem is stale.
    const once = applyBaseline(run({ path: 'dup.yaml', text: WORKER }), counted);
    expect(active(once.findings)).toEqual([]);
    expect(once.stale.map((entry) => entry.count)).toEqual(once.stale.map(() => 1));
    expect(once.stale).toHaveLength(found.length / 2);
  });

  it('baselines findings without a resource by their data', () => {
    const found = run({ path: 'broken.yaml', text: BROKEN });
    expect(found.map((f) => [f.ruleId, f.resource])).toEqual([['yaml-syntax-error', undefined]]);
    const recorded = createBaseline(found);
    expect(recorded.files['broken.yaml']).toEqual({ 'yaml-syntax-error': { 'syntax detail="Missing closing \\"quote"': 1 } });

    const shifted = applyBaseline(run({ path: 'broken.yaml', text: `# settings\n\n${BROKEN}` }), recorded);
    expect(active(shifted.findings)).toEqual([]);

    const other = applyBaseline(run({ path: 'broken.yaml', text: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n c: d\n' }), recorded);
    expect(active(other.findings).map((f) => f.ruleId)).toEqual(['yaml-syntax-error']);
    expect(other.stale).toHaveLength(1);
  });

  it('records only findings nobody silenced on purpose, never kubegate failures', () => {
    const silenced = lint([{ path: 'deploy/worker.yaml', text: WORKER }], {
      rules,
      suppressions: [{ kind: 'config', justification: 'probes come from the mesh', ruleId: 'readiness-probe-missing' }],
    }).findings;
    expect(silenced.some((f) => !isActive(f))).toBe(true);
    const recorded = createBaseline(silenced);
    expect(recorded.files['deploy/worker.yaml']!['readiness-probe-missing']).toBeUndefined();
    expect(Object.keys(recorded.files['deploy/worker.yaml']!).length).toBe(silenced.filter(isActive).length);
    // Already silenced findings keep their suppression alone and use up no entry.
    const applied = applyBaseline(silenced, baseline);
    expect(applied.findings.filter((f) => f.ruleId === 'readiness-probe-missing').map((f) => f.suppressions)).toEqual([[{ kind: 'config', justification: 'probes come from the mesh' }]]);
    expect(applied.stale.filter((entry) => entry.file === 'deploy/worker.yaml').map((entry) => entry.ruleId)).toEqual(['readiness-probe-missing']);

    const failure: Finding = { ruleId: 'internal-error', messageId: 'failed', data: { detail: 'boom' }, message: 'kubegate failed', severity: 'error', file: 'x.yaml', range: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
    expect(createBaseline([failure]).files).toEqual({});
    const forced: Baseline = { version: 1, files: { 'x.yaml': { 'internal-error': { [baselineIdentity(failure)]: 1 } } } };
    expect(applyBaseline([failure], forced).findings).toEqual([failure]);
  });

  it('keys identities exactly as findingIdentity tells findings apart', () => {
    const odd = `apiVersion: v1\nkind: Pod\nmetadata: {name: "a/b"}\nspec:\n  containers: [{name: c, image: "c:latest"}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: a}\nspec:\n  containers: [{name: c, image: "c:latest"}]\n`;
    const found = run({ path: 'a.yaml', text: WEB }, { path: 'b.yaml', text: `${WORKER}---\n${WORKER}` }, { path: 'c.yaml', text: odd }, { path: 'd.yaml', text: BROKEN });
    const ours = new Map<string, string>();
    const theirs = new Map<string, string>();
    for (const finding of found) {
      const key = `${finding.file}\u0000${finding.ruleId}\u0000${baselineIdentity(finding)}`;
      const identity = findingIdentity(finding);
      expect(ours.get(key) ?? identity).toBe(identity);
      expect(theirs.get(identity) ?? key).toBe(key);
      ours.set(key, identity);
      theirs.set(identity, key);
    }
    const pods = Object.keys(createBaseline(found).files['c.yaml']!['mutable-image-tag']!);
    expect(pods).toEqual(['latest Pod/"a/b" spec.containers[0].image', 'latest Pod/a/b spec.containers[0].image']);
  });
});

describe('baseline file', () => {
  const sources = [
    { path: 'z/last.yaml', text: WORKER },
    { path: 'a/first.yaml', text: `${WEB}---\n${WORKER}` },
    { path: 'm/broken.yaml', text: BROKEN },
  ];

  it('is identical across runs, sorted, and holds no line numbers', () => {
    const first = serializeBaseline(createBaseline(lint(sources, { rules }).findings));
    const second = serializeBaseline(createBaseline(lint([...sources].reverse(), { rules }).findings.reverse()));
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(first).not.toMatch(/"(line|column|range)"/);
    const moved = sources.map((source) => ({ ...source, text: `\n\n# moved\n${source.text}` }));
    expect(serializeBaseline(createBaseline(lint(moved, { rules }).findings))).toBe(first);

    const parsed = JSON.parse(first) as Baseline;
    expect(Object.keys(parsed)).toEqual(['version', 'files']);
    expect(Object.keys(parsed.files)).toEqual(['a/first.yaml', 'm/broken.yaml', 'z/last.yaml']);
    for (const byRule of Object.values(parsed.files)) {
      expect(Object.keys(byRule)).toEqual(Object.keys(byRule).sort());
      for (const byIdentity of Object.values(byRule)) expect(Object.keys(byIdentity)).toEqual(Object.keys(byIdentity).sort());
    }
    expect(first).toContain('\n  "files": {\n    "a/first.yaml": {\n');
  });

  it('reads back what it wrote, from JSON or from text', () => {
    const baseline = createBaseline(lint(sources, { rules }).findings);
    const text = serializeBaseline(baseline);
    expect(parseBaseline(JSON.parse(text), 'b.json')).toEqual(baseline);
    expect(parseBaseline(text, 'b.json')).toEqual(baseline);
    expect(parseBaseline(`\uFEFF${text}`, 'b.json')).toEqual(baseline);
    expect(parseBaseline({ version: 1, files: {} }, 'b.json')).toEqual({ version: 1, files: {} });
  });

  it('keeps odd file names as data, not as object properties', () => {
    const parsed = parseBaseline('{"version": 1, "files": {"__proto__": {"r": {"m": 1}}, "constructor": {}}}', 'b.json');
    expect(Object.getPrototypeOf(parsed.files)).toBe(Object.prototype);
    const finding = (file: string): Finding => ({ ruleId: 'r', messageId: 'm', message: 'm', severity: 'error', file, range: { line: 1, column: 1, endLine: 1, endColumn: 2 } });
    const applied = applyBaseline([finding('__proto__'), finding('constructor'), finding('toString')], parsed);
    expect(applied.findings.map(isActive)).toEqual([false, true, true]);
    expect(serializeBaseline(createBaseline([finding('__proto__')]))).toContain('"__proto__": {');
  });

  it.each([
    ['[1]', 'not a kubegate baseline: expected an object with "version" and "files", found an array'],
    ['{"files": {}}', 'not a kubegate baseline: "version" is missing'],
    ['{"version": 2, "files": {}}', 'baseline version 2 is newer than this kubegate reads (version 1); upgrade kubegate'],
    ['{"version": "1", "files": {}}', '"version" must be 1, found the string "1"'],
    ['{"version": 1}', '"files" is missing'],
    ['{"version": 1, "files": []}', '"files" must be an object (file → rule → identity → count), found an array'],
    ['{"version": 1, "files": {}, "file": {}}', 'unknown key "file"; a baseline holds only "version" and "files"'],
    ['{"version": 1, "files": {"a.yaml": 3}}', 'files["a.yaml"] must be an object (rule → identity → count), found the number 3'],
    ['{"version": 1, "files": {"a.yaml": {"r": ["x"]}}}', 'files["a.yaml"]["r"] must be an object (identity → count), found an array'],
    ['{"version": 1, "files": {"a.yaml": {"r": {"x": 0}}}}', 'files["a.yaml"]["r"]["x"] must be a count (a whole number, 1 or more), found the number 0'],
    ['{"version": 1, "files": {"a.yaml": {"r": {"x": 1.5}}}}', 'files["a.yaml"]["r"]["x"] must be a count (a whole number, 1 or more), found the number 1.5'],
    ['{"version": 1, "files": {"a.yaml": {"r": {"x": null}}}}', 'files["a.yaml"]["r"]["x"] must be a count (a whole number, 1 or more), found null'],
    ['{"version": 1, "files": {', 'not valid JSON ('],
  ])('rejects %s with a clear error', (text, detail) => {
    const error = (() => {
      try {
        parseBaseline(text, 'ci/kubegate-baseline.json');
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BaselineError);
    expect(error).toBeInstanceOf(Error);
    expect((error as BaselineError).name).toBe('BaselineError');
    expect((error as BaselineError).file).toBe('ci/kubegate-baseline.json');
    expect((error as Error).message.startsWith(`ci/kubegate-baseline.json: ${detail}`)).toBe(true);
  });

  it('rejects parsed values that are not objects', () => {
    expect(() => parseBaseline(null, 'b.json')).toThrow(new BaselineError('b.json', 'not a kubegate baseline: expected an object with "version" and "files", found null'));
    expect(() => parseBaseline(undefined, 'b.json')).toThrow(BaselineError);
  });
});
