import { describe, expect, it } from 'vitest';
import rule from '../../rules/template-value-error.js';
import { templateErrorIn } from '../../src/model/template-errors.js';
import { ruleTester, runSubject } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const formatError = (path: string, found: string, excerpt: string, line: number, column: number, endColumn: number) => ({ messageId: 'formatError', data: { path, found, excerpt }, line, column, endLine: line, endColumn });
const noValue = (path: string, excerpt: string, line: number, column: number, endColumn: number) => ({ messageId: 'noValue', data: { path, found: '<no value>', excerpt }, line, column, endLine: line, endColumn });
const nilValue = (path: string, excerpt: string, line: number, column: number, endColumn: number) => ({ messageId: 'nilValue', data: { path, found: '<nil>', excerpt }, line, column, endLine: line, endColumn });
// A printed map is the whole value, so what is quoted and the excerpt are the same.
const goMap = (path: string, found: string, line: number, column: number, endColumn: number) => ({ messageId: 'goMap', data: { path, found, excerpt: found }, line, column, endLine: line, endColumn });

const configMap = (data: string[]) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: settings}', 'data:', ...data, ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'Go templates and source kept as data, a percent sign, a Go type name, kubectl\'s applied copy, Secret data', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'printf verbs not yet filled, an exclamation after a percent, a map index',
      code: configMap(['  nginx: "%h %l %u %t %s"', '  alert: "disk at 95%!"', '  lua: "return shared.map[key]"', '  type: "map[string]string"']),
    },
    {
      name: 'a Secret\'s base64 data and a ConfigMap\'s binaryData are not read',
      code: ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: blobs}', 'binaryData:', '  weird: "%!s(<nil>)"', '---', 'apiVersion: v1', 'kind: Secret', 'metadata: {name: s}', 'data:', '  weird: "<nil>"', ''].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'rendered charts: a printf of a nil host, an extra argument, a printed map, Ingress hosts, a label, ConfigMap settings, a properties file, a Secret not quoted',
      fixture: 'invalid.yaml',
      errors: [
        goMap('spec.template.metadata.annotations.extra', 'map[team:payments tier:web]', 18, 16, 45),
        formatError('spec.template.spec.containers[0].args[1]', '%!(EXTRA string=eu-west-1)', '--region=us-east-1%!(EXTRA string=eu-west-1)', 24, 13, 59),
        formatError('spec.template.spec.containers[0].env[0].value', '%!s(<nil>)', '%!s(<nil>):5432/pgbouncer?sslmode=disable', 27, 20, 63),
        formatError('spec.tls[0].hosts[0]', '%!s(<nil>)', 'alerta.%!s(<nil>)', 41, 11, 30),
        formatError('spec.rules[0].host', '%!s(<nil>)', 'alerta.%!s(<nil>)', 44, 13, 32),
        formatError('metadata.labels.via_template', '%!s(<nil>)', '%!s(<nil>)-%!s(<nil>)', 58, 19, 42),
        nilValue('data.LOG_LEVEL', '<nil>', 69, 14, 19),
        nilValue('data.CACHE_URL', 'redis://<nil>:6379/0', 70, 14, 34),
        formatError('data.DB_PORT', '%!d(string=5432)', '%!d(string=5432)', 71, 12, 30),
        formatError('data.WORKERS', '%!d(float64=2.5)', '%!d(float64=2.5)', 72, 12, 30),
        // A file in a value: the key, and the line in the message.
        noValue('data["application.properties"]', 'spring.datasource.username=<no value>', 80, 3, 25),
        // A Secret's values are not quoted, nor what a fmt error shows of its argument.
        formatError('stringData.DATABASE_URL', '%!s(<nil>)', 'a Secret value, not shown', 92, 17, 58),
        formatError('stringData.PGPASSWORD_MIN_LENGTH', '%!d(string=…)', 'a Secret value, not shown', 93, 26, 47),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [formatError('spec.template.spec.containers[0].env[0].value', '%!s(<nil>)', '%!s(<nil>):5432/pgbouncer?sslmode=disable', 18, 22, 65)],
    },
    {
      name: 'every fmt error form, a missing argument, a panicking String method, an empty map',
      code: configMap([
        "  a: 'x %!s(MISSING)'",
        "  b: '%!(BADWIDTH)10'",
        "  c: '%!(NOVERB)'",
        "  d: '%!v(PANIC=String method: runtime error)'",
        "  e: 'map[]'",
        "  f: '[%!s(int=1) %!s(int=2)]'",
      ]),
      errors: [
        formatError('data.a', '%!s(MISSING)', 'x %!s(MISSING)', 5, 6, 22),
        formatError('data.b', '%!(BADWIDTH)', '%!(BADWIDTH)10', 6, 6, 22),
        formatError('data.c', '%!(NOVERB)', '%!(NOVERB)', 7, 6, 18),
        formatError('data.d', '%!v(PANIC=String method: runtime error)', '%!v(PANIC=String method: runtime error)', 8, 6, 47),
        goMap('data.e', 'map[]', 9, 6, 13),
        formatError('data.f', '%!s(int=1)', '[%!s(int=1) %!s(int=2)]', 10, 6, 31),
      ],
    },
    {
      name: 'outside an action on the same line, the marker counts; a CRD\'s fields and a List\'s items are read too',
      code: [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: monitoring.coreos.com/v1',
        '    kind: Probe',
        '    metadata: {name: blackbox}',
        '    spec:',
        '      targets:',
        '        staticConfig:',
        '          static: ["https://<no value>/healthz"]',
        '      prober: {url: "{{ .url }} <no value>"}',
        '',
      ].join('\n'),
      errors: [
        noValue('spec.targets.staticConfig.static[0]', 'https://<no value>/healthz', 10, 20, 48),
        noValue('spec.prober.url', '{{ .url }} <no value>', 11, 21, 44),
      ],
    },
    {
      name: 'markers spelled with escapes or split by an escaped line break are still found: the text search only rules out documents that cannot hold one',
      code: configMap(['  a: "\\u003cnil\\u003e"', '  b: "\\x25!s(MISSING)"', '  c: "x %\\', '    !d(string=y)"', '  d: "\\U0000003cno value>"', '  e: !!str map[a:b]', '  f: <no', '    value>']),
      errors: [
        nilValue('data.a', '<nil>', 5, 6, 23),
        formatError('data.b', '%!s(MISSING)', '%!s(MISSING)', 6, 6, 23),
        { ...formatError('data.c', '%!d(string=y)', 'x %!d(string=y)', 7, 6, 18), endLine: 8 },
        noValue('data.d', '<no value>', 9, 6, 27),
        goMap('data.e', 'map[a:b]', 10, 12, 20),
        noValue('data.f', '<no value>', 11, 6, 9),
      ],
    },
    {
      name: 'a collection two containers share through an alias is reported once, where it first appears',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '    - name: app',
        '      image: registry.example/app:1.0.0',
        '      env: &env',
        '        - {name: DB_HOST, value: "%!s(<nil>)"}',
        '    - name: worker',
        '      image: registry.example/app:1.0.0',
        '      env: *env',
        '',
      ].join('\n'),
      errors: [formatError('spec.containers[0].env[0].value', '%!s(<nil>)', '%!s(<nil>)', 9, 34, 46)],
    },
  ],
});

describe('template-value-error on hostile input', () => {
  it('reads each aliased collection once, so an alias bomb costs no more than its text', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'data:', '  a: &a ["%!s(<nil>)", "%!s(<nil>)"]'];
    for (let level = 1; level <= 40; level++) lines.push(`  l${level}: &l${level} [*${level === 1 ? 'a' : `l${level - 1}`}, *${level === 1 ? 'a' : `l${level - 1}`}]`);
    const started = performance.now();
    const { own } = runSubject({ kind: 'rule', rule }, { path: 'bomb.yaml', text: `${lines.join('\n')}\n` });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(own.map((finding) => finding.data?.path)).toEqual(['data.a[0]', 'data.a[1]']);
  });

  it('quotes a bounded part of a long value', () => {
    const found = templateErrorIn(`${'x'.repeat(500)}%!s(${'y'.repeat(500)})${'z'.repeat(500)}`);
    expect(found?.kind).toBe('formatError');
    expect(found!.found.length).toBeLessThanOrEqual(60);
    expect(found!.excerpt.length).toBeLessThanOrEqual(82);
    expect(found!.excerpt).toContain('%!s(');
  });
});
