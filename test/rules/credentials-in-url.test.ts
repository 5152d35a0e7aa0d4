import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/credentials-in-url.js';
import { lint } from '../../src/engine/lint.js';
import { fixturePath, ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const env = (container: string, variable: string, kind: string, url: string, line: number, column: number, endColumn: number) => ({ messageId: 'env', data: { container, variable, kind, url }, ...at(line, column, endColumn) });
const argument = (container: string, field: string, kind: string, url: string, line: number, column: number, endColumn: number) => ({ messageId: 'argument', data: { container, field, kind, url }, ...at(line, column, endColumn) });
const configMap = (key: string, url: string, line: number, column: number, endColumn: number) => ({ messageId: 'configMap', data: { key, url }, ...at(line, column, endColumn) });

const pod = (value: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: sync}\nspec:\n  containers:\n    - name: sync\n      image: registry.example/sync:1.0.0\n      env:\n        - name: REMOTE\n          value: ${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'no userinfo, a user alone, format verbs, $(VAR) and ${VAR}, an empty password, documentation slots, a Secret, a templated file', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'an @ after the path is no userinfo', code: pod('https://example.com/user:pass@host') },
  ],
  invalid: [
    {
      name: 'args of an init container, command, env, an unescaped @ in a password, several hosts, a CronJob, a ConfigMap file with two URLs',
      fixture: 'invalid.yaml',
      errors: [
        argument('wait-for-broker', 'args', 'Deployment', 'amqp://guest:***@rabbitmq:5672', 16, 27, 62),
        argument('orders', 'command', 'Deployment', 'redis://:***@redis:6379', 22, 15, 50),
        env('orders', 'DATABASE_URL', 'Deployment', 'postgres://orders:***@postgres.shop.svc:5432', 25, 22, 93),
        env('orders', 'MONGO_URL', 'Deployment', 'mongodb://app:***@mongo-0.mongo,mongo-1.mongo', 27, 22, 75),
        argument('git', 'args', 'CronJob', 'https://x-access-token:***@git.example.com', 44, 31, 105),
        configMap('application.properties', 'postgresql://orders:***@postgres:5432', 52, 3, 25),
        configMap('application.properties', 'amqp://orders:***@rabbitmq:5672', 52, 3, 25),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [env('orders', 'DATABASE_URL', 'Deployment', 'postgres://orders:***@postgres:5432', 17, 22, 68)],
    },
    {
      name: 'a user name that is the token is masked too',
      code: pod('https://abc123def456ghi789jkl012:x-oauth-basic@github.com/shop/catalog.git'),
      errors: [env('sync', 'REMOTE', 'Pod', 'https://***:***@github.com', 10, 18, 92)],
    },
  ],
});

describe('credentials-in-url messages', () => {
  it('never hold the password they report', () => {
    const text = readFileSync(fixturePath('credentials-in-url', 'invalid.yaml'), 'utf8');
    const findings = lint([{ path: 'invalid.yaml', text }], { rules: [rule] }).findings;
    expect(findings).toHaveLength(7);
    for (const password of [':guest@', 'r3d1s', 'hunter2', 'p@ss', 'not-a-real-token', 'orders-pw']) {
      for (const finding of findings) expect(`${finding.message} ${JSON.stringify(finding.data)}`).not.toContain(password);
    }
  });
});
