import { describeResource } from '../core/format.js';
import { isActive, type Finding, type LintResult } from '../core/types.js';
import { pathInside } from './path.js';
import type { ChunkedReporter, Reporter } from './types.js';

/** Text as XML attribute or element content; characters XML 1.0 cannot hold at all are dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * JUnit XML for CI systems that show test reports: a test suite per file, a test case per
 * finding, failed for errors and warnings alike (the exit code is what decides the run); info
 * findings are recorded as passing cases with their message in `system-out`.
 */
export const junitChunks: ChunkedReporter = function* (result: LintResult, context) {
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (!isActive(finding)) continue;
    const file = pathInside(finding.file, context.cwd) ?? finding.file;
    const list = byFile.get(file);
    if (list) list.push(finding);
    else byFile.set(file, [finding]);
  }
  const failures = [...byFile.values()].flat().filter((finding) => finding.severity !== 'info').length;
  const total = [...byFile.values()].reduce((sum, list) => sum + list.length, 0);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubegate" tests="${total}" failures="${failures}">\n`;
  for (const [file, findings] of byFile) {
    const failed = findings.filter((finding) => finding.severity !== 'info').length;
    yield `  <testsuite name="${xml(file)}" tests="${findings.length}" failures="${failed}">\n`;
    for (const finding of findings) {
      const where = `${file}:${finding.range.line}:${finding.range.column}`;
      const name = `${finding.ruleId} ${finding.resource ? describeResource(finding.resource) : where}`;
      const head = `    <testcase classname="${xml(finding.ruleId)}" name="${xml(name)}" file="${xml(file)}" line="${finding.range.line}">`;
      if (finding.severity === 'info') yield `${head}<system-out>${xml(`${where} ${finding.message}`)}</system-out></testcase>\n`;
      else yield `${head}<failure type="${finding.severity}" message="${xml(finding.message)}">${xml(`${where} ${finding.message}`)}</failure></testcase>\n`;
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
};

export const junitReporter: Reporter = (result, context) => [...junitChunks(result, context)].join('');
