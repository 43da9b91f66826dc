/**
 * linearIn: `e = a + b·x` with a, b free of x. Checked by hand-derived forms and by evaluating
 * a + b·x against e at several points; other state variables are coefficients, never x.
 */
import { describe, expect, it } from 'vitest';
import { linearIn } from '../src/expr/linear.js';
import { parseExpression } from '../src/expr/parse.js';
import { mentions, type Expr } from '../src/expr/ir.js';
import { ctx, relDiff, valueOf } from './helpers.js';

const scope = ctx({ v: 'state', w: 'state', g: 'state', tau: 'parameter', E: 'parameter', R: 'parameter', I: 'input', t: 'time' });
const p = (src: string) => parseExpression(src, scope);
const points = [
  { v: -65, w: 0.3, g: 2, tau: 10, E: -80, R: 1.5, I: 4, t: 3 },
  { v: 1.25, w: -2, g: 0.5, tau: 3, E: 0, R: 0.2, I: -1, t: 0 },
  { v: 0, w: 7, g: 0, tau: 0.5, E: 5, R: 2, I: 0.25, t: 100 },
];
const V: Expr = { kind: 'ref', name: 'v', role: 'state' };

/** a + b·x equals e at every point, and neither a nor b mentions x. */
function expectLinear(src: string, x: string, b?: (env: Record<string, number>) => number) {
  const e = p(src);
  const form = linearIn(e, x);
  expect(form, `${src} is linear in ${x}`).toBeDefined();
  for (const f of [form!.a, form!.b]) expect(mentions(f, (r) => r.name === x)).toBe(false);
  for (const env of points) {
    const a = valueOf(form!.a, env);
    const bv = valueOf(form!.b, env);
    expect(relDiff(a + bv * (env[x as 'v'] as number), valueOf(e, env)), `${src} at ${JSON.stringify(env)}`).toBeLessThan(1e-14);
    if (b) expect(relDiff(bv, b(env))).toBeLessThan(1e-14);
  }
  return form!;
}

describe('linearIn: forms by hand', () => {
  it('x itself, constants and sums', () => {
    expect(linearIn(V, 'v')).toEqual({ a: { kind: 'num', value: 0 }, b: { kind: 'num', value: 1 } });
    expect(linearIn(p('E'), 'v')).toEqual({ a: { kind: 'ref', name: 'E', role: 'parameter' }, b: { kind: 'num', value: 0 } });
    expect(linearIn(p('-v'), 'v')).toEqual({ a: { kind: 'num', value: 0 }, b: { kind: 'num', value: -1 } });
    expect(linearIn(p('(E - v) / tau'), 'v')).toEqual({
      a: { kind: 'binary', op: '/', left: { kind: 'ref', name: 'E', role: 'parameter' }, right: { kind: 'ref', name: 'tau', role: 'parameter' } },
      b: { kind: 'binary', op: '/', left: { kind: 'num', value: -1 }, right: { kind: 'ref', name: 'tau', role: 'parameter' } },
    });
  });

  it.each<[string, (env: Record<string, number>) => number]>([
    ['(-(v - E) + R*I) / tau', (z) => -1 / z.tau!],
    ['-v / tau', (z) => -1 / z.tau!],
    ['v', () => 1],
    ['2 * v - 3 * v', () => -1],
    ['v * R * 2 + I', (z) => 2 * z.R!],
    ['R * (v - E) * -1', (z) => -z.R!],
    ['-(v * tau - E)', (z) => -z.tau!],
    ['exp(-t / tau) * (v + 1)', (z) => Math.exp(-z.t! / z.tau!)],
    ['(v + v) / (R * tau)', (z) => 2 / (z.R! * z.tau!)],
    ['I - v + E', () => -1],
    ['E', () => 0],
    ['t > 5 ? E : I', () => 0],
  ])('%s: b by hand', (src, b) => {
    expectLinear(src, 'v', b);
  });
});

describe('linearIn: coupled models — other states are coefficients, not x', () => {
  it.each<[string, string, (env: Record<string, number>) => number]>([
    ['(-v + w) / tau', 'v', (z) => -1 / z.tau!],
    ['(-v + w) / tau', 'w', (z) => 1 / z.tau!],
    ['g * (E - v)', 'v', (z) => -z.g!],
    ['g * (E - v)', 'g', (z) => z.E! - z.v!],
    ['-w / tau + v * 0.1', 'w', (z) => -1 / z.tau!],
    ['w * v', 'v', (z) => z.w!],
    ['w * v', 'w', (z) => z.v!],
    ['(v - E) / (w + 10)', 'v', (z) => 1 / (z.w! + 10)],
    ['exp(w) - v * g', 'v', (z) => -z.g!],
  ])('%s in %s', (src, x, b) => {
    expectLinear(src, x, b);
  });

  it('keeps w in a when integrating v (dv/dt = (-v + w)/tau gives a = w/tau, b = -1/tau)', () => {
    const form = linearIn(p('(-v + w) / tau'), 'v')!;
    expect(mentions(form.a, (r) => r.name === 'w')).toBe(true);
    expect(valueOf(form.a, points[0]!)).toBeCloseTo(0.3 / 10, 15);
  });
});

describe('linearIn: not linear', () => {
  it.each([
    ['v * v', 'v'],
    ['exp(v)', 'v'],
    ['1 / v', 'v'],
    ['tau / (v + 1)', 'v'],
    ['v / v', 'v'],
    ['v ** 2', 'v'],
    ['v > 0 ? v : 0', 'v'],
    ['!v', 'v'],
    ['(v < E) * v', 'v'],
    ['w * v * v', 'v'],
    ['g * (v - E) * v', 'v'],
    ['g * exp(v) + v', 'v'],
  ])('%s in %s', (src, x) => {
    expect(linearIn(p(src), x)).toBeUndefined();
  });

  it('x must be a state: a parameter of the same name is a coefficient', () => {
    const e: Expr = { kind: 'binary', op: '*', left: { kind: 'ref', name: 'v', role: 'parameter' }, right: V };
    const form = linearIn(e, 'v')!;
    expect(form.b).toEqual({ kind: 'ref', name: 'v', role: 'parameter' });
  });
});
