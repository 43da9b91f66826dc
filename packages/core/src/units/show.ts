import type { Expr } from '../expr/ir.js';

/** Binding strength of each binary operator, for printing only the parentheses that matter. */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '**': 7,
};

/** Prints IR back as model-language text, for naming the offending term in error messages. */
export function showExpr(e: Expr, parent = 0): string {
  switch (e.kind) {
    case 'num':
      return e.unit === undefined ? String(e.value) : e.value < 0 ? `-${e.unit}` : e.unit;
    case 'ref':
      return e.name;
    case 'unary':
      return `${e.op}${showExpr(e.arg, 8)}`;
    case 'call':
      return `${e.fn}(${e.args.map((a) => showExpr(a)).join(', ')})`;
    case 'cond': {
      const s = `${showExpr(e.test, 1)} ? ${showExpr(e.then)} : ${showExpr(e.else)}`;
      return parent > 0 ? `(${s})` : s;
    }
    case 'binary': {
      const p = PRECEDENCE[e.op] as number;
      // Right operands of - and / bind tighter: a - (b - c).
      const s = `${showExpr(e.left, p)} ${e.op} ${showExpr(e.right, p + 1)}`;
      return p < parent ? `(${s})` : s;
    }
  }
}
