import { describe, expect, it } from 'vitest';
import { ignoredBy, isObjectName, NOT_NAME } from '../src/model/names.js';
import { modelOf, resourceNamed } from './support/model.js';

describe('object names', () => {
  it('are lowercase DNS subdomains; placeholders are not names', () => {
    for (const name of ['web', 'web-1', 'a.b.c', '0db', 'x']) expect(isObjectName(name), name).toBe(true);
    for (const name of ['$SA_NAME', '<KSA_NAME>', 'KSA_NAME', '${APP}', '-web', 'web-', 'web.', '', 'Web', 'a_b']) expect(isObjectName(name), name).toBe(false);
  });

  it('are split out of free text at anything a name cannot hold', () => {
    expect('--secret-name=web-tls,db.creds "x_y"'.split(NOT_NAME)).toEqual(['--secret-name', 'web-tls', 'db.creds', 'x_y', '']);
  });
});

describe('ignore options', () => {
  const { resources } = modelOf(
    [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-leader-election}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app.v2-lock}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: appxv2-lock}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dashboards, labels: {grafana_dashboard: "1"}}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typed, labels: {tier: cache, level: 1}}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\n',
    ].join('---\n'),
  );
  const named = (name: string) => resourceNamed(resources, 'ConfigMap', name);

  it('match names as shell globs, with dots and other characters taken literally', () => {
    const isIgnored = ignoredBy({ ignore: ['*-leader-election', 'app.v?-lock'], ignoreLabels: [] });
    expect(isIgnored(named('app-leader-election'))).toBe(true);
    expect(isIgnored(named('app.v2-lock'))).toBe(true);
    // `.` in a pattern is a dot, not any character.
    expect(isIgnored(named('appxv2-lock'))).toBe(false);
    expect(isIgnored(named('plain'))).toBe(false);
  });

  it('match labels by key alone or by key=value, as written', () => {
    expect(ignoredBy({ ignore: [], ignoreLabels: ['grafana_dashboard'] })(named('dashboards'))).toBe(true);
    expect(ignoredBy({ ignore: [], ignoreLabels: ['tier=cache'] })(named('typed'))).toBe(true);
    expect(ignoredBy({ ignore: [], ignoreLabels: ['tier=db'] })(named('typed'))).toBe(false);
    // A label value that is not a string is no valid label.
    expect(ignoredBy({ ignore: [], ignoreLabels: ['level=1'] })(named('typed'))).toBe(false);
    expect(ignoredBy({ ignore: [], ignoreLabels: ['grafana_dashboard'] })(named('plain'))).toBe(false);
    // A label key that names a member of every JavaScript object is still only a label.
    expect(ignoredBy({ ignore: [], ignoreLabels: ['constructor', 'toString'] })(named('plain'))).toBe(false);
  });
});
