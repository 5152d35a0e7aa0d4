import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { main, type CliIO } from '../src/cli/main.js';
import { lint } from '../src/engine/lint.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = path.join(ROOT, 'fixtures/scenarios/references');
const read = (file: string) => ({ path: file, text: readFileSync(path.join(SCENARIO, file), 'utf8') });

/** The reference and rollout-safety rules, which the scenario plants one problem each for. */
const CROSS_RESOURCE = [
  'configmap-key-not-found', 'configmap-not-found', 'duplicate-env-var', 'duplicate-resource', 'hpa-cpu-request-missing', 'hpa-min-above-max',
  'hpa-target-not-found', 'ingress-backend-not-found', 'network-policy-selector-no-match', 'pdb-above-hpa-min', 'pdb-blocks-eviction',
  'pdb-selector-no-match', 'priority-class-not-found', 'pvc-not-found', 'replicas-with-hpa', 'replicas-without-spread', 'secret-key-not-found',
  'secret-not-found', 'service-account-not-found', 'service-selector-no-match', 'service-target-port-not-exposed', 'statefulset-service-not-found',
  'unused-configmap', 'unused-secret', 'workload-selector-mismatch',
];

describe('a production app with one of each cross-resource problem, and a clean app beside it', () => {
  const production = read('shop-production.yaml');
  const clean = read('clean-app.yaml');
  const result = lint([production, clean], { rules });

  it('reports each planted problem once, on its line, and nothing else of these rules', () => {
    const planted = production.text.split('\n').flatMap((line, index) => {
      const match = /# planted: ([a-z-]+)/.exec(line);
      return match ? [`${match[1]} ${index + 1}`] : [];
    });
    const found = result.findings.filter((finding) => finding.file === production.path && CROSS_RESOURCE.includes(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.range.line}`);
    expect(found.sort()).toEqual(planted.sort());
    // Every cross-resource rule is planted once, so none goes untested here.
    expect(new Set(planted.map((entry) => entry.split(' ')[0])).size).toBe(planted.length);
    expect(planted.map((entry) => entry.split(' ')[0]).sort()).toEqual([...CROSS_RESOURCE].sort());
    for (const id of CROSS_RESOURCE) expect(rules.some((rule) => rule.meta.id === id), id).toBe(true);
  });

  it('says nothing at all about the clean app', () => {
    expect(result.findings.filter((finding) => finding.file === clean.path)).toEqual([]);
  });

  it('names the other object of a two-object finding as a related location', () => {
    const budget = result.findings.find((finding) => finding.ruleId === 'pdb-above-hpa-min')!;
    expect(budget.related?.map((related) => related.resource?.kind)).toContain('HorizontalPodAutoscaler');
  });
});

describe('a partial run', () => {
  async function run(argv: string[]): Promise<{ code: number; findings: { ruleId: string }[] }> {
    let stdout = '';
    const io: CliIO = { cwd: path.join(SCENARIO, 'split'), env: {}, stdoutIsTTY: false, stdout: (text) => void (stdout += text), stderr: () => {}, readStdin: async () => new Uint8Array() };
    const code = await main([...argv, '-f', 'json'], io);
    return { code, findings: JSON.parse(stdout) as { ruleId: string }[] };
  }

  it('of one file that references a Secret defined in another reports no missing reference', async () => {
    const alone = await run(['deployment.yaml']);
    expect(alone.findings).toEqual([]);
    expect(alone.code).toBe(0);
  });

  it('still finds it missing when told the file is the whole application', async () => {
    expect((await run(['deployment.yaml', '--complete'])).findings.map((finding) => finding.ruleId)).toEqual(['secret-not-found']);
  });

  it('and the folder with both files is complete and clean', async () => {
    expect((await run(['.'])).findings).toEqual([]);
  });
});
