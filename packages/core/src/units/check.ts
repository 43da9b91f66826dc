import { ExpressionError } from '../errors.js';
import { evaluate } from '../expr/evaluate.js';
import type { Expr } from '../expr/ir.js';
import { walkExpr } from '../expr/ir.js';
import { DIMENSIONLESS, divide, formatUnit, isDimensionless, multiply, power, sameDimension, type Unit } from './unit.js';
import { showExpr } from './show.js';
import { parseUnit } from './parse.js';

/**
 * The unit of an expression node, or `FLEX`: a number literal (or arithmetic of literals only).
 *
 * The rule for literals: a bare number stands for a value in spikeflow's internal units, so where it
 * is added to, subtracted from, compared with, assigned to, or chosen alongside (min, max, clip, ?:)
 * a quantity with a unit, it takes that unit (`v > -50`, `v = -65`, `140 - u`). As a factor, divisor
 * or exponent it is dimensionless (`0.5 * v`, `1 / tau`), so `2 * v + I` still checks v against I.
 * Brian2 requires units on all literals except 0; spikeflow lets a bare number mean "in the internal
 * unit", as it does everywhere (parameters, files, API). A coefficient with a unit is written with
 * unit names, as in Brian2: `(0.04/ms/mV)*v**2`, `exp(v/(4*mV))`.
 */
export const FLEX = 'flex' as const;
export type Checked = Unit | typeof FLEX;

/** Where an expression lives and what its names mean. */
export interface UnitScope {
  readonly where: string;
  readonly source: string;
  /** A name's unit; `FLEX` for a name whose unit is not known yet (a synapse's `v_post` compiled without its target). */
  readonly unitOf: (name: string) => Checked;
}

const TIME: Unit = { dims: [0, 0, 1, 0, 0], scale: 1e-3 };
export const UNIT_OF_TIME = TIME;
/** White noise `xi` is in 1/sqrt(time), ms^-1/2 (as Brian2's `xi`), so `sigma*sqrt(2/tau)*xi` is sigma's unit per ms. */
export const UNIT_OF_NOISE = power(TIME, -0.5);

/** Functions whose argument must be dimensionless and whose result is. */
const TRANSCENDENTAL = new Set(['exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'tan', 'tanh']);
/** Functions whose result has the unit of their (single) argument. */
const SAME_UNIT = new Set(['abs', 'floor', 'ceil']);

const show = (c: Checked): string => (c === FLEX ? 'a plain number' : formatUnit(c));

/** Computes the unit of `e`, throwing `ExpressionError` (code `unit-mismatch`) where units disagree. */
export function unitOfExpr(e: Expr, scope: UnitScope): Checked {
  const fail = (term: Expr, detail: string): never => {
    throw new ExpressionError('unit-mismatch', scope.where, scope.source, showExpr(term), detail);
  };
  /** Both sides of a sum, comparison or choice: equal units; a literal side takes the other's. */
  const agree = (op: string, node: Expr, a: Expr, b: Expr): Checked => {
    const ua = visit(a);
    const ub = visit(b);
    if (ua === FLEX) return ub;
    if (ub === FLEX) return ua;
    if (!sameDimension(ua, ub)) {
      fail(node, `units disagree in '${op}': '${showExpr(a)}' is ${show(ua)} but '${showExpr(b)}' is ${show(ub)}`);
    }
    return ua;
  };
  const dimensionless = (fn: string, arg: Expr): void => {
    const u = visit(arg);
    if (u !== FLEX && !isDimensionless(u)) fail(arg, `the argument of ${fn}() must be dimensionless, but '${showExpr(arg)}' is ${show(u)}`);
  };
  const visit = (n: Expr): Checked => {
    switch (n.kind) {
      case 'num':
        return n.unit === undefined ? FLEX : parseUnit(n.unit, scope.where);
      case 'ref':
        return scope.unitOf(n.name);
      case 'unary':
        return n.op === '-' ? visit(n.arg) : (visit(n.arg), DIMENSIONLESS);
      case 'cond':
        visit(n.test);
        return agree('?:', n, n.then, n.else);
      case 'binary':
        switch (n.op) {
          case '+':
          case '-':
            return agree(n.op, n, n.left, n.right);
          case '<':
          case '<=':
          case '>':
          case '>=':
          case '==':
          case '!=':
            agree(n.op, n, n.left, n.right);
            return DIMENSIONLESS;
          case '&&':
          case '||':
            visit(n.left);
            visit(n.right);
            return DIMENSIONLESS;
          case '*':
          case '/': {
            const l = visit(n.left);
            const r = visit(n.right);
            if (l === FLEX && r === FLEX) return FLEX;
            const lu = l === FLEX ? DIMENSIONLESS : l;
            const ru = r === FLEX ? DIMENSIONLESS : r;
            return n.op === '*' ? multiply(lu, ru) : divide(lu, ru);
          }
          case '**': {
            const base = visit(n.left);
            const exponent = constantValue(n.right);
            if (exponent === undefined) {
              // A variable exponent: both sides must be dimensionless (x ** y with y unknown).
              dimensionless('**', n.right);
              if (base !== FLEX && !isDimensionless(base)) fail(n.left, `a power with a variable exponent needs a dimensionless base, but '${showExpr(n.left)}' is ${show(base)}`);
              return base;
            }
            return base === FLEX ? FLEX : power(base, exponent);
          }
        }
        break;
      case 'call': {
        if (n.site !== undefined || n.args.length === 0) return DIMENSIONLESS; // rand(), randn(), …
        if (TRANSCENDENTAL.has(n.fn)) {
          dimensionless(n.fn, n.args[0] as Expr);
          return DIMENSIONLESS;
        }
        if (SAME_UNIT.has(n.fn)) return visit(n.args[0] as Expr);
        if (n.fn === 'sign') {
          visit(n.args[0] as Expr);
          return DIMENSIONLESS;
        }
        if (n.fn === 'sqrt') {
          const u = visit(n.args[0] as Expr);
          return u === FLEX ? FLEX : power(u, 0.5);
        }
        if (n.fn === 'min' || n.fn === 'max') return agree(`${n.fn}()`, n, n.args[0] as Expr, n.args[1] as Expr);
        if (n.fn === 'clip') {
          const x = agree('clip()', n, n.args[0] as Expr, n.args[1] as Expr);
          const hi = visit(n.args[2] as Expr);
          if (x !== FLEX && hi !== FLEX && !sameDimension(x, hi)) fail(n, `units disagree in 'clip()': '${showExpr(n.args[0] as Expr)}' is ${show(x)} but '${showExpr(n.args[2] as Expr)}' is ${show(hi)}`);
          return x === FLEX ? hi : x;
        }
        // A function without a unit rule: demand dimensionless arguments rather than guess.
        n.args.forEach((a) => dimensionless(n.fn, a));
        return DIMENSIONLESS;
      }
    }
    throw new Error(`internal: unit check of ${JSON.stringify(n)}`);
  };
  return visit(e);
}

/** Checks that `e` has unit `expected` (a literal-only expression always does). `what` says what it is. */
export function expectUnit(e: Expr, expected: Unit, what: string, scope: UnitScope): void {
  const u = unitOfExpr(e, scope);
  if (u !== FLEX && !sameDimension(u, expected)) {
    throw new ExpressionError('unit-mismatch', scope.where, scope.source, showExpr(e), `${what} must be in ${formatUnit(expected)}, but '${showExpr(e)}' is ${formatUnit(u)}`);
  }
}

/** The value of an expression made of literals only (an exponent), or undefined. */
function constantValue(e: Expr): number | undefined {
  let constant = true;
  walkExpr(e, (n) => {
    if (n.kind === 'ref' || (n.kind === 'call' && n.site !== undefined)) constant = false;
  });
  return constant ? evaluate(e, { lookup: () => NaN }) : undefined;
}
