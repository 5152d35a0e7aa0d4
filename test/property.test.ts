/**
 * kubegate's promise under hostile input, on a small budget: no input crashes a run, every
 * finding's range lies inside its file, no input takes unbounded time. The inputs and the oracle
 * (`checkInput`) live in bench/mutations.ts; `npm run fuzz` runs the same arbitraries for 100,000
 * cases. The seed is fixed so a failure here is repeatable; fast-check prints the shrunk
 * counterexample (its label says how it was made) and `checkInput`'s reason.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/engine/lint.js';
import { checkInput, hostileArbitraries, loadSeeds, REPRODUCERS, TEST_SIZES, type FuzzCase, type FuzzInput } from '../bench/mutations.js';

const SEED = 20_260_611;
const arbitraries = hostileArbitraries(TEST_SIZES);

/**
 * Asserts the promise for `numRuns` cases of one arbitrary. A property still running after 30 s
 * fails (with the counterexample shrunk so far), so slow inputs cannot stall the suite.
 */
function holdsFor(arbitrary: fc.Arbitrary<FuzzCase>, numRuns: number): void {
  fc.assert(
    fc.property(arbitrary, (fuzzCase) => {
      const result = checkInput(fuzzCase.input);
      if (!result.ok) throw new Error(`${result.kind}: ${result.reason}`);
    }),
    { seed: SEED, numRuns, plugins: [fc.interruptAfterTimeLimit(30_000, { failOnInterrupt: true })] },
  );
}

/** The reason, so a failing test says what went wrong rather than `false !== true`. */
function outcome(input: FuzzInput): string {
  const result = checkInput(input);
  return result.ok ? 'ok' : `${result.kind}: ${result.reason}`;
}

function reproducer(name: string): string {
  const found = REPRODUCERS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no reproducer named ${JSON.stringify(name)}`);
  return found.text;
}

describe('hostile input (property, fixed seed)', () => {
  it('every fixture and docs example, as it is', () => {
    const failures = loadSeeds()
      .map((seed) => ({ name: seed.name, outcome: outcome(seed.bytes) }))
      .filter((result) => result.outcome !== 'ok');
    expect(failures).toEqual([]);
  });

  it('fixtures with stacked mutations (lines, indentation, truncation, YAML syntax, hostile characters, byte flips)', () => {
    holdsFor(arbitraries.mutatedFixture, 700);
  });

  it('two fixtures spliced', () => {
    holdsFor(arbitraries.splicedFixtures, 250);
  });

  it('generated Kubernetes-shaped YAML, block and flow style', () => {
    holdsFor(arbitraries.generatedYaml, 600);
  });

  it('generated YAML with mutations', () => {
    holdsFor(arbitraries.mutatedGenerated, 400);
  });

  it('YAML token soup', () => {
    holdsFor(arbitraries.tokenSoup, 600);
  });

  it('random bytes through the decoder', () => {
    holdsFor(arbitraries.randomBytes, 300);
  });

  it('the known reproducers with mutations', () => {
    holdsFor(arbitraries.mutatedReproducer, 150);
  });

  it('generated YAML mostly reaches the rules', () => {
    // Not part of the promise: a check that the generator makes objects the rules look at.
    const cases = fc.sample(arbitraries.generatedYaml, { seed: SEED, numRuns: 200 });
    let linted = 0;
    let ruled = 0;
    for (const { input } of cases) {
      const result = lint([{ path: 'fuzz.yaml', text: input as string }], { rules });
      if (result.resourceCount > 0) linted++;
      if (result.findings.some((finding) => rules.some((rule) => rule.meta.id === finding.ruleId))) ruled++;
    }
    expect(linted).toBeGreaterThan(cases.length * 0.4);
    expect(ruled).toBeGreaterThan(cases.length * 0.15);
  });
});

describe('known reproducers', () => {
  it('an undefined alias: a: *x', () => {
    expect(outcome(reproducer('undefined alias'))).toBe('ok');
  });

  it('an empty merge key: <<:', () => {
    expect(outcome(reproducer('empty merge key'))).toBe('ok');
  });

  it('a merge cycle: a: &a {<<: *b} / b: &b {<<: *a}', () => {
    expect(outcome(reproducer('merge cycle'))).toBe('ok');
  });

  it('an alias bomb: nine levels of ten aliases over one {{ .Values.x }}', () => {
    expect(outcome(reproducer('alias bomb'))).toBe('ok');
  });

  it('1000 levels of [ ], closed', () => {
    expect(outcome(reproducer('deep flow nesting (1000 levels of [)'))).toBe('ok');
  });

  it('1000 levels of [, never closed', () => {
    expect(outcome(reproducer('deep unclosed flow nesting (1000 levels of [)'))).toBe('ok');
  });

  it('1000 levels of indented mappings', () => {
    expect(outcome(reproducer('deep block nesting (1000 levels of mappings)'))).toBe('ok');
  });

  it('a duplicate key', () => {
    expect(outcome(reproducer('duplicate key'))).toBe('ok');
  });
});
