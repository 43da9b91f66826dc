/** The simplifier: constant folding by hand, identities by hand, and "never changes a value" on generated expressions. */
import { describe, expect, it } from 'vitest';
import { simplify, isZero } from '../src/expr/simplify.js';
import { parseExpression } from '../src/expr/parse.js';
import type { BinaryOp, Expr } from '../src/expr/ir.js';
import { ctx, seeded, valueOf } from './helpers.js';

const scope = ctx({ x: 'state', y: 'state', a: 'parameter' });
const s = (src: string) => simplify(parseExpression(src, scope));
const X: Expr = { kind: 'ref', name: 'x', role: 'state' };
const Y: Expr = { kind: 'ref', name: 'y', role: 'state' };
const num = (value: number): Expr => ({ kind: 'num', value });
const neg = (arg: Expr): Expr => ({ kind: 'unary', op: '-', arg });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

describe('simplify: constant folding', () => {
  it.each([
    ['2 + 3', 5],
    ['7 - 3', 4],
    ['3 - 7', -4],
    ['2 * 3', 6],
    ['1 / 4', 0.25],
    ['2 ** 10', 1024],
    ['2 ** -1', 0.5],
    ['(1 + 2) * (10 - 4) / 3', 6],
    ['-(2 + 3)', -5],
    ['-(-(4))', 4],
    ['0.1 + 0.2', 0.1 + 0.2],
  ])('%s = %d', (src, value) => {
    expect(s(src)).toEqual(num(value));
  });

  it('does not fold comparisons, logic, conditionals or calls (they print as they are)', () => {
    expect(s('1 < 2')).toEqual(bin('<', num(1), num(2)));
    expect(s('1 && 0')).toEqual(bin('&&', num(1), num(0)));
    expect(s('exp(0)')).toEqual({ kind: 'call', fn: 'exp', args: [num(0)] });
    expect(s('1 ? 2 + 3 : 4')).toEqual({ kind: 'cond', test: num(1), then: num(5), else: num(4) });
  });

  it('folds inside calls, conditions and comparisons', () => {
    expect(s('exp(2 * 3) + x')).toEqual(bin('+', { kind: 'call', fn: 'exp', args: [num(6)] }, X));
    expect(s('x < 2 * 3')).toEqual(bin('<', X, num(6)));
    expect(s('!(1 + 1)')).toEqual({ kind: 'unary', op: '!', arg: num(2) });
  });
});

describe('simplify: identities', () => {
  it.each<[string, Expr]>([
    ['x + 0', X],
    ['0 + x', X],
    ['x - 0', X],
    ['0 - x', neg(X)],
    ['x * 1', X],
    ['1 * x', X],
    ['x * 0', num(0)],
    ['0 * x', num(0)],
    ['x * -1', neg(X)],
    ['-1 * x', neg(X)],
    ['x / 1', X],
    ['0 / x', num(0)],
    ['-(-x)', X],
    ['-(x)', neg(X)],
    ['-(!x)', neg({ kind: 'unary', op: '!', arg: X })],
    ['(x + (2 - 2)) * (3 - 2)', X],
    ['x * (y * 0 + 1)', X],
    ['x - y', bin('-', X, Y)],
    ['x * 2', bin('*', X, num(2))],
    ['2 / x', bin('/', num(2), X)],
    ['x / 2', bin('/', X, num(2))],
    ['x ** 1', bin('**', X, num(1))],
    ['1 + x', bin('+', num(1), X)],
    ['x - 1', bin('-', X, num(1))],
    ['2 - x', bin('-', num(2), X)],
    ['x * 3 + y', bin('+', bin('*', X, num(3)), Y)],
  ])('%s', (src, expected) => {
    expect(s(src)).toEqual(expected);
  });

  it('isZero is true for the literal zero only', () => {
    expect(isZero(num(0))).toBe(true);
    expect(isZero(num(-0))).toBe(true);
    expect(isZero(num(1e-300))).toBe(false);
    expect(isZero(X)).toBe(false);
  });
});

/** A random expression over x, y, a and small constants (finite on the values used below). */
function randomExpr(rnd: () => number, depth: number): Expr {
  if (depth === 0 || rnd() < 0.25) {
    const k = Math.floor(rnd() * 6);
    if (k === 0) return X;
    if (k === 1) return Y;
    if (k === 2) return { kind: 'ref', name: 'a', role: 'parameter' };
    return num([0, 1, -1, 2, 0.5, 3][Math.floor(rnd() * 6)]!);
  }
  const k = Math.floor(rnd() * 8);
  if (k === 0) return neg(randomExpr(rnd, depth - 1));
  if (k === 1) return { kind: 'call', fn: 'tanh', args: [randomExpr(rnd, depth - 1)] };
  if (k === 2) return { kind: 'cond', test: bin('<', randomExpr(rnd, depth - 1), num(0.5)), then: randomExpr(rnd, depth - 1), else: randomExpr(rnd, depth - 1) };
  const op = (['+', '-', '*', '/', '**'] as const)[Math.floor(rnd() * 5)]!;
  if (op === '**') return bin('**', { kind: 'call', fn: 'abs', args: [randomExpr(rnd, depth - 1)] }, num([0, 1, 2, 0.5][Math.floor(rnd() * 4)]!));
  if (op === '/') return bin('/', randomExpr(rnd, depth - 1), bin('+', num(4), { kind: 'call', fn: 'tanh', args: [randomExpr(rnd, depth - 1)] }));
  return bin(op, randomExpr(rnd, depth - 1), randomExpr(rnd, depth - 1));
}

describe('simplify never changes a finite value', () => {
  it('2000 generated expressions, 3 points each: equal to the last bit (zeros of either sign equal)', () => {
    const rnd = seeded(20261201);
    let changed = 0;
    for (let k = 0; k < 2000; k++) {
      const e = randomExpr(rnd, 5);
      const simple = simplify(e);
      if (JSON.stringify(simple) !== JSON.stringify(e)) changed++;
      for (const env of [{ x: 0.3, y: -1.7, a: 2 }, { x: -2, y: 0.25, a: -0.5 }, { x: 5, y: 3, a: 0 }]) {
        const want = valueOf(e, env);
        if (!Number.isFinite(want)) continue;
        // === : the sign of a zero may change (0 * -x folds to +0), never a value.
        expect(valueOf(simple, env) === want, `${JSON.stringify(e)} at ${JSON.stringify(env)}`).toBe(true);
      }
    }
    // The generator exercises the rewrites: most expressions simplify.
    expect(changed).toBeGreaterThan(600);
  });
});
