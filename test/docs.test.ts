import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as registeredRules } from '../rules/index.js';
import { PEERS_END, PEERS_START, README_END, README_START, renderDocs, replaceReadmeTable } from '../scripts/gen-docs.js';
import { builtinRuleDocsUrl, HOMEPAGE } from '../src/core/tool.js';
import type { Source } from '../src/core/types.js';
import { docEntries, exampleFindings, readExamples, ruleDocMarkdown, ruleDocText, rulesTableMarkdown, type DocEntry, type Examples } from '../src/docs/rule-docs.js';
import { driftRules } from '../src/drift/rules/index.js';
import { DIAGNOSTIC_LIST } from '../src/engine/diagnostics.js';
import { defineRule, type AnyRule } from '../src/engine/rule.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STALE = 'run npm run docs';

// A rule that exists only here, so the docs are shown to work for any rule set, not just ours.
const emptyConfigMap = defineRule({
  meta: {
    id: 'acme/config-map-empty',
    category: 'resources',
    severity: 'warning',
    description: 'A ConfigMap | Secret holds no data.',
    rationale: 'Pods that mount it start with an empty directory.',
    remediation: 'Add `data`, or delete the object.',
    messages: { empty: 'ConfigMap "{{name}}" has no data; add `data` or delete it.' },
    appliesTo: ['ConfigMap'],
    docsUrl: 'https://acme.example/rules/config-map-empty',
  },
  check(resource, context) {
    if (resource.object.data === undefined) context.report({ messageId: 'empty', data: { name: resource.name }, path: ['metadata'], on: 'key' });
  },
});
const customRules: AnyRule[] = [emptyConfigMap];
const customEntry: DocEntry = docEntries(customRules).find((entry) => entry.meta.id === 'acme/config-map-empty')!;

const source = (text: string): Source => ({ path: 'example.yaml', text });
const examples = (invalid: string, valid: string): Examples => ({ invalid: { source: source(invalid), shown: invalid }, valid: { source: source(valid), shown: valid } });
const customExamples = examples('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n');

describe('generated docs are up to date', () => {
  const { rulesMarkdown, readmeTable, peersTable } = renderDocs(registeredRules, ROOT);

  it('README.md has the migration table generated from the mapping the engine uses', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const updated = replaceReadmeTable(readme, peersTable, [PEERS_START, PEERS_END]);
    expect(updated, `README.md needs ${PEERS_START} and ${PEERS_END}, then ${STALE}`).toBeDefined();
    expect(readme, `the migration table in README.md is out of date: ${STALE}`).toBe(updated);
  });

  it('docs/rules.md is what the generator writes', () => {
    const path = `${ROOT}docs/rules.md`;
    expect(existsSync(path), `docs/rules.md is missing: ${STALE}`).toBe(true);
    expect(readFileSync(path, 'utf8'), `docs/rules.md is out of date: ${STALE}`).toBe(rulesMarkdown);
  });

  it('README.md has the generated rule table between its markers', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const updated = replaceReadmeTable(readme, readmeTable);
    expect(updated, `README.md needs ${README_START} and ${README_END} around the rule table, then ${STALE}`).toBeDefined();
    expect(readme, `the rule table in README.md is out of date: ${STALE}`).toBe(updated);
  });
});

describe('renderDocs', () => {
  const { rulesMarkdown, readmeTable } = renderDocs(registeredRules, ROOT);
  const ids = [...registeredRules.map((rule) => rule.meta.id), ...DIAGNOSTIC_LIST.map((meta) => meta.id), ...driftRules.map((rule) => rule.meta.id)].sort();

  it('documents every rule, drift rule and input diagnostic, sorted by id, each once', () => {
    const headings = [...rulesMarkdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(ids);
    expect(rulesMarkdown.startsWith('# kubegate rules\n')).toBe(true);
    expect(readmeTable.split('\n')).toHaveLength(ids.length + 2);
  });

  it('replaces only the part between the README markers', () => {
    const readme = `# kubegate\n\nIntro.\n\n${README_START}\nold table\n${README_END}\n\nMore.\n`;
    expect(replaceReadmeTable(readme, '| new |')).toBe(`# kubegate\n\nIntro.\n\n${README_START}\n| new |\n${README_END}\n\nMore.\n`);
    expect(replaceReadmeTable('# kubegate\n', '| new |')).toBeUndefined();
    expect(replaceReadmeTable(`${README_END}\n${README_START}\n`, '| new |')).toBeUndefined();
  });
});

describe('rule docs', () => {
  it('derive built-in rules\' docs URL once, from the homepage and the rule id', () => {
    expect(builtinRuleDocsUrl('readiness-probe-missing')).toBe(`${HOMEPAGE}/blob/main/docs/rules.md#readiness-probe-missing`);
    for (const rule of registeredRules) expect(rule.meta.docsUrl).toBe(builtinRuleDocsUrl(rule.meta.id));
    const packageJson = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { homepage: string };
    expect(packageJson.homepage).toBe(HOMEPAGE);
  });

  it('render a section from meta, with what kubegate reports for each example', () => {
    const markdown = ruleDocMarkdown(customEntry, customExamples, customRules);
    expect(markdown).toContain('## acme/config-map-empty\n\nA ConfigMap | Secret holds no data.\n');
    expect(markdown).toContain('- Severity: warning\n- Category: resources\n- Applies to: ConfigMap\n');
    expect(markdown).toContain('### Why\n\nPods that mount it start with an empty directory.\n');
    expect(markdown).toContain('### How to fix\n\nAdd `data`, or delete the object.\n');
    expect(markdown).toContain('Invalid:\n\n```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n```\n\nkubegate reports:\n\n```text\n3:1 ConfigMap "settings" has no data; add `data` or delete it.\n```\n');
    expect(markdown).toContain('Valid:\n\n```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n```\n\nkubegate reports nothing for this rule.\n');
  });

  it('say which kinds a rule applies to, or that it is an input diagnostic', () => {
    const entries = docEntries(registeredRules);
    expect(entries.find((entry) => entry.meta.id === 'yaml-syntax-error')!.appliesTo).toBe('reported while reading input, for any file');
    expect(entries.find((entry) => entry.meta.id === 'readiness-probe-missing')!.appliesTo).toMatch(/^workloads \(.*apps\/Deployment.*argoproj\.io\/Rollout.*\)$/);
  });

  it('document options with their defaults', () => {
    const withOptions = defineRule({
      meta: { ...emptyConfigMap.meta, options: { schema: { type: 'object', properties: { min: { type: 'integer' } } }, defaults: { min: 1 } } },
      check() {},
    });
    const [entry] = docEntries([withOptions]).filter((candidate) => candidate.meta.id === withOptions.meta.id);
    expect(ruleDocMarkdown(entry!, customExamples, [withOptions])).toContain('### Options\n\nDefaults:\n\n```json\n{\n  "min": 1\n}\n```');
  });

  it('fence examples so backticks inside cannot end the block', () => {
    const fenced = examples(customExamples.invalid.shown, 'data:\n  script: |\n    ```\n');
    expect(ruleDocMarkdown(customEntry, fenced, customRules)).toContain('````yaml\ndata:\n  script: |\n    ```\n````');
  });

  it('render the same content as plain text for `kubegate explain`', () => {
    const text = ruleDocText(customEntry, customExamples, customRules);
    expect(text.startsWith('acme/config-map-empty (warning, resources)\n\nA ConfigMap | Secret holds no data.\nApplies to: ConfigMap\n')).toBe(true);
    expect(text).toContain('Why\n  Pods that mount it start with an empty directory.\n');
    expect(text).toContain('How to fix\n  Add `data`, or delete the object.\n');
    expect(text).toContain('Invalid example\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: settings\n  kubegate reports:\n    3:1 ConfigMap "settings" has no data; add `data` or delete it.\n');
    expect(text).toContain('  kubegate reports nothing for this rule.\n');
    expect(text.endsWith('Docs: https://acme.example/rules/config-map-empty\n')).toBe(true);
    expect(text).not.toContain('```');
  });

  it('list the rules in a table linking each to its section', () => {
    const entries = docEntries(customRules).filter((entry) => entry.meta.id === 'duplicate-key' || entry.meta.id === 'acme/config-map-empty').reverse();
    const lines = rulesTableMarkdown(entries).split('\n');
    expect(lines[0]).toBe('| Rule | Category | Severity | Description |');
    expect(lines[1]).toBe('| --- | --- | --- | --- |');
    // Sorted by id, whatever order the entries come in; a `|` in a description is escaped.
    expect(lines[2]).toBe('| [acme/config-map-empty](docs/rules.md#acme/config-map-empty) | resources | warning | A ConfigMap \\| Secret holds no data. |');
    expect(lines[3]).toMatch(/^\| \[duplicate-key\]\(docs\/rules\.md#duplicate-key\) \| input \| /);
  });
});

describe('examples', () => {
  it('are files, and a file that is not UTF-8 is shown with its bytes spelled out', () => {
    const { invalid } = readExamples(ROOT, 'invalid-encoding')!;
    expect(invalid.source.encodingError).toMatchObject({ line: 4, column: 12 });
    expect(invalid.shown).toContain('name: caf\\xe9');
  });

  it('report only the documented rule', () => {
    // The second document trips incomplete-resource, which is linted but not listed.
    expect(exampleFindings('acme/config-map-empty', source('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n'), customRules)).toEqual([
      '3:1 ConfigMap "a" has no data; add `data` or delete it.',
    ]);
  });

  it('fail loudly when a rule throws on its example', () => {
    const throwing = defineRule({ meta: emptyConfigMap.meta, check: () => { throw new Error('boom'); } });
    expect(() => exampleFindings('acme/config-map-empty', customExamples.invalid.source, [throwing])).toThrow(/linting the example of acme\/config-map-empty failed/);
  });
});
