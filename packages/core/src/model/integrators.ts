import { ExpressionError } from '../errors.js';
import type { Assign, Expr } from '../expr/ir.js';
import { bin, call, num, ref, substitute } from '../expr/ir.js';
import { linearIn } from '../expr/linear.js';
import { isZero, simplify } from '../expr/simplify.js';
import type { IntegratorName } from './definition.js';
import { stochasticSplit } from './noise.js';

/** One ODE `d<state>/dt = rhs`, with its source text for error messages. */
export interface Ode {
  /** The state variable it advances. */
  readonly state: string;
  /** The right-hand side, `d<state>/dt`, in the state's unit per ms. */
  readonly rhs: Expr;
  /** The equation as written in the model, for messages. */
  readonly source: string;
}

const dt = ref('dt', 'dt');
const time = ref('t', 'time');
const temp = (name: string): Expr => ref(name, 'temp');

/**
 * Rewrites ODEs into assignment statements advancing the state by one step of `dt`.
 * All right-hand sides see the state at the start of the step; the new values are written last.
 * Inputs are held over the step; `t` advances with the Runge–Kutta stages.
 *
 * White noise (`xi`, `xi_<suffix>`, references of role `noise`) is integrated by Euler–Maruyama,
 * with `euler` only: `x ← x + dt·f + sqrt(dt)·Σ g_k·N_k`, where N_k is a `randn()` draw at random
 * call site `firstSite + k` for the k-th distinct noise name (see `noiseNames`), so one draw per
 * neuron, step and name. Other integrators, noise that is not additive or not linear: an
 * `ExpressionError` naming the model, the equation and the token.
 */
export function integrate(odes: readonly Ode[], method: IntegratorName, modelName: string, firstSite = 0): Assign[] {
  const split = stochasticSplit(odes, method, modelName, firstSite);
  switch (method) {
    case 'euler':
      return explicit(
        split.map((s, k) => ({ ...(odes[k] as Ode), rhs: s.drift })),
        [[1]],
        [1],
        new Map(split.flatMap((s) => (s.increment ? [[s.state, s.increment] as const] : []))),
      );
    case 'rk2':
      return explicit(odes, [[0.5]], [0, 1]);
    case 'rk4':
      return explicit(odes, [[0.5], [0, 0.5], [0, 0, 1]], [1 / 6, 1 / 3, 1 / 3, 1 / 6]);
    case 'exact':
      return exponential(odes, modelName);
  }
}

/**
 * Explicit Runge–Kutta from a Butcher tableau (`a` lower rows, weights `b`); `increments` adds a
 * per-step noise increment to a state's new value (Euler–Maruyama, one stage only).
 */
function explicit(odes: readonly Ode[], a: number[][], b: number[], increments: ReadonlyMap<string, Expr> = new Map()): Assign[] {
  const out: Assign[] = [];
  const stages = b.length;
  const k = (s: number, v: string) => `_k${s}_${v}`;
  for (let s = 0; s < stages; s++) {
    const row = s === 0 ? [] : (a[s - 1] as number[]);
    const moved = new Map<string, Expr>();
    if (s > 0) {
      for (const o of odes) {
        let incr: Expr = num(0);
        row.forEach((coef, j) => {
          if (coef !== 0) incr = bin('+', incr, bin('*', num(coef), temp(k(j, o.state))));
        });
        moved.set(o.state, bin('+', ref(o.state, 'state'), bin('*', dt, incr)));
      }
      // Stage s evaluates at t + c_s·dt (c_s = its row sum), as Brian2's rk2/rk4 do.
      const c = row.reduce((x, y) => x + y, 0);
      moved.set('t', bin('+', time, bin('*', num(c), dt)));
    }
    for (const o of odes) {
      out.push({ target: k(s, o.state), role: 'temp', value: simplify(s > 0 ? substitute(o.rhs, moved) : o.rhs) });
    }
  }
  for (const o of odes) {
    let sum: Expr = num(0);
    b.forEach((w, s) => {
      if (w !== 0) sum = bin('+', sum, bin('*', num(w), temp(k(s, o.state))));
    });
    const increment = increments.get(o.state);
    const drifted = bin('+', ref(o.state, 'state'), bin('*', dt, sum));
    out.push({ target: `_new_${o.state}`, role: 'temp', value: simplify(increment ? bin('+', drifted, increment) : drifted) });
  }
  for (const o of odes) out.push({ target: o.state, role: 'state', value: temp(`_new_${o.state}`) });
  return out;
}

/**
 * Exponential Euler: for `dx/dt = a + b·x` with a, b free of x (other states frozen over the step),
 * `x ← x + (a + b·x)·expm1(b·dt)/b`. Exact for linear models with constant input, such as LIF.
 */
function exponential(odes: readonly Ode[], modelName: string): Assign[] {
  const out: Assign[] = [];
  for (const o of odes) {
    const form = linearIn(o.rhs, o.state);
    if (!form) {
      throw new ExpressionError(
        'not-linear',
        `model ${modelName}, equation d${o.state}/dt`,
        o.source,
        o.state,
        `the 'exact' integrator needs an equation linear in ${o.state}; choose 'rk4' or 'euler' ('euler' where ${o.state}'s equation has an exponential spike term)`,
      );
    }
    const x = ref(o.state, 'state');
    let value: Expr;
    if (isZero(form.b)) {
      value = bin('+', x, bin('*', form.a, dt));
    } else {
      const bdt = bin('*', form.b, dt);
      const factor: Expr = { kind: 'cond', test: bin('==', form.b, num(0)), then: dt, else: bin('/', call('expm1', bdt), form.b) };
      value = bin('+', x, bin('*', bin('+', form.a, bin('*', form.b, x)), factor));
    }
    out.push({ target: `_new_${o.state}`, role: 'temp', value: simplify(value) });
  }
  for (const o of odes) out.push({ target: o.state, role: 'state', value: temp(`_new_${o.state}`) });
  return out;
}
