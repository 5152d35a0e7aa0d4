import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { buildModel } from '../src/engine/model.js';
import { applyFixes } from '../src/engine/fix.js';
import { lint } from '../src/engine/lint.js';
import { defineRule, RULE_ID } from '../src/engine/rule.js';
import { runRules } from '../src/engine/run.js';
import { ConfigError, resolveSettings } from '../src/engine/settings.js';
import { suppress, type SuppressionDirective } from '../src/engine/suppress.js';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n';
const CONFIG_MAPS = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';

const emptyConfigMap = defineRule({
  meta: {
    id: 'acme/config-map-empty',
    category: 'acme',
    severity: 'warning',
    description: 'A ConfigMap holds no data.',
    rationale: 'Pods that mount it start with an empty directory.',
    remediation: 'Add data, or delete the object.',
    messages: { empty: 'ConfigMap "{{name}}" has no data.' },
    appliesTo: ['ConfigMap'],
  },
  check(resource, context) {
    if (resource.object.data === undefined) context.report({ messageId: 'empty', data: { name: resource.name }, path: ['metadata', 'name'] });
  },
});

describe('stages', () => {
  it('buildModel reads resources and input problems without running any rule', () => {
    const model = buildModel([{ path: 'a.yaml', text: `${CONFIG_MAPS}---\nkind: [\n` }]);
    expect(model.resources.map((resource) => `${resource.groupKind}/${resource.name}`)).toEqual(['ConfigMap/a', 'ConfigMap/b']);
    expect(model.index.get('ConfigMap', undefined, 'b')).toHaveLength(1);
    expect(model.diagnostics.map((diagnostic) => diagnostic.id)).toEqual(['yaml-syntax-error']);
  });

  it('a rule list without any rule still reports input problems', () => {
    const result = lint([{ path: 'broken.yaml', text: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: "fast\n' }], { rules: [] });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['yaml-syntax-error']);
  });

  it('input diagnostics take severities and can be turned off', () => {
    const source = { path: 'd.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n  k: 1\n  k: 2\n' };
    expect(lint([source], { rules: [], settings: { 'duplicate-key': 'info' } }).findings.map((f) => f.severity)).toEqual(['info']);
    expect(lint([source], { rules: [], settings: { 'duplicate-key': 'off' } }).findings).toEqual([]);
  });

  it('runRules and suppress compose into lint', () => {
    const model = buildModel([{ path: 'c.yaml', text: CONFIG_MAPS }]);
    const ruled = runRules(model, resolveSettings([emptyConfigMap]));
    expect(ruled.findings.map((finding) => finding.message)).toEqual(['ConfigMap "b" has no data.']);
    const directive: SuppressionDirective = { kind: 'config', justification: 'filled at deploy time', ruleId: 'acme/config-map-empty', resource: { name: 'b' } };
    const stale: SuppressionDirective = { kind: 'inline', justification: 'old', ruleId: 'acme/config-map-empty', file: 'other.yaml', source: { file: 'other.yaml', line: 3 } };
    const suppressed = suppress(ruled.findings, [directive, stale]);
    expect(suppressed.findings[0]!.suppressions).toEqual([{ kind: 'config', justification: 'filled at deploy time' }]);
    expect(suppressed.unused).toEqual([stale]);
    const viaLint = lint([{ path: 'c.yaml', text: CONFIG_MAPS }], { rules: [emptyConfigMap], suppressions: [directive, stale] });
    expect(viaLint.findings).toEqual(suppressed.findings);
    expect(viaLint.unusedSuppressions).toEqual([stale]);
  });
});

describe('kinds', () => {
  it('matches by API group and kind: Argo Rollouts are workloads, Flagger Rollouts are not', () => {
    const rollout = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:latest"}]\n`;
    const ruleIds = (text: string) => lint([{ path: 'r.yaml', text }], { rules }).findings.map((finding) => finding.ruleId);
    expect(ruleIds(rollout('flagger.app/v1beta1'))).toEqual([]);
    expect(ruleIds(rollout('argoproj.io/v1alpha1'))).toContain('readiness-probe-missing');
  });

  it('runs `*` rules on every kind', () => {
    const seen: string[] = [];
    const everything = defineRule({
      meta: { ...emptyConfigMap.meta, id: 'acme/every-kind', appliesTo: '*' },
      check(resource) {
        seen.push(resource.groupKind);
      },
    });
    lint([{ path: 'x.yaml', text: `${DEPLOYMENT}---\n${CONFIG_MAPS}` }], { rules: [everything] });
    expect(seen).toEqual(['apps/Deployment', 'ConfigMap', 'ConfigMap']);
  });
});

describe('rule lifecycle', () => {
  it('creates a rule once per run, checks each resource, then finishes with the whole set seen', () => {
    const events: string[] = [];
    const unreferenced = defineRule({
      // The meta is copied from a rule of scope `resource`; this one relates resources, so it says so.
      meta: { ...emptyConfigMap.meta, id: 'acme/unreferenced', messages: { unused: 'ConfigMap "{{name}}" is not used by {{count}} workloads.' }, appliesTo: ['ConfigMap', 'apps/Deployment'], scope: 'set' },
      create(context) {
        events.push(`create ${context.index.resources.length}`);
        const configMaps: typeof context.index.resources[number][] = [];
        let workloads = 0;
        return {
          check(resource) {
            events.push(`check ${resource.name}`);
            if (resource.kind === 'ConfigMap') configMaps.push(resource);
            else workloads++;
          },
          finish() {
            events.push('finish');
            for (const resource of configMaps) context.report({ resource, messageId: 'unused', data: { name: resource.name, count: workloads }, path: ['metadata', 'name'] });
          },
        };
      },
    });
    const result = lint([{ path: 'x.yaml', text: `${DEPLOYMENT}---\n${CONFIG_MAPS}` }], { rules: [unreferenced] });
    expect(events).toEqual(['create 3', 'check web', 'check a', 'check b', 'finish']);
    expect(result.findings.map((finding) => `${finding.range.line}:${finding.range.column} ${finding.message}`)).toEqual([
      '12:18 ConfigMap "a" is not used by 1 workloads.',
      '17:18 ConfigMap "b" is not used by 1 workloads.',
    ]);
  });

  it('records a rule that throws, or reports from finish without a resource, and runs the others', () => {
    const throwing = defineRule({ meta: { ...emptyConfigMap.meta, id: 'acme/throws' }, check: () => { throw new Error('boom'); } });
    const orphan = defineRule({ meta: { ...emptyConfigMap.meta, id: 'acme/orphan' }, create: (context) => ({ finish: () => context.report({ messageId: 'empty', path: [] }) }) });
    const result = lint([{ path: 'c.yaml', text: CONFIG_MAPS }], { rules: [throwing, orphan, emptyConfigMap] });
    expect(result.internalErrors.map((error) => error.message)).toEqual([
      'rule acme/throws failed on ConfigMap/a (c.yaml:1): boom',
      'rule acme/throws failed on ConfigMap/b (c.yaml:6): boom',
      'rule acme/orphan failed to finish: rule acme/orphan reported from finish() without naming a resource',
    ]);
    expect(result.internalErrors[0]!.stack).toContain('boom');
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['acme/config-map-empty']);
  });

  it('fills related locations from other resources', () => {
    const pointing = defineRule({
      meta: { ...emptyConfigMap.meta, id: 'acme/points', messages: { twin: 'See {{other}}.' }, scope: 'set' },
      check(resource, context) {
        if (resource.name !== 'b') return;
        const [other] = context.index.get('ConfigMap', undefined, 'a');
        context.report({ messageId: 'twin', data: { other: 'a' }, path: ['metadata', 'name'], related: [{ resource: other!, path: ['data', 'x'], message: 'the one with data' }] });
      },
    });
    const [finding] = lint([{ path: 'c.yaml', text: CONFIG_MAPS }], { rules: [pointing] }).findings;
    expect(finding!.related).toEqual([
      { file: 'c.yaml', range: { line: 4, column: 11, endLine: 4, endColumn: 14 }, resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a' }, path: ['data', 'x'], message: 'the one with data' },
    ]);
  });
});

describe('options', () => {
  const minimum = defineRule({
    meta: {
      ...emptyConfigMap.meta,
      id: 'acme/min-replicas',
      messages: { few: 'Only {{replicas}} replicas; at least {{minimum}} wanted.' },
      appliesTo: ['apps/Deployment'],
      options: { schema: { type: 'object', properties: { minimum: { type: 'integer', minimum: 1 }, level: { enum: ['low', 'high'] } }, additionalProperties: false }, defaults: { minimum: 2, level: 'low' } },
    },
    check(resource, context) {
      const replicas = (resource.object.spec as { replicas: number }).replicas;
      if (replicas < context.options.minimum) context.report({ messageId: 'few', data: { replicas, minimum: context.options.minimum }, path: ['spec', 'replicas'] });
    },
  });
  const messages = (settings: Parameters<typeof lint>[1]['settings']) => lint([{ path: 'd.yaml', text: DEPLOYMENT }], { rules: [minimum], settings }).findings.map((finding) => finding.message);

  it('run with defaults, and with user options merged over them', () => {
    expect(messages({})).toEqual([]);
    expect(messages({ 'acme/min-replicas': { options: { minimum: 5 } } })).toEqual(['Only 3 replicas; at least 5 wanted.']);
    expect(messages({ 'acme/min-replicas': ['error', 'ignored'] as never })).toEqual([]);
  });

  it('are validated once, with a message naming the rule, the key and what is allowed', () => {
    expect(() => messages({ 'acme/min-replicas': { options: { minimum: 0 } } })).toThrow(new ConfigError('rule acme/min-replicas: options.minimum must be >= 1'));
    expect(() => messages({ 'acme/min-replicas': { options: { level: 'mid' } } })).toThrow(/options\.level must be equal to one of the allowed values \(allowed: "low", "high"\)/);
    expect(() => messages({ 'acme/min-replicas': { options: { minimun: 3 } } })).toThrow(/must NOT have additional properties "minimun"/);
    expect(() => messages({ 'no-such-rule': 'error' })).toThrow(new ConfigError('unknown rule "no-such-rule" in rule settings'));
    expect(() => messages({ 'acme/min-replicas': 'loud' as never })).toThrow(/severity must be one of off, error, warning, info \(got "loud"\)/);
    expect(() => messages({ 'yaml-syntax-error': { options: {} } })).toThrow(/takes no options/);
  });
});

describe('fixes', () => {
  const pin = defineRule({
    meta: { ...emptyConfigMap.meta, id: 'acme/pin', messages: { latest: 'Pin {{image}}.' }, appliesTo: 'workloads', fixable: true },
    check(resource, context) {
      context.report({ messageId: 'latest', data: { image: 'web' }, path: ['spec', 'template', 'spec', 'containers', 0, 'image'], fix: { path: ['spec', 'template', 'spec', 'containers', 0, 'image'], text: '"web:1.0.1"' } });
    },
  });

  it('carry text edits that change only the span they name', () => {
    const result = lint([{ path: 'd.yaml', text: DEPLOYMENT }], { rules: [pin] });
    const fixed = applyFixes(DEPLOYMENT, 'd.yaml', result.findings);
    expect(fixed).toEqual({ text: DEPLOYMENT.replace('"web:1.0.0"', '"web:1.0.1"'), applied: 1 });
  });

  it('leave overlapping edits for a later pass', () => {
    const [finding] = lint([{ path: 'd.yaml', text: DEPLOYMENT }], { rules: [pin] }).findings;
    expect(applyFixes(DEPLOYMENT, 'd.yaml', [finding!, finding!]).applied).toBe(1);
    expect(applyFixes(DEPLOYMENT, 'other.yaml', [finding!]).text).toBe(DEPLOYMENT);
  });
});

describe('rule ids', () => {
  it('are kebab-case, with an optional plugin prefix', () => {
    for (const id of ['readiness-probe-missing', 'acme/no-foo', 'x1']) expect(id).toMatch(RULE_ID);
    for (const id of ['Readiness', 'a//b', 'a/', '-a', 'a--b', 'a/b/c']) expect(id).not.toMatch(RULE_ID);
  });
});

describe('rule scope', () => {
  it('defaults to resource for check rules and set for create rules', () => {
    expect(emptyConfigMap.meta.scope).toBe('resource');
    expect(defineRule({ meta: { ...emptyConfigMap.meta, scope: undefined }, create: () => ({}) }).meta.scope).toBe('set');
    expect(defineRule({ meta: { ...emptyConfigMap.meta, scope: 'set' }, check: () => {} }).meta.scope).toBe('set');
  });

  it('lints file by file when every rule keeps to one resource, with the same findings as a whole-set run', () => {
    const sources = [
      { path: 'a.yaml', text: `${DEPLOYMENT}---\n${CONFIG_MAPS}` },
      { path: 'b.yaml', text: 'kind: [\n' },
      { path: 'c.yaml', text: CONFIG_MAPS },
    ];
    const seen: number[] = [];
    const counting = defineRule({ meta: { ...emptyConfigMap.meta, id: 'acme/counting' }, check: (_resource, context) => void seen.push(context.index.resources.length) });
    const perResource = rules.filter((rule) => rule.meta.scope === 'resource');
    const perFile = lint(sources, { rules: [...perResource, emptyConfigMap, counting] });
    expect(seen).toEqual([1, 1, 1, 1]);
    const asSet = defineRule({ meta: { ...emptyConfigMap.meta, id: 'acme/as-set', scope: 'set' }, check: (_resource, context) => void seen.push(context.index.resources.length) });
    seen.length = 0;
    const whole = lint(sources, { rules: [...perResource, emptyConfigMap, asSet] });
    expect(seen).toEqual([5, 5, 5, 5]);
    const key = (f: { ruleId: string; file: string; range: { line: number; column: number } }) => `${f.file}:${f.range.line}:${f.range.column} ${f.ruleId}`;
    expect(perFile.findings.map(key)).toEqual(whole.findings.map(key));
    expect([perFile.resourceCount, perFile.fileCount, perFile.skips.length]).toEqual([whole.resourceCount, whole.fileCount, whole.skips.length]);
  });
});

describe('rule sets', () => {
  it('refuse ids that are not kebab-case, and ids defined twice', () => {
    const bad = defineRule({ meta: { ...emptyConfigMap.meta, id: 'Acme/NoFoo' }, check: () => {} });
    expect(() => lint([], { rules: [bad] })).toThrow(new ConfigError('rule id "Acme/NoFoo" is not kebab-case with an optional plugin prefix (such as acme/no-latest)'));
    expect(() => lint([], { rules: [emptyConfigMap, emptyConfigMap] })).toThrow(new ConfigError('rule id "acme/config-map-empty" is defined twice'));
    const shadow = defineRule({ meta: { ...emptyConfigMap.meta, id: 'duplicate-key' }, check: () => {} });
    expect(() => lint([], { rules: [shadow] })).toThrow(/rule id "duplicate-key" is defined twice/);
  });
});
