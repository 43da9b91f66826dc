import type { Expr } from './ir.js';
import { mapExpr } from './ir.js';

/**
 * Folds constants and drops identities (x*1, x+0, x/1, 0*x) so that integrator rewrites print
 * as readable, cheap code. Never changes the value of a finite expression.
 */
export function simplify(e: Expr): Expr {
  return mapExpr(e, (n) => {
    if (n.kind === 'binary') {
      const l = simplify(n.left);
      const r = simplify(n.right);
      const lv = l.kind === 'num' ? l.value : undefined;
      const rv = r.kind === 'num' ? r.value : undefined;
      if (lv !== undefined && rv !== undefined && ['+', '-', '*', '/', '**'].includes(n.op)) {
        return { kind: 'num', value: foldBinary(n.op, lv, rv) };
      }
      switch (n.op) {
        case '+':
          if (lv === 0) return r;
          if (rv === 0) return l;
          break;
        case '-':
          if (rv === 0) return l;
          if (lv === 0) return { kind: 'unary', op: '-', arg: r };
          break;
        case '*':
          if (lv === 1) return r;
          if (rv === 1) return l;
          if (lv === 0 || rv === 0) return { kind: 'num', value: 0 };
          if (lv === -1) return { kind: 'unary', op: '-', arg: r };
          if (rv === -1) return { kind: 'unary', op: '-', arg: l };
          break;
        case '/':
          if (rv === 1) return l;
          if (lv === 0) return { kind: 'num', value: 0 };
          break;
        default:
      }
      return { ...n, left: l, right: r };
    }
    if (n.kind === 'unary' && n.op === '-') {
      const a = simplify(n.arg);
      if (a.kind === 'num') return { kind: 'num', value: -a.value };
      if (a.kind === 'unary' && a.op === '-') return a.arg;
      return { ...n, arg: a };
    }
    return undefined;
  });
}

function foldBinary(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    default:
      return a ** b;
  }
}

/** True when the expression is the literal zero. */
export const isZero = (e: Expr): boolean => e.kind === 'num' && e.value === 0;
