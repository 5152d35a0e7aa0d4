/**
 * kubegate against real manifests written by others (`KUBEGATE_CORPUS`, a folder; CI points it at
 * ../shared/corpus). The fixtures are ours and small; this is where crashes, lost files and
 * positions that drift from the YAML library show up. The corpus is never copied into the repo.
 */
import { spawnSync } from 'node:child_process';
import { toolEnv } from './support/tools.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/engine/lint.js';
import type { LintResult, Source } from '../src/core/types.js';
import { buildModel } from '../src/engine/model.js';
import { loadSources } from '../src/load/sources.js';
import { sarifSchemaValidator } from './support/sarif-schema.js';
import { compareLocators, type DifferentialStats } from './support/locator-differential.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const setting = process.env.KUBEGATE_CORPUS;
const corpus = setting ? path.resolve(process.cwd(), setting) : undefined;

/**
 * The differential parses every document with the `yaml` library, the slow parser kubegate avoids;
 * a few dozen paths per document still cover keys, values, sequence items and nesting while
 * keeping the whole corpus under a minute on two cores.
 */
const PATHS_PER_DOCUMENT = 30;
const SLOW = 180_000;

const inCI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());
const SKIP_REASON = 'corpus: skipped because KUBEGATE_CORPUS is not set (e.g. KUBEGATE_CORPUS=../shared/corpus npx vitest run test/corpus.test.ts)';
// The default reporter folds a skipped file into a count; say it on stderr so nobody reads the
// skip as "the corpus passed".
if (corpus === undefined && !inCI) console.warn(`kubegate ${SKIP_REASON}`);

describe.runIf(corpus === undefined && inCI)('corpus in CI', () => {
  it('is provided', () => {
    expect.fail('KUBEGATE_CORPUS is not set, but CI must lint the corpus: set KUBEGATE_CORPUS=../shared/corpus in the workflow');
  });
});

describe.skipIf(corpus === undefined)(
  corpus ? `corpus at ${corpus}` : SKIP_REASON,
  () => {
    let sources: Source[] = [];
    let loadErrors: string[] = [];
    let result: LintResult;

    beforeAll(async () => {
      const loaded = await loadSources([corpus!], { cwd: ROOT, readStdin: async () => new Uint8Array() });
      sources = loaded.sources;
      loadErrors = loaded.errors;
      result = lint(sources, { rules });
    }, SLOW);

    it('loads every file and lints without internal errors', () => {
      expect(loadErrors).toEqual([]);
      expect(sources.length).toBeGreaterThan(0);
      expect(result.internalErrors).toEqual([]);
    });

    it('gives every finding a position inside the file', () => {
      const byPath = new Map(sources.map((source) => [source.path, source]));
      const lineCounts = new Map<string, number>();
      const lineCount = (source: Source) => {
        let count = lineCounts.get(source.path);
        if (count === undefined) {
          // A file that failed to decode has no text; its position was counted in the raw bytes.
          count = source.encodingError ? Infinity : source.text.split('\n').length;
          lineCounts.set(source.path, count);
        }
        return count;
      };
      const bad = result.findings
        .filter(({ file, range }) => {
          const source = byPath.get(file);
          const lines = source ? lineCount(source) : 0;
          return (
            source === undefined ||
            range.line < 1 ||
            range.column < 1 ||
            range.endLine < range.line ||
            (range.endLine === range.line && range.endColumn <= range.column) ||
            range.endLine > lines
          );
        })
        .map((finding) => `${finding.file}:${finding.range.line}:${finding.range.column}-${finding.range.endLine}:${finding.range.endColumn} ${finding.ruleId}`);
      expect(bad).toEqual([]);
    });

    it('accounts for every file: a resource, a finding or a skip, never silence', () => {
      const accounted = new Set<string>([...result.findings.map((finding) => finding.file), ...result.skips.map((skip) => skip.file)]);
      // lint() reports counts, not which file a resource came from, so ask the parser directly,
      // and only for the files the findings and skips do not already explain.
      const silent = sources.filter((source) => !accounted.has(source.path) && buildModel([source]).resources.length === 0).map((source) => source.path);
      expect(silent).toEqual([]);
    });

    it(
      'locates every sampled path where the yaml library does',
      () => {
        const stats: DifferentialStats = { compared: 0, fastAnswered: 0, disagreements: [] };
        const byFile: string[] = [];
        for (const source of sources) {
          if (!/\.ya?ml$/i.test(source.path) || source.encodingError) continue;
          const before = stats.disagreements.length;
          compareLocators(source.text, stats, PATHS_PER_DOCUMENT);
          for (const d of stats.disagreements.slice(before)) {
            byFile.push(`${source.path} document ${d.document} ${JSON.stringify(d.path)} (${d.on}): fast ${d.fast}, yaml ${d.yaml}`);
          }
        }
        expect(stats.fastAnswered).toBeGreaterThan(0);
        expect(byFile).toEqual([]);
      },
      SLOW,
    );

    describe('the CLI writing SARIF for the whole corpus', () => {
      let scratch: string;
      beforeAll(() => {
        scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-corpus-'));
      });
      afterAll(() => {
        rmSync(scratch, { recursive: true, force: true });
      });

      it(
        'exits 0 or 1 without a stack trace and writes a region for every result',
        () => {
          const output = path.join(scratch, 'corpus.sarif');
          const child = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kubegate.cjs'), corpus!, '--format', 'sarif', '-o', output], {
            cwd: ROOT,
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
            // The corpus holds a chart, which the CLI renders with the real helm.
            env: { ...process.env, ...toolEnv() },
          });
          const context = `exit ${child.status}${child.signal ? ` (signal ${child.signal})` : ''}, stderr:\n${child.stderr}`;
          expect([0, 1], context).toContain(child.status);
          expect(child.stderr.split('\n').filter((line) => /^\s+at /.test(line)), context).toEqual([]);

          const sarif = JSON.parse(readFileSync(output, 'utf8')) as {
            runs: { results?: { ruleId?: string; locations?: { physicalLocation?: { region?: { startLine?: number; startColumn?: number } } }[] }[] }[];
          };
          const results = sarif.runs.flatMap((run) => run.results ?? []);
          // `npm test` builds the CLI first, so it runs the same code as this process.
          expect(results.length).toBe(result.findings.length);
          const withoutRegion = results
            .filter((r) => {
              const region = r.locations?.[0]?.physicalLocation?.region;
              return !(typeof region?.startLine === 'number' && region.startLine >= 1 && typeof region.startColumn === 'number' && region.startColumn >= 1);
            })
            .map((r) => `${r.ruleId}: ${JSON.stringify(r.locations)}`);
          expect(withoutRegion).toEqual([]);
          expect(sarifSchemaValidator()(sarif)).toBe('No errors');
        },
        SLOW,
      );
    });
  },
);
