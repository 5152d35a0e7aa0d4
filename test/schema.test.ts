import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { apiStatus } from '../src/schema/apis.js';
import { bundledVersions, kindSchema, servedVersions } from '../src/schema/bundle.js';
import { schemaDefects } from '../src/schema/crd.js';
import { describeVersions } from '../src/schema/describe.js';
import type { SchemaNode } from '../src/schema/node.js';
import { closest, editDistance } from '../src/schema/suggest.js';
import { isPlaceholder, validate } from '../src/schema/validate.js';
import { targetVersion, versionProblem } from '../src/schema/version.js';

describe('closest names', () => {
  it('takes typos, swaps and case slips, and nothing farther than a couple of edits', () => {
    expect(closest('readinesProbe', ['livenessProbe', 'readinessProbe', 'startupProbe'])).toBe('readinessProbe');
    expect(closest('readniessProbe', ['readinessProbe'])).toBe('readinessProbe');
    expect(closest('ImagePullPolicy', ['image', 'imagePullPolicy'])).toBe('imagePullPolicy');
    expect(closest('replica', ['replicas', 'selector'])).toBe('replicas');
    expect(closest('name', ['type', 'image'])).toBeUndefined();
    expect(closest('healthcheck', ['livenessProbe', 'readinessProbe'])).toBeUndefined();
  });

  it('counts an adjacent swap as one edit and stops early past its limit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});

describe('target versions', () => {
  const versions = bundledVersions();
  const oldest = versions[0]!;
  const newest = versions[versions.length - 1]!;

  it('bundles consecutive releases, 1.29 to 1.36 at least', () => {
    expect(versions).toContain('1.29');
    expect(versions).toContain('1.36');
    versions.slice(1).forEach((version, i) => expect(Number(version.split('.')[1])).toBe(Number(versions[i]!.split('.')[1]) + 1));
  });

  it('defaults to the newest bundled, and stands the nearest bundled schema in for releases outside them', () => {
    expect(targetVersion(undefined)).toMatchObject({ version: newest, schemaVersion: newest, older: false, newer: false });
    expect(targetVersion('1.31')).toMatchObject({ version: '1.31', schemaVersion: '1.31', schemaIndex: versions.indexOf('1.31') });
    expect(targetVersion('1.22')).toMatchObject({ version: '1.22', schemaVersion: oldest, older: true });
    expect(targetVersion('2.3')).toMatchObject({ version: '2.3', schemaVersion: newest, newer: true });
  });

  it('says what is wrong with a version in words, with the bundled range', () => {
    expect(versionProblem('1.31')).toBeUndefined();
    expect(versionProblem('1.20')).toBeUndefined();
    expect(versionProblem('v1.31')?.kind).toBe('malformed');
    expect(versionProblem('1.31.2')?.message).toContain(`schemas are bundled for ${oldest} to ${newest}`);
    expect(versionProblem('1.99')).toEqual({ kind: 'newer', message: `Kubernetes 1.99 is newer than the bundled schemas (${oldest} to ${newest}); checking against ${newest}` });
  });

  it('names runs of releases the way messages do', () => {
    expect(describeVersions(['1.32', '1.33', '1.34', '1.35', '1.36'])).toBe('1.32 and later');
    expect(describeVersions(['1.29', '1.30', '1.35'])).toBe('1.29 to 1.30 and 1.35');
  });
});

describe('the bundled schemas', () => {
  it('hold one definition per kind and release, and nothing for what a release does not serve', () => {
    const at = (version: string) => bundledVersions().indexOf(version);
    expect(kindSchema('apps/v1', 'Deployment', at('1.36'))?.definition).toBe('apps.v1.Deployment');
    expect(kindSchema('extensions/v1beta1', 'Deployment', at('1.36'))).toBeUndefined();
    expect(kindSchema('resource.k8s.io/v1', 'DeviceClass', at('1.33'))).toBeUndefined();
    expect(kindSchema('resource.k8s.io/v1', 'DeviceClass', at('1.34'))?.definition).toBe('resource.v1.DeviceClass');
    expect(servedVersions('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema')).toEqual(['1.29', '1.30', '1.31']);
  });

  it('agree with the specs where pluto\'s table does not: an API still served in 1.36 is deprecated, not removed', () => {
    const status = apiStatus('resource.k8s.io/v1beta1', 'ResourceSlice', targetVersion('1.36'));
    expect(status).toEqual({ status: 'deprecated', entry: { apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceSlice', deprecated: '1.33', replacement: 'resource.k8s.io/v1' } });
  });

  it('leave custom resources to their CRDs', () => {
    expect(apiStatus('cert-manager.io/v1', 'Certificate', targetVersion(undefined))).toBeUndefined();
  });
});

describe('the validator', () => {
  const object = (properties: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode => ({ kind: 'object', properties: { get: (name) => properties[name], names: () => Object.keys(properties) }, ...extra });
  const integer: SchemaNode = { kind: 'integer', format: 'int32' };

  it('reports a value of the wrong type once, without looking inside it', () => {
    const schema = object({ spec: object({ replicas: integer }) });
    expect(validate(schema, { spec: [{ replicas: 'x' }, { unknown: 1 }] }).map((problem) => [problem.type, problem.path])).toEqual([['invalidType', ['spec']]]);
  });

  it('takes null for absent unless the schema makes null a value', () => {
    const schema = object({ a: integer, b: { ...integer, nullable: true } }, { required: ['a', 'b'] });
    expect(validate(schema, { a: null, b: null })).toEqual([{ type: 'missingRequired', path: [], fields: ['a'], parent: schema }]);
  });

  it('leaves substitution placeholders alone wherever a non-string value goes', () => {
    expect(['${PORT}', '${REPLICAS:-1}', '$PORT', '<port>'].every(isPlaceholder)).toBe(true);
    expect(['8080', 'PORT', '$', 'a ${B} c', '<a> <b>'].some(isPlaceholder)).toBe(false);
    expect(validate(object({ port: integer }), { port: '${PORT:-8080}' })).toEqual([]);
  });

  it('walks what YAML aliases repeat only once it has walked a great deal, and keeps a bounded number of problems', () => {
    // 2^40 paths through 41 objects, and a wrong type at every leaf.
    let value: unknown = { leaf: 'x' };
    for (let i = 0; i < 40; i++) value = { a: value, b: value };
    const node: SchemaNode = { kind: 'object', properties: { get: () => undefined, names: () => [] } };
    node.additional = node;
    const started = performance.now();
    const problems = validate(node, value);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(500);
  });
});

describe('CRD schemas the API server rejects', () => {
  const defects = (schema: unknown) => schemaDefects(schema, []).map((defect) => `${defect.path.join('.')}: ${defect.message}`);

  it('accept what controller-gen writes: int-or-string patterns, preserved fields, embedded resources, list maps', () => {
    expect(
      defects({
        type: 'object',
        properties: {
          metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } },
          spec: {
            type: 'object',
            properties: {
              port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
              template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
              raw: { 'x-kubernetes-preserve-unknown-fields': true },
              ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
              labels: { type: 'object', additionalProperties: { type: 'string' } },
              either: { type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }], properties: { a: { type: 'string' }, b: { type: 'string' } } },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  it('name each structural rule broken, at its place', () => {
    expect(
      defects({
        type: 'object',
        additionalProperties: true,
        properties: {
          metadata: { type: 'object', properties: { labels: { type: 'object' } } },
          a: { description: 'no type' },
          b: { type: 'array' },
          c: { type: 'str' },
          d: { type: 'string', anyOf: [{ type: 'string', pattern: 'x' }] },
          e: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false },
        },
      }),
    ).toEqual([
      'additionalProperties: additionalProperties must not be used at the root',
      'properties.metadata.properties: metadata may only restrict name and generateName (not labels); the API server supplies the rest',
      'properties.a: type is missing (every field needs one, unless it is int-or-string or preserves unknown fields)',
      'properties.b: items is missing (an array needs it)',
      'properties.c.type: type "str" is not one of array, boolean, integer, number, object, string',
      'properties.d.anyOf.0.type: type must be empty to be structural (under allOf, anyOf, oneOf and not a schema may only restrict values)',
      'properties.e.x-kubernetes-preserve-unknown-fields: x-kubernetes-preserve-unknown-fields must be true or left out',
    ]);
  });
});

describe('--kubernetes-version and --crds', () => {
  let scratch: string;
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: scratch, env: {}, stdoutIsTTY: false, readStdin: async () => new Uint8Array() };
    const code = await main(argv, io);
    return { code, stdout, stderr };
  };
  const CRON_JOB = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: report, image: "report:2.0.1"}]}}}}\n';
  const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: backups.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Backup, plural: backups}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec: {type: object, properties: {mode: {type: string, enum: [Full, Incremental]}}}\n';

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-schema-'));
    writeFileSync(path.join(scratch, 'cronjob.yaml'), CRON_JOB);
    writeFileSync(path.join(scratch, 'backup.yaml'), 'apiVersion: example.com/v1\nkind: Backup\nmetadata: {name: nightly}\nspec: {mode: full}\n');
    mkdirSync(path.join(scratch, 'crds'));
    writeFileSync(path.join(scratch, 'crds', 'backup.yaml'), CRD);
    mkdirSync(path.join(scratch, 'configured'));
    writeFileSync(path.join(scratch, 'configured', '.kubegaterc.yaml'), 'kubernetesVersion: "1.24"\ncrds: [../crds]\n');
    writeFileSync(path.join(scratch, 'configured', 'cronjob.yaml'), CRON_JOB);
  });

  it('checks APIs against the release given: removed in 1.36, deprecated in 1.24', async () => {
    const now = await run(['cronjob.yaml', '--format', 'json']);
    expect(now.code).toBe(1);
    expect(now.stdout).toContain('"ruleId": "api-removed"');
    const then = await run(['cronjob.yaml', '--format', 'json', '--kubernetes-version', '1.24']);
    expect(then.stdout).not.toContain('"ruleId": "api-removed"');
    expect(then.stdout).toContain('"ruleId": "api-deprecated"');
  });

  it('refuses a version that is not major.minor with exit 2 and the bundled range', async () => {
    const { code, stderr } = await run(['cronjob.yaml', '--kubernetes-version', 'v1.31.2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--kubernetes-version must be a Kubernetes version as major\.minor, such as 1\.\d+ \(schemas are bundled for 1\.29 to 1\.\d+;/);
  });

  it('takes a newer release with a notice on stderr, checking against the newest bundled', async () => {
    const { code, stderr } = await run(['cronjob.yaml', '--kubernetes-version', '1.99']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^kubegate: Kubernetes 1\.99 is newer than the bundled schemas \(1\.29 to 1\.\d+\); checking against 1\.\d+\n$/);
  });

  it('checks custom resources against CRDs from --crds, and stops on a --crds input without any', async () => {
    const without = await run(['backup.yaml', '--format', 'json']);
    expect(without.stdout).not.toContain('custom-resource-invalid');
    const given = await run(['backup.yaml', '--format', 'json', '--crds', 'crds']);
    expect(given.stdout).toContain('"ruleId": "custom-resource-invalid"');
    const wrong = await run(['backup.yaml', '--crds', 'backup.yaml']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('kubegate: error: --crds: no CustomResourceDefinition in backup.yaml\n');
  });

  it('reads kubernetesVersion and crds from the configuration, paths relative to its folder; the command line wins', async () => {
    const configured = await run(['configured/cronjob.yaml', '--config', 'configured/.kubegaterc.yaml', '--format', 'json']);
    expect(configured.stdout).toContain('"ruleId": "api-deprecated"');
    expect(configured.stdout).not.toContain('"ruleId": "api-removed"');
    const overridden = await run(['configured/cronjob.yaml', '--config', 'configured/.kubegaterc.yaml', '--format', 'json', '--kubernetes-version', '1.30']);
    expect(overridden.stdout).toContain('"ruleId": "api-removed"');
  });

  it('says what is wrong with kubernetesVersion in the configuration', async () => {
    writeFileSync(path.join(scratch, 'bad-version.yaml'), 'kubernetesVersion: "1.x"\n');
    const { code, stderr } = await run(['cronjob.yaml', '--config', 'bad-version.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe('kubegate: error: bad-version.yaml: kubernetesVersion is "1.x"; allowed: a Kubernetes version as major.minor, such as "1.31"\n');
  });
});
