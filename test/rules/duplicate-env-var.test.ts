import rule from '../../rules/duplicate-env-var.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const found = (container: string, variable: string, first: string, second: string, at: [number, number], before: [number, number]) => ({
  messageId: 'duplicate',
  data: { container, variable, first, second },
  line: at[0],
  column: at[1],
  endLine: at[0],
  endColumn: at[1] + variable.length,
  related: [{ line: before[0], column: before[1], message: `"${variable}" set here before` }],
});

/** A Pod whose one container has these env entries, one per line in flow style. */
const pod = (entries: string[]) =>
  ['apiVersion: v1', 'kind: Pod', 'metadata: {name: api}', 'spec:', '  containers:', '    - name: api', '      image: registry.example/api:2.3.1', '      env:', ...entries.map((entry) => `        - ${entry}`), ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'one name in two containers, env over envFrom, names differing in case, composition through another name', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'entries without a name are left to schema validation', code: pod(['{value: a}', '{value: b}', '{name: "", value: c}', '{name: "", value: d}']) },
  ],
  invalid: [
    {
      name: 'init container Secrets, a value overriding a value and a fieldRef, a composed PATH in a CronJob, three copies',
      fixture: 'invalid.yaml',
      errors: [
        found('migrate', 'DB_PASSWORD', 'Secret "db-credentials" key "password"', 'Secret "db-admin" key "password"', [21, 21], [18, 21]),
        found('api', 'LOG_LEVEL', 'value "info"', 'value "debug"', [33, 21], [28, 21]),
        found('api', 'POD_IP', 'field status.podIP', 'value "0.0.0.0"', [38, 22], [35, 21]),
        {
          messageId: 'composed',
          data: { container: 'report', variable: 'PATH', first: 'value "/usr/local/bin:/usr/bin:/bin"', second: 'value "/opt/report/bin:$(PATH)"' },
          line: 59,
          column: 25,
          endLine: 59,
          endColumn: 29,
          related: [{ line: 57, column: 25, message: '"PATH" set here before' }],
        },
        found('search', 'JAVA_OPTS', 'value "-Xms512m"', 'value "-Xmx1g"', [79, 22], [78, 22]),
        found('search', 'JAVA_OPTS', 'value "-Xmx1g"', 'ConfigMap "search-jvm" key "opts"', [80, 21], [79, 22]),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [found('api', 'LOG_LEVEL', 'value "info"', 'value "debug"', [20, 21], [16, 21])],
    },
    {
      name: 'values of secret-looking names and long values are not repeated; numbers and empty entries are described',
      code: pod([
        '{name: SIGNING_KEY, value: c2lnbmF0dXJl}',
        '{name: SIGNING_KEY}',
        '{name: PORT, value: 8080}',
        '{name: PORT, value: "8081"}',
        '{name: JAVA_OPTS, value: "-Xms512m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=200"}',
        '{name: JAVA_OPTS, value: -Xmx2g}',
      ]),
      errors: [
        found('api', 'SIGNING_KEY', 'a value', 'an empty value', [10, 18], [9, 18]),
        found('api', 'PORT', 'value "8080"', 'value "8081"', [12, 18], [11, 18]),
        found('api', 'JAVA_OPTS', 'a value', 'value "-Xmx2g"', [14, 18], [13, 18]),
      ],
    },
  ],
});
