/**
 * relocateFindings on a stored `helm template` output of test/fixtures/locate/charts/store, so the
 * Helm side runs without a helm binary; the first test holds the stored output to what the real
 * helm prints, where one is found.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding, LintResult, Source } from '../src/core/types.js';
import { lint } from '../src/engine/lint.js';
import { relocateFindings } from '../src/render/locate.js';
import { available, helmBinary, ROOT } from './support/tools.js';

const CHART = path.join(ROOT, 'test/fixtures/locate/charts/store');
const STORED = path.join(ROOT, 'test/fixtures/locate/charts/store.rendered.yaml');
const source: Source = { path: 'test/fixtures/locate/charts/store', text: readFileSync(STORED, 'utf8'), origin: { kind: 'rendered', renderer: 'helm', input: CHART } };
const before = lint([source], { rules });
const after = relocateFindings(before, [source], ROOT);

function lineAt(finding: Finding): string {
  return readFileSync(path.join(ROOT, finding.file), 'utf8').split('\n')[finding.range.line - 1]!.trim();
}

describe('the stored rendering', () => {
  it.runIf(available('helm'))('is what helm template prints for the chart', () => {
    expect(execFileSync(helmBinary!, ['template', 'shop', CHART], { encoding: 'utf8' })).toBe(source.text);
  });
});

describe('relocateFindings', () => {
  it('moves every finding of the chart to a template, keeps their number, and sorts them by file and line', () => {
    expect(before.findings.length).toBeGreaterThan(8);
    expect(after.findings).toHaveLength(before.findings.length);
    expect(after.findings.filter((finding) => finding.file === source.path)).toEqual([]);
    const order = after.findings.map((finding) => [finding.file, finding.range.line] as const);
    expect([...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))).toEqual(order);
  });

  it('never puts a finding on a line that holds another key of the object', () => {
    for (const finding of after.findings) {
      const text = lineAt(finding);
      const key = /^(?:- )?([\w./-]+):/.exec(text)?.[1];
      const path = (finding.path ?? []).filter((segment): segment is string => typeof segment === 'string');
      // A line with a key holds one of the path's keys (or `name` of a list item the path goes through).
      if (key !== undefined && finding.path !== undefined && finding.path.length > 0) {
        expect([...path, 'name', 'apiVersion'], `${finding.ruleId} at ${finding.file}:${finding.range.line} (${text})`).toContain(key);
      }
    }
  });

  it('places a finding without a path on the template line written as rendered', () => {
    const ambiguous = after.findings.find((finding) => finding.ruleId === 'yaml-version-ambiguity')!;
    expect(ambiguous.file).toBe('test/fixtures/locate/charts/store/templates/settings.yaml');
    expect(lineAt(ambiguous)).toBe('legacy-mode: yes');
    expect(ambiguous.range.column).toBe('  legacy-mode: '.length + 1);
    const rendered = before.findings.find((finding) => finding.ruleId === 'yaml-version-ambiguity')!;
    expect(ambiguous.related).toEqual([{ file: source.path, range: rendered.range, message: 'as rendered by helm template' }]);
  });

  it('keeps the template and its line as the finding\'s origin', () => {
    for (const finding of after.findings) {
      expect(finding.origin?.line).toBe(finding.range.line);
      expect(path.join('test/fixtures/locate/charts', finding.origin!.file)).toBe(finding.file);
    }
  });

  it('returns the same result when nothing was rendered, and leaves other files alone', () => {
    expect(relocateFindings(before, [], ROOT)).toBe(before);
    const plain: LintResult = { ...before, findings: before.findings.map(({ related: _related, ...finding }) => ({ ...finding, file: 'other.yaml' })) };
    expect(relocateFindings(plain, [source], ROOT)).toBe(plain);
  });

  it('moves a related location in the rendered output, keeping its message, even when the finding itself stays', () => {
    const spread = before.findings.find((finding) => finding.ruleId === 'replicas-without-spread')!;
    const service = spread.related!.find((location) => location.resource?.kind === 'Service')!;
    expect(service.file).toBe(source.path);
    const [moved] = relocateFindings({ ...before, findings: [{ ...spread, file: 'other.yaml' }] }, [source], ROOT).findings;
    expect(moved!.file).toBe('other.yaml');
    const movedService = moved!.related!.find((location) => location.resource?.kind === 'Service')!;
    expect(movedService).toMatchObject({ file: 'test/fixtures/locate/charts/store/templates/web.yaml', message: service.message });
    expect(readFileSync(path.join(ROOT, movedService.file), 'utf8').split('\n')[movedService.range.line - 1]!.trim()).toBe('selector:');
  });

  it('drops a fix written for the rendered text, which the template does not have', () => {
    const finding = before.findings.find((candidate) => candidate.ruleId === 'mutable-image-tag')!;
    const withFix: Finding = { ...finding, fix: { file: source.path, edits: [{ start: 0, end: 1, text: 'x' }] } };
    const [moved] = relocateFindings({ ...before, findings: [withFix] }, [source], ROOT).findings;
    expect(moved!.file).toBe('test/fixtures/locate/charts/store/charts/cache/templates/statefulset.yaml');
    expect(moved!.fix).toBeUndefined();
  });

  it('shows paths relative to the working directory, with ../ when the chart is outside it', () => {
    const elsewhere = relocateFindings(before, [source], path.join(ROOT, 'src'));
    expect(elsewhere.findings.every((finding) => finding.file.startsWith('../test/fixtures/locate/charts/store/'))).toBe(true);
  });
});
