import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as registeredRules } from '../rules/index.js';
import { docsToWrite, peersTableMarkdown } from '../scripts/gen-docs.js';
import { coverage, EXAMPLE_OFF_BY_DEFAULT, MIGRATING_DOC_PATH, mappedRuleIds, migratingMarkdown } from '../src/docs/migrating.js';
import { PEER_CHECKS, type PeerTool } from '../src/engine/peer-checks.js';
import { defineRule, type AnyRule } from '../src/engine/rule.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const REGENERATE = 'run npm run docs (or, for this file alone, npm run build && node dist/scripts/gen-docs.js --only migrating)';
const TOOLS = Object.keys(PEER_CHECKS) as PeerTool[];

/** The first cell of each row of the first table under a tool's heading: the checks the guide lists for it. */
function listedChecks(markdown: string, toolName: string): string[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(`${toolName}\n`));
  if (section === undefined) return [];
  const table = section.slice(section.indexOf('\n|')).split('\n\n')[0]!;
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!);
}

describe('docs/migrating.md', () => {
  const markdown = migratingMarkdown(registeredRules);

  it('is what the generator writes', () => {
    const path = `${ROOT}${MIGRATING_DOC_PATH}`;
    expect(existsSync(path), `${MIGRATING_DOC_PATH} is missing: ${REGENERATE}`).toBe(true);
    expect(readFileSync(path, 'utf8'), `${MIGRATING_DOC_PATH} is out of date: ${REGENERATE}`).toBe(markdown);
  });

  it('links only to rules kubegate has', () => {
    const known = new Set(registeredRules.map((rule) => rule.meta.id));
    const missing = mappedRuleIds().filter((id) => !known.has(id));
    expect(missing, `the kube-linter, Polaris and kube-score mapping (src/engine/peer-checks.ts) names rules that are not in rules/: ${missing.join(', ')}`).toEqual([]);
  });

  it.each(TOOLS)('lists every default check of %s, in its order, once', (tool) => {
    expect(listedChecks(markdown, PEER_CHECKS[tool].name)).toEqual(PEER_CHECKS[tool].defaults);
  });

  it('marks the rules that are off by default, from their meta', () => {
    const off = defineRule({
      meta: { id: 'cpu-request-missing', category: 'resources', severity: 'warning', enabledByDefault: false, description: 'd', rationale: 'r', remediation: 'f', messages: { m: 'm' }, appliesTo: 'workloads' },
      check() {},
    });
    const rulesWithOff: AnyRule[] = [...registeredRules.filter((rule) => rule.meta.id !== 'cpu-request-missing'), off];
    const withOff = migratingMarkdown(rulesWithOff);
    expect(withOff).toContain('| `unset-cpu-requirements` | [cpu-request-missing](rules.md#cpu-request-missing) (off by default) |');
    // Other mapped rules are off by default too (cpu-limit-missing), so it is listed among them.
    expect(withOff).toMatch(/ Of the rules below, these are: [^\n]*\[cpu-request-missing\]\(rules\.md#cpu-request-missing\)[,.]/);
    expect(markdown).not.toContain('[cpu-request-missing](rules.md#cpu-request-missing) (off by default)');
  });

  it('shows turning on a rule that the mapping names', () => {
    expect(mappedRuleIds()).toContain(EXAMPLE_OFF_BY_DEFAULT);
    expect(markdown).toContain(`rules:\n  ${EXAMPLE_OFF_BY_DEFAULT}: warning\n`);
  });
});

describe('the default checks of kube-linter, Polaris and kube-score', () => {
  it.each(TOOLS)('%s: each is either covered by rules or has a reason, never both', (tool) => {
    const mapping = PEER_CHECKS[tool];
    expect(new Set(mapping.defaults).size, 'a default check listed twice').toBe(mapping.defaults.length);
    for (const row of coverage(mapping)) {
      expect(row.rules.length > 0 !== (row.uncovered !== undefined), `${mapping.name} ${row.check}: rules or a reason, exactly one`).toBe(true);
    }
    for (const check of Object.keys(mapping.uncovered)) expect(mapping.defaults, `${mapping.name} ${check} has a reason but is not a default check`).toContain(check);
    for (const check of Object.keys(mapping.notes)) expect(mapping.checks[check], `${mapping.name} ${check} has a note but no rules`).toBeDefined();
  });

  it('are summed up in the README table, which points to the guide', () => {
    const table = peersTableMarkdown();
    for (const tool of TOOLS) {
      const { name, defaults } = PEER_CHECKS[tool];
      const covered = coverage(PEER_CHECKS[tool]).filter((row) => row.rules.length > 0).length;
      expect(table).toContain(`| ${name} | `);
      expect(table).toContain(` | ${covered} of ${defaults.length} |`);
    }
    expect(table).toContain(`[${MIGRATING_DOC_PATH}](${MIGRATING_DOC_PATH})`);
  });
});

describe('gen-docs arguments', () => {
  it('write everything, or the migration guide alone', () => {
    expect(docsToWrite([])).toBe('all');
    expect(docsToWrite(['--only', 'migrating'])).toBe('migrating');
    expect(docsToWrite(['--only=migrating'])).toBe('migrating');
    expect(() => docsToWrite(['--only', 'rules'])).toThrow(/usage: gen-docs \[--only migrating\]/);
    expect(() => docsToWrite(['--only', 'migrating', 'extra'])).toThrow(/unexpected arguments/);
  });
});
