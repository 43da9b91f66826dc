/**
 * Property-based tests: any experiment file (data or mutated text) and any model definition gives
 * a successful run or one named SpikeflowError — never another exception. A few hundred cases
 * here; `pnpm fuzz` runs 10,000 and counts crashes and hangs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { experimentData, experimentText, modelDefinition, runExperimentCase, runModelCase, type Outcome } from './fuzz/arbitraries.js';

const RUNS = Number(process.env.FUZZ_CASES ?? 150);
const noCrash = (o: Outcome) => {
  if (o.kind === 'crash') throw o.error instanceof Error ? o.error : new Error(String(o.error));
  return true;
};

describe('fuzzing (fast-check): a run or one named error, never a crash', () => {
  it(`experiment data (${RUNS} cases, seed 1)`, async () => {
    const outcomes: Outcome[] = [];
    await fc.assert(fc.asyncProperty(experimentData, async (d) => noCrash(await record(outcomes, runExperimentCase(d)))), { numRuns: RUNS, seed: 1 });
    // The generator reaches both sides: some files run, some are refused.
    expect(outcomes.some((o) => o.kind === 'ran')).toBe(true);
    expect(outcomes.some((o) => o.kind === 'named')).toBe(true);
  });

  it(`experiment text, JSON and YAML with edits (${RUNS} cases, seed 2)`, async () => {
    await fc.assert(fc.asyncProperty(experimentText, async (t) => noCrash(await runExperimentCase(t))), { numRuns: RUNS, seed: 2 });
  });

  it(`model definitions with random expressions (${RUNS} cases, seed 3)`, async () => {
    const outcomes: Outcome[] = [];
    await fc.assert(fc.asyncProperty(modelDefinition, async (m) => noCrash(await record(outcomes, runModelCase(m)))), { numRuns: RUNS, seed: 3 });
    expect(outcomes.some((o) => o.kind === 'ran')).toBe(true);
  });
});

/**
 * `pnpm fuzz`: FUZZ_REPORT=1 FUZZ_CASES=10000 — samples that many cases of each generator (seed
 * FUZZ_SEED, default 42), counts outcomes, crashes (an exception that is not a SpikeflowError) and
 * hangs (a case slower than FUZZ_HANG_MS, default 5000 ms: a report, never part of the normal suite).
 */
describe.runIf(process.env.FUZZ_REPORT)('fuzz report', () => {
  it(`${RUNS} cases of each generator`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 42);
    const hangMs = Number(process.env.FUZZ_HANG_MS ?? 5000);
    const generators = [
      ['experiment data', experimentData, runExperimentCase],
      ['experiment text', experimentText, runExperimentCase],
      ['model definitions', modelDefinition, runModelCase],
    ] as const;
    const report: Record<string, { cases: number; ran: number; named: number; crashes: number; hangs: number; slowestMs: number; codes: Record<string, number> }> = {};
    for (const [name, arb, run] of generators) {
      const r = (report[name] = { cases: 0, ran: 0, named: 0, crashes: 0, hangs: 0, slowestMs: 0, codes: {} as Record<string, number> });
      for (const input of fc.sample(arb as fc.Arbitrary<unknown>, { numRuns: RUNS, seed })) {
        const t = performance.now();
        const o = await (run as (x: unknown) => Promise<Outcome>)(input);
        const ms = performance.now() - t;
        r.cases++;
        // Runs are synchronous: let vitest's worker RPC through now and then.
        if (r.cases % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
        r.slowestMs = Math.max(r.slowestMs, Math.round(ms));
        if (ms > hangMs) r.hangs++;
        if (o.kind === 'ran') r.ran++;
        else if (o.kind === 'named') {
          r.named++;
          r.codes[o.code] = (r.codes[o.code] ?? 0) + 1;
        } else {
          r.crashes++;
          console.error(`CRASH (${name}): ${o.error instanceof Error ? o.error.stack : String(o.error)}\ninput: ${JSON.stringify(input).slice(0, 2000)}`);
        }
      }
    }
    console.log(`fuzz report (seed ${seed}, hang threshold ${hangMs} ms):\n${JSON.stringify(report, null, 2)}`);
    for (const r of Object.values(report)) expect({ crashes: r.crashes, hangs: r.hangs }).toEqual({ crashes: 0, hangs: 0 });
  });
});

async function record(into: Outcome[], p: Promise<Outcome>): Promise<Outcome> {
  const o = await p;
  into.push(o);
  return o;
}
