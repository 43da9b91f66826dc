import { ExpressionError } from '../errors.js';
import type { Expr } from '../expr/ir.js';
import { bin, call, mentions, num, ref, substitute, walkExpr } from '../expr/ir.js';
import { linearIn } from '../expr/linear.js';
import { simplify } from '../expr/simplify.js';
import { showExpr } from '../units/show.js';
import type { IntegratorName } from './definition.js';

/** The part of an ODE this module reads: its state, right-hand side and source text. */
interface OdeLike {
  readonly state: string;
  readonly rhs: Expr;
  readonly source: string;
}

/** True when the expression contains white noise (`xi`, `xi_<suffix>`). */
export const hasNoise = (e: Expr): boolean => mentions(e, (r) => r.role === 'noise');

/**
 * The distinct white-noise names of the equations, in order of first appearance. Noise `k` of this
 * list draws at random call site `firstSite + k` (see {@link stochasticSplit}): one draw per
 * neuron, step and name, shared by every equation that names it (as in Brian2, the same `xi` in two
 * equations is the same noise).
 */
export function noiseNames(odes: readonly OdeLike[]): string[] {
  const names: string[] = [];
  for (const o of odes) {
    walkExpr(o.rhs, (n) => {
      if (n.kind === 'ref' && n.role === 'noise' && !names.includes(n.name)) names.push(n.name);
    });
  }
  return names;
}

/** An ODE split into drift and noise: `dx = drift·dt + Σ coefficient·dW`. */
export interface StochasticOde {
  /** The state variable. */
  readonly state: string;
  /** The right-hand side with every noise set to 0. */
  readonly drift: Expr;
  /** The noise increment over one step, `sqrt(dt)·Σ g_k·N_k(0,1)` (N_k a `randn()` call site), or undefined without noise. */
  readonly increment?: Expr;
}

/**
 * Splits each equation into its drift and the Euler–Maruyama increment of its noise terms, and
 * rejects what this cannot integrate, naming the model, the equation and the token:
 * - `noise-needs-euler`: noise with an integrator other than `euler` (exact, rk2 and rk4 are
 *   deterministic schemes; a model that names no integrator gets `euler` when it has noise);
 * - `noise-not-linear`: noise that is not a term `g·xi` (e.g. `xi**2`, `exp(xi)`, `xi_1*xi_2`);
 * - `multiplicative-noise`: a coefficient `g` that depends on a state variable, `t` or `step`.
 *   Multiplicative noise needs a choice of interpretation (Itô or Stratonovich) and a scheme made
 *   for it; Brian2 refuses it with `euler` and takes it with `milstein` or `heun`, which spikeflow
 *   does not have.
 * Coefficients may use parameters, derived values, inputs and `dt`.
 */
export function stochasticSplit(odes: readonly OdeLike[], method: IntegratorName, modelName: string, firstSite: number): StochasticOde[] {
  const names = noiseNames(odes);
  return odes.map((o) => {
    if (!hasNoise(o.rhs)) return { state: o.state, drift: o.rhs };
    const fail = (code: string, token: string, detail: string): never => {
      throw new ExpressionError(code, `model ${modelName}, equation d${o.state}/dt`, o.source, token, detail);
    };
    const used = names.filter((xi) => mentions(o.rhs, (r) => r.role === 'noise' && r.name === xi));
    if (method !== 'euler') {
      fail(
        'noise-needs-euler',
        used[0]!,
        `the '${method}' integrator cannot integrate white noise; equations with xi are integrated by 'euler' (Euler–Maruyama): set integrator 'euler', or set none (a model with noise then defaults to 'euler')`,
      );
    }
    const terms: Expr[] = [];
    for (const xi of used) {
      const form = linearIn(o.rhs, xi, 'noise');
      if (!form || hasNoise(form.b)) {
        fail('noise-not-linear', xi, `white noise must enter the equation as a term coefficient*${xi} (additive, linear in ${xi}, one noise per term)`);
      }
      const g = form!.b;
      const dependsOn = firstRef(g, (r) => r.role === 'state' || r.role === 'time' || r.role === 'step');
      if (dependsOn) {
        fail(
          'multiplicative-noise',
          dependsOn,
          `the coefficient '${showExpr(g)}' of ${xi} depends on ${dependsOn === 't' || dependsOn === 'step' ? 'time' : `the state variable ${dependsOn}`}: multiplicative noise is not supported (euler takes additive noise only — a coefficient of parameters, derived values and inputs — as in Brian2, where multiplicative noise needs 'heun' or 'milstein')`,
        );
      }
      const draw: Expr = { kind: 'call', fn: 'randn', args: [], site: firstSite + names.indexOf(xi) };
      terms.push(bin('*', bin('*', call('sqrt', ref('dt', 'dt')), g), draw));
    }
    const zero = new Map(used.map((xi) => [xi, num(0)] as const));
    const drift = simplify(substitute(o.rhs, zero));
    const increment = terms.reduce((sum, t) => bin('+', sum, t));
    return { state: o.state, drift, increment };
  });
}

/** The name of the first reference (parents first, left to right) for which `pred` holds. */
function firstRef(e: Expr, pred: (r: Extract<Expr, { kind: 'ref' }>) => boolean): string | undefined {
  let found: string | undefined;
  walkExpr(e, (n) => {
    if (found === undefined && n.kind === 'ref' && pred(n)) found = n.name;
  });
  return found;
}
