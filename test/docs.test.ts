import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as registeredRules } from '../rules/index.js';
import { README_END, README_START, renderDocs, replaceReadmeTable } from '../scripts/gen-docs.js';
import { defineRule } from '../src/engine/define-rule.js';
import type { Rule } from '../src/engine/types.js';
import { exampleFindings, exampleSource, ruleDocMarkdown, ruleDocText, ruleHelpUri, rulesTableMarkdown } from '../src/report/rule-docs.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STALE = 'run npm run build && npm run docs';

const parseRules = registeredRules.filter((rule) => rule.meta.stage === 'parse');

// A rule that exists only here, so the docs are shown to work for any rule set, not just ours.
const emptyConfigMap = defineRule({
  meta: {
    id: 'config-map-empty',
    category: 'resources',
    severity: 'warning',
    description: 'A ConfigMap | Secret holds no data.',
    rationale: 'Pods that mount it start with an empty directory.',
    remediation: 'Add `data`, or delete the object.',
    messages: { empty: 'ConfigMap "{{name}}" has no data; add `data` or delete it.' },
    kinds: ['ConfigMap'],
    stage: 'resource',
    example: {
      invalid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n',
      valid: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n',
    },
  },
  check(resource, context) {
    if (resource.object.data === undefined) context.report({ messageId: 'empty', data: { name: resource.name }, path: ['metadata'], on: 'key' });
  },
}) as Rule;
const customRules = [...parseRules, emptyConfigMap];

describe('generated docs are up to date', () => {
  const { rulesMarkdown, readmeTable } = renderDocs(registeredRules);

  it('docs/rules.md is what the generator writes', () => {
    const path = `${ROOT}docs/rules.md`;
    expect(existsSync(path), `docs/rules.md is missing: ${STALE}`).toBe(true);
    expect(readFileSync(path, 'utf8'), `docs/rules.md is out of date: ${STALE}`).toBe(rulesMarkdown);
  });

  const readmePath = `${ROOT}README.md`;
  it.skipIf(!existsSync(readmePath))('README.md has the generated rule table between its markers (skipped while there is no README.md)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const updated = replaceReadmeTable(readme, readmeTable);
    expect(updated, `README.md needs ${README_START} and ${README_END} around the rule table, then ${STALE}`).toBeDefined();
    expect(readme, `the rule table in README.md is out of date: ${STALE}`).toBe(updated);
  });
});

describe('renderDocs', () => {
  const { rulesMarkdown, readmeTable } = renderDocs(registeredRules);

  it('documents every rule, sorted by id, each once', () => {
    const headings = [...rulesMarkdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(registeredRules.map((rule) => rule.meta.id).sort());
    expect(rulesMarkdown.startsWith('# kubegate rules\n')).toBe(true);
    expect(readmeTable.split('\n')).toHaveLength(registeredRules.length + 2);
  });

  it('replaces only the part between the README markers', () => {
    const readme = `# kubegate\n\nIntro.\n\n${README_START}\nold table\n${README_END}\n\nMore.\n`;
    expect(replaceReadmeTable(readme, '| new |')).toBe(`# kubegate\n\nIntro.\n\n${README_START}\n| new |\n${README_END}\n\nMore.\n`);
    expect(replaceReadmeTable('# kubegate\n', '| new |')).toBeUndefined();
    expect(replaceReadmeTable(`${README_END}\n${README_START}\n`, '| new |')).toBeUndefined();
  });
});

describe('rule docs', () => {
  it('derive the help URI from the package homepage and the rule id', () => {
    expect(ruleHelpUri('readiness-probe-missing')).toBe('https://github.com/kubegate/kubegate/blob/main/docs/rules.md#readiness-probe-missing');
  });

  it('render a section from meta, with what kubegate reports for each example', () => {
    const markdown = ruleDocMarkdown(emptyConfigMap, customRules);
    expect(markdown).toContain('## config-map-empty\n\nA ConfigMap | Secret holds no data.\n');
    expect(markdown).toContain('- Severity: warning\n- Category: resources\n- Applies to: ConfigMap\n');
    expect(markdown).toContain('### Why\n\nPods that mount it start with an empty directory.\n');
    expect(markdown).toContain('### How to fix\n\nAdd `data`, or delete the object.\n');
    expect(markdown).toContain('Invalid:\n\n```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n```\n\nkubegate reports:\n\n```text\n3:1 ConfigMap "settings" has no data; add `data` or delete it.\n```\n');
    expect(markdown).toContain('Valid:\n\n```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n```\n\nkubegate reports nothing for this rule.\n');
  });

  it('say which kinds a rule applies to, or that the parser reports it', () => {
    expect(ruleDocMarkdown(parseRules[0]!, customRules)).toContain('- Applies to: reported by the parser, for any file\n');
    const workloads = registeredRules.find((rule) => rule.meta.kinds === 'workloads');
    if (workloads) expect(ruleDocMarkdown(workloads)).toMatch(/- Applies to: workloads \(.*Deployment.*\)\n/);
  });

  it('fence examples so backticks inside cannot end the block', () => {
    const withFence = { ...emptyConfigMap, meta: { ...emptyConfigMap.meta, example: { ...emptyConfigMap.meta.example, valid: 'data:\n  script: |\n    ```\n' } } };
    expect(ruleDocMarkdown(withFence, customRules)).toContain('````yaml\ndata:\n  script: |\n    ```\n````');
  });

  it('render the same content as plain text for `kubegate explain`', () => {
    const text = ruleDocText(emptyConfigMap, customRules);
    expect(text.startsWith('config-map-empty (warning, resources)\n\nA ConfigMap | Secret holds no data.\nApplies to: ConfigMap\n')).toBe(true);
    expect(text).toContain('Why\n  Pods that mount it start with an empty directory.\n');
    expect(text).toContain('How to fix\n  Add `data`, or delete the object.\n');
    expect(text).toContain('Invalid example\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: settings\n  kubegate reports:\n    3:1 ConfigMap "settings" has no data; add `data` or delete it.\n');
    expect(text).toContain('  kubegate reports nothing for this rule.\n');
    expect(text.endsWith(`Docs: ${ruleHelpUri('config-map-empty')}\n`)).toBe(true);
    expect(text).not.toContain('```');
  });

  it('list the rules in a table linking each to its section', () => {
    const table = rulesTableMarkdown([parseRules[0]!, emptyConfigMap]);
    const lines = table.split('\n');
    expect(lines[0]).toBe('| Rule | Category | Severity | Description |');
    expect(lines[1]).toBe('| --- | --- | --- | --- |');
    // Sorted by id, whatever order the rules come in; a `|` in a description is escaped.
    expect(lines[2]).toBe('| [config-map-empty](docs/rules.md#config-map-empty) | resources | warning | A ConfigMap \\| Secret holds no data. |');
    expect(lines[3]).toMatch(/^\| \[duplicate-key\]\(docs\/rules\.md#duplicate-key\) \| input \| /);
  });
});

describe('examples', () => {
  it('treat \\xNN escapes that are not UTF-8 as the raw bytes of a file in another encoding', () => {
    const source = exampleSource('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\\xe9\n');
    expect(source.encodingError).toMatchObject({ line: 4, column: 12 });
  });

  it('leave escapes that decode alone, as YAML escapes', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\\x41"\n';
    expect(exampleSource(text)).toEqual({ path: 'example.yaml', text });
  });

  it('are linted with every rule given, and report only the documented rule', () => {
    // The second document trips the parser's incomplete-resource, which is linted but not listed.
    expect(exampleFindings(emptyConfigMap, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n', customRules)).toEqual([
      '3:1 ConfigMap "a" has no data; add `data` or delete it.',
    ]);
  });

  it('fail loudly when a rule throws on its example', () => {
    const throwing = { ...emptyConfigMap, check: () => { throw new Error('boom'); } } as Rule;
    expect(() => exampleFindings(throwing, throwing.meta.example.invalid, customRules)).toThrow(/linting the example of config-map-empty failed/);
  });
});
