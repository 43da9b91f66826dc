import type { Expr, RefRole } from './ir.js';
import { bin, mentions, num } from './ir.js';
import { isZero, simplify } from './simplify.js';

/** `e = a + b·x` with `a`, `b` free of `x`. */
export interface LinearForm {
  /** The part free of `x` (simplified). */
  readonly a: Expr;
  /** The coefficient of `x`, free of `x` (simplified). */
  readonly b: Expr;
}

/**
 * Splits `e` into `a + b·x` symbolically, or returns undefined when `e` is not linear in `x`
 * (a reference of role `role`, by default a state variable). Used by the exact
 * (exponential-Euler) integrator, which is exact when a and b are constant over a step, as for
 * LIF with a constant input, and to find the coefficient of white noise (`role` `noise`).
 */
export function linearIn(e: Expr, x: string, role: RefRole = 'state'): LinearForm | undefined {
  const free = (n: Expr) => !mentions(n, (r) => r.name === x && r.role === role);
  const go = (n: Expr): LinearForm | undefined => {
    if (free(n)) return { a: n, b: num(0) };
    switch (n.kind) {
      case 'ref':
        return { a: num(0), b: num(1) };
      case 'unary': {
        if (n.op !== '-') return undefined;
        const f = go(n.arg);
        return f && { a: neg(f.a), b: neg(f.b) };
      }
      case 'binary': {
        if (n.op === '+' || n.op === '-') {
          const l = go(n.left);
          const r = go(n.right);
          if (!l || !r) return undefined;
          return { a: bin(n.op, l.a, r.a), b: bin(n.op, l.b, r.b) };
        }
        if (n.op === '*') {
          if (free(n.left)) {
            const r = go(n.right);
            return r && { a: bin('*', n.left, r.a), b: bin('*', n.left, r.b) };
          }
          if (free(n.right)) {
            const l = go(n.left);
            return l && { a: bin('*', l.a, n.right), b: bin('*', l.b, n.right) };
          }
          return undefined;
        }
        if (n.op === '/' && free(n.right)) {
          const l = go(n.left);
          return l && { a: bin('/', l.a, n.right), b: bin('/', l.b, n.right) };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
  const f = go(e);
  return f && { a: simplify(f.a), b: simplify(f.b) };
}

const neg = (e: Expr): Expr => (isZero(e) ? e : { kind: 'unary', op: '-', arg: e });
