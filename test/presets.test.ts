import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve.js';
import { defineRule, type AnyRule } from '../src/engine/rule.js';
import { resolveSettings } from '../src/engine/settings.js';

function fakeRule(id: string, extra: Partial<AnyRule['meta']> = {}): AnyRule {
  return defineRule({
    meta: { id, category: 'test', severity: 'warning', description: 'd.', rationale: 'r.', remediation: 'm.', messages: { found: 'found it' }, appliesTo: '*', ...extra },
    check: () => undefined,
  }) as AnyRule;
}

const rules = [
  fakeRule('plain'),
  fakeRule('advice', { enabledByDefault: false, severity: 'info' }),
  fakeRule('host-thing', { podSecurity: { level: 'baseline', controls: ['Host Namespaces'] } }),
  fakeRule('root-thing', { podSecurity: { level: 'restricted', controls: ['Running as Non-root'] } }),
];

function enabled(extendsName?: string): Record<string, string> {
  const config = extendsName === undefined ? {} : { extends: extendsName as never };
  const { settings } = resolveConfig(config, '/x/.kubegaterc.yaml', '/x', rules);
  return Object.fromEntries(resolveSettings(rules, settings).rules.map(({ rule, severity }) => [rule.meta.id, severity]));
}

describe('rules off by default and presets', () => {
  it('leaves a rule that is off by default out until something names it', () => {
    expect(enabled()).toEqual({ plain: 'warning', 'host-thing': 'warning', 'root-thing': 'warning' });
    expect(Object.fromEntries(resolveSettings(rules, { advice: {} }).rules.map(({ rule, severity }) => [rule.meta.id, severity]))).toMatchObject({ advice: 'info' });
    expect(resolveSettings(rules, { advice: 'error' }).rules.map(({ rule }) => rule.meta.id)).toContain('advice');
  });

  it('strict raises what is on, all adds what is off', () => {
    expect(enabled('kubegate:strict')).toEqual({ plain: 'error', 'host-thing': 'error', 'root-thing': 'error' });
    expect(enabled('kubegate:all')).toEqual({ plain: 'warning', advice: 'info', 'host-thing': 'warning', 'root-thing': 'warning' });
  });

  it('the Pod Security Standards presets select their level, restricted including baseline', () => {
    expect(enabled('kubegate:pss-baseline')).toEqual({ 'host-thing': 'error' });
    expect(enabled('kubegate:pss-restricted')).toEqual({ 'host-thing': 'error', 'root-thing': 'error' });
  });
});
