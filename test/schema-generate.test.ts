/**
 * schemas/kubernetes/ is generated from the official specs in ../shared/k8s-api (beside the
 * clone, as in CI) by scripts/gen-schemas.ts; this regenerates it and compares the bytes, so the
 * committed schemas cannot drift from their script or their inputs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSchemas, readInput } from '../scripts/gen-schemas.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = path.resolve(ROOT, '..', 'shared', 'k8s-api');
const inCI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());
const present = existsSync(path.join(INPUT, 'openapi'));

if (!present && !inCI) console.warn(`kubegate schema-generate: skipped because ${INPUT} is missing (the specs the bundled schemas come from)`);

describe.runIf(!present && inCI)('the Kubernetes specs in CI', () => {
  it('are beside the clone', () => {
    expect.fail(`${INPUT} is missing: CI must check out the shared folder beside the repository, or the bundled schemas go untested`);
  });
});

describe.runIf(present)('schemas/kubernetes', () => {
  it('is what scripts/gen-schemas.ts writes from ../shared/k8s-api, byte for byte (run `npm run schemas`)', () => {
    const output = generateSchemas(readInput(INPUT));
    const committed = readdirSync(path.join(ROOT, 'schemas', 'kubernetes')).sort();
    expect(committed).toEqual(Object.keys(output.files).sort());
    for (const [file, content] of Object.entries(output.files)) {
      expect(readFileSync(path.join(ROOT, 'schemas', 'kubernetes', file), 'utf8') === content, `schemas/kubernetes/${file} differs from what the generator writes`).toBe(true);
    }
  }, 120_000);
});
