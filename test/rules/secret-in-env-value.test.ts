import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/secret-in-env-value.js';
import { lint } from '../../src/engine/lint.js';
import { fixturePath, ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const env = (container: string, variable: string, kind: string, line: number, column: number, endColumn: number) => ({ messageId: 'env', data: { container, variable, kind }, ...at(line, column, endColumn) });
const configMap = (key: string, line: number, column: number, endColumn: number) => ({ messageId: 'configMap', data: { key }, ...at(line, column, endColumn) });

ruleTester(rule, {
  valid: [
    { name: 'secretKeyRef, expansions, empty values, flags, paths, placeholders, names about a secret, etcd tokens, a ConfigMap file', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'init, regular and ephemeral containers, a CronJob, camelCase and run-together names, ConfigMap keys',
      fixture: 'invalid.yaml',
      errors: [
        env('migrate', 'dbPassword', 'Deployment', 18, 22, 41),
        env('api', 'DB_PASSWORD', 'Deployment', 26, 22, 29),
        env('api', 'STRIPE_API_KEY', 'Deployment', 28, 22, 44),
        env('api', 'SESSION_SECRET', 'Deployment', 30, 22, 30),
        env('backup', 'AWS_SECRET_ACCESS_KEY', 'CronJob', 49, 26, 54),
        env('backup', 'PGPASSWORD', 'CronJob', 51, 26, 35),
        env('backup', 'GCSOAuthKey', 'CronJob', 53, 26, 46),
        env('debugger', 'GITHUB_TOKEN', 'Pod', 69, 18, 41),
        configMap('redis-password', 78, 19, 26),
        configMap('smtp.pass', 79, 14, 23),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [env('api', 'DB_PASSWORD', 'Deployment', 17, 22, 29)],
    },
    {
      name: 'a StatefulSet with a literal in a flow mapping',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers: [{name: db, image: "postgres:16.2", env: [{name: POSTGRES_PASSWORD, value: postgres}]}]\n',
      errors: [env('db', 'POSTGRES_PASSWORD', 'StatefulSet', 7, 94, 102)],
    },
  ],
});

describe('secret-in-env-value messages', () => {
  it('never hold the value they report', () => {
    const text = readFileSync(fixturePath('secret-in-env-value', 'invalid.yaml'), 'utf8');
    const findings = lint([{ path: 'invalid.yaml', text }], { rules: [rule] }).findings;
    expect(findings).toHaveLength(10);
    for (const secret of ['s3cr3t-migrations', 'hunter2', 'sk_test_not_a_real_key', 'changeme', 'not/a/real', 'backup-pw', 'not-a-real-oauth-key', 'not-a-real-github-token', 'r3d1s', 'mail-pass']) {
      for (const finding of findings) expect(`${finding.message} ${JSON.stringify(finding.data)}`).not.toContain(secret);
    }
  });
});
