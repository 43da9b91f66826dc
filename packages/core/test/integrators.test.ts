/**
 * Integrators are IR rewrites: one step of each, run by an independent statement runner, against
 * Runge–Kutta written out by hand here and against closed forms (exact / exponential Euler).
 */
import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../src/errors.js';
import { integrate, type Ode } from '../src/model/integrators.js';
import { parseExpression } from '../src/expr/parse.js';
import { walkExpr } from '../src/expr/ir.js';
import { ctx, relDiff, runStatements } from './helpers.js';

const scope = ctx({ x: 'state', y: 'state', tau: 'parameter', k: 'parameter', I: 'input', t: 'time', dt: 'dt' });
const odes = (eqs: Record<string, string>): Ode[] => Object.entries(eqs).map(([state, source]) => ({ state, source, rhs: parseExpression(source, scope) }));

type State = Record<string, number>;
type Rhs = (s: State, t: number) => State;

/** Classical explicit RK schemes, written independently of the IR rewrite. */
const add = (s: State, d: State, h: number): State => Object.fromEntries(Object.keys(s).map((key) => [key, s[key]! + h * d[key]!]));
const reference: Record<'euler' | 'rk2' | 'rk4', (f: Rhs, s: State, t: number, h: number) => State> = {
  euler: (f, s, t, h) => add(s, f(s, t), h),
  rk2: (f, s, t, h) => add(s, f(add(s, f(s, t), h / 2), t + h / 2), h),
  rk4: (f, s, t, h) => {
    const k1 = f(s, t);
    const k2 = f(add(s, k1, h / 2), t + h / 2);
    const k3 = f(add(s, k2, h / 2), t + h / 2);
    const k4 = f(add(s, k3, h), t + h);
    return Object.fromEntries(Object.keys(s).map((key) => [key, s[key]! + (h / 6) * (k1[key]! + 2 * k2[key]! + 2 * k3[key]! + k4[key]!)]));
  },
};

describe('explicit integrators: one step equals hand-written Runge–Kutta', () => {
  const fixed = { tau: 7, k: 0.3, I: 1.5, dt: 0.2 };
  // A coupled, nonlinear, time-dependent system (the IR and the closure say the same thing).
  const eqs = { x: '(-x + y * y) / tau + I * sin(t)', y: '-k * x * y + exp(-t / tau)' };
  const f: Rhs = (s, t) => ({ x: (-s.x! + s.y! * s.y!) / fixed.tau + fixed.I * Math.sin(t), y: -fixed.k * s.x! * s.y! + Math.exp(-t / fixed.tau) });

  for (const method of ['euler', 'rk2', 'rk4'] as const) {
    it(`${method}: coupled nonlinear system with t, 5 starting points, to 1e-14`, () => {
      const step = integrate(odes(eqs), method, 'T');
      for (const [x, y, t] of [[1, 2, 0], [-0.5, 0.25, 3], [10, -3, 0.1], [0, 0, 7.5], [2, 2, 100]] as const) {
        const got = runStatements(step, { x, y }, { ...fixed, t });
        const want = reference[method](f, { x, y }, t, fixed.dt);
        expect(relDiff(got.x!, want.x!), `${method} x from ${[x, y, t]}`).toBeLessThan(1e-14);
        expect(relDiff(got.y!, want.y!), `${method} y from ${[x, y, t]}`).toBeLessThan(1e-14);
      }
    });
  }

  it('orders of accuracy: error of one step of dx/dt = -x shrinks as dt^2, dt^3, dt^5', () => {
    const order = { euler: 2, rk2: 3, rk4: 5 } as const;
    for (const method of ['euler', 'rk2', 'rk4'] as const) {
      const step = integrate(odes({ x: '-x' }), method, 'T');
      const err = (h: number) => Math.abs(runStatements(step, { x: 1 }, { dt: h, t: 0 }).x! - Math.exp(-h));
      const ratio = err(0.1) / err(0.05);
      expect(Math.log2(ratio)).toBeGreaterThan(order[method] - 0.15);
      expect(Math.log2(ratio)).toBeLessThan(order[method] + 0.15);
    }
    // rk4's amplification factor for dx/dt = -x is the Taylor polynomial of exp(-h) to h^4.
    const h = 0.3;
    const rk4 = runStatements(integrate(odes({ x: '-x' }), 'rk4', 'T'), { x: 1 }, { dt: h, t: 0 });
    expect(relDiff(rk4.x!, 1 - h + h ** 2 / 2 - h ** 3 / 6 + h ** 4 / 24)).toBeLessThan(1e-15);
  });

  it('every right-hand side sees the state at the start of the step (no Gauss–Seidel)', () => {
    // dx/dt = y, dy/dt = -x: Euler from (1, 0) gives (1, -dt), not (1, -dt) then x from new y.
    const got = runStatements(integrate(odes({ x: 'y', y: '-x' }), 'euler', 'T'), { x: 1, y: 0 }, { dt: 0.5, t: 0 });
    expect(got).toEqual({ x: 1, y: -0.5 });
    const back = runStatements(integrate(odes({ y: '-x', x: 'y' }), 'euler', 'T'), { x: 1, y: 0 }, { dt: 0.5, t: 0 });
    expect(back).toEqual({ x: 1, y: -0.5 });
  });

  it('every reference has the role printers resolve it by', () => {
    const allowed: Record<string, string> = { x: 'state', y: 'state', tau: 'parameter', t: 'time', dt: 'dt', I: 'input' };
    for (const method of ['euler', 'rk2', 'rk4', 'exact'] as const) {
      const step = integrate(odes({ x: '(-x + y) / tau + I * t', y: '-y / tau' }), method, 'T');
      const temps = new Set(step.filter((s) => s.role === 'temp').map((s) => s.target));
      for (const s of step) {
        walkExpr(s.value, (n) => {
          if (n.kind === 'ref') expect(n.role, `${method}: ${n.name}`).toBe(temps.has(n.name) ? 'temp' : allowed[n.name]);
        });
      }
      expect([...temps].every((t) => t.startsWith('_'))).toBe(true);
    }
  });

  it('writes each state once, last, from a temporary', () => {
    for (const method of ['euler', 'rk2', 'rk4', 'exact'] as const) {
      const step = integrate(odes({ x: '-x / tau', y: '(x - y) / tau' }), method, 'T');
      const writes = step.filter((s) => s.role === 'state');
      expect(writes.map((s) => s.target)).toEqual(['x', 'y']);
      expect(step.slice(-2)).toEqual(writes);
      expect(writes.every((s) => s.value.kind === 'ref' && s.value.role === 'temp')).toBe(true);
    }
  });
});

describe('exact (exponential Euler): closed forms', () => {
  it('dx/dt = (k - x)/tau is exact: x(dt) = k + (x0 - k)·exp(-dt/tau), for any dt', () => {
    const step = integrate(odes({ x: '(k - x) / tau' }), 'exact', 'T');
    for (const [x0, tau, k, dt] of [[0, 10, 1, 0.1], [-70, 20, -40, 1], [5, 0.5, -5, 3], [1, 1e3, 2, 1e-3]] as const) {
      const got = runStatements(step, { x: x0 }, { tau, k, dt, t: 0, I: 0 }).x!;
      expect(relDiff(got, k + (x0 - k) * Math.exp(-dt / tau)), `${[x0, tau, k, dt]}`).toBeLessThan(1e-13);
    }
  });

  it('many steps of the exact update stay on the closed form (LIF below threshold)', () => {
    const step = integrate(odes({ x: '(-(x - k) + 20 * I) / tau' }), 'exact', 'T');
    let x = -70;
    const fixed = { k: -70, I: 1.2, tau: 20, dt: 0.1, t: 0 };
    for (let n = 1; n <= 1000; n++) {
      x = runStatements(step, { x }, fixed).x!;
      if (n % 250 === 0) expect(relDiff(x, -70 + 24 * (1 - Math.exp((-n * 0.1) / 20)))).toBeLessThan(1e-12);
    }
  });

  it('dx/dt = a with no x (b = 0) advances by a·dt', () => {
    const step = integrate(odes({ x: 'I * k' }), 'exact', 'T');
    expect(runStatements(step, { x: 2 }, { I: 3, k: 0.5, dt: 0.1, t: 0 }).x).toBeCloseTo(2.15, 15);
    const calls: string[] = [];
    for (const s of step) walkExpr(s.value, (n) => void (n.kind === 'call' && calls.push(n.fn)));
    expect(calls).toEqual([]);
    expect(step.some((s) => JSON.stringify(s.value).includes('"cond"'))).toBe(false);
  });

  it('b that evaluates to 0 at run time takes the x + a·dt branch, not 0/0', () => {
    const step = integrate(odes({ x: 'I - k * x' }), 'exact', 'T');
    expect(runStatements(step, { x: 1 }, { I: 2, k: 0, dt: 0.25, t: 0 }).x).toBe(1.5);
    const k = 0.4;
    expect(relDiff(runStatements(step, { x: 1 }, { I: 2, k, dt: 0.25, t: 0 }).x!, 2 / k + (1 - 2 / k) * Math.exp(-k * 0.25))).toBeLessThan(1e-14);
  });

  it('coupled model: each equation is linear in its own state, the others frozen over the step', () => {
    // dx/dt = (-x + y)/tau, dy/dt = -y/k. Exponential Euler holds y at its start value for x:
    // x1 = y0 + (x0 - y0)·exp(-dt/tau), y1 = y0·exp(-dt/k). (Treating y as the integrated
    // variable of dx/dt would give something else.)
    const step = integrate(odes({ x: '(-x + y) / tau', y: '-y / k' }), 'exact', 'T');
    for (const [x0, y0, tau, k, dt] of [[0, 1, 10, 5, 0.1], [-65, -50, 20, 3, 1], [3, -2, 0.7, 0.2, 0.5]] as const) {
      const got = runStatements(step, { x: x0, y: y0 }, { tau, k, dt, t: 0, I: 0 });
      expect(relDiff(got.x!, y0 + (x0 - y0) * Math.exp(-dt / tau))).toBeLessThan(1e-13);
      expect(relDiff(got.y!, y0 * Math.exp(-dt / k))).toBeLessThan(1e-13);
    }
    // A conductance model: dx/dt = y·(k - x), linear in x with b = -y, and in y with b = 0.
    const cond = integrate(odes({ x: 'y * (k - x)', y: '-y / tau' }), 'exact', 'T');
    const got = runStatements(cond, { x: -60, y: 0.5 }, { tau: 5, k: 0, dt: 0.1, t: 0, I: 0 });
    expect(relDiff(got.x!, 0 + (-60 - 0) * Math.exp(-0.5 * 0.1))).toBeLessThan(1e-13);
    expect(relDiff(got.y!, 0.5 * Math.exp(-0.1 / 5))).toBeLessThan(1e-13);
  });

  it('a nonlinear equation is an ExpressionError naming model, equation and state', () => {
    let err: ExpressionError | undefined;
    try {
      integrate(odes({ y: '-y', x: 'x * x' }), 'exact', 'Quad');
    } catch (e) {
      err = e as ExpressionError;
    }
    expect(err).toBeInstanceOf(ExpressionError);
    expect(err!.code).toBe('not-linear');
    expect(err!.where).toBe('model Quad, equation dx/dt');
    expect(err!.token).toBe('x');
    expect(err!.expression).toBe('x * x');
    expect(err!.message).toContain("choose 'rk4' or 'euler'");
  });
});
