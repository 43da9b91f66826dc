/**
 * Test helpers for core's compiler: scopes, an independent statement runner and a seeded
 * expression generator. Tests import core's sources (not dist) so mutation testing sees them.
 */
import type { Assign, Expr, RefRole } from '../src/expr/ir.js';
import { evaluate } from '../src/expr/evaluate.js';
import type { ParseContext } from '../src/expr/parse.js';

export const ctx = (names: Record<string, RefRole>, allowRandom = false): ParseContext => ({
  where: 'model T, test',
  scope: new Map(Object.entries(names)),
  allowRandom,
});

/** Evaluates IR with the values of `env` (by name; every role), `dt` included. */
export const valueOf = (e: Expr, env: Readonly<Record<string, number>>): number =>
  evaluate(e, {
    lookup: (name) => {
      if (!(name in env)) throw new Error(`test env has no value for ${name}`);
      return env[name] as number;
    },
  });

/**
 * Runs one step's statements the way every backend does: temporaries are locals, state writes
 * update the state seen by later statements. Returns the new state.
 */
export function runStatements(step: readonly Assign[], state: Readonly<Record<string, number>>, fixed: Readonly<Record<string, number>>): Record<string, number> {
  const now: Record<string, number> = { ...state };
  const temps: Record<string, number> = {};
  for (const s of step) {
    const v = valueOf(s.value, { ...fixed, ...now, ...temps });
    if (s.role === 'temp') temps[s.target] = v;
    else now[s.target] = v;
  }
  return now;
}

/** Mulberry32: a tiny seeded generator, so generated cases are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Relative difference, with an absolute floor for values near zero. */
export const relDiff = (a: number, b: number, floor = 1e-12): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
