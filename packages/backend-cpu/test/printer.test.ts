/**
 * The JavaScript printer against core's host interpreter (an independent evaluator of the same
 * IR): every operator and function, generated expressions in f64 (equal to the bit) and in f32
 * (equal to an interpreter that rounds every operation to single precision), literals that read
 * back as the same double, and statements. Printed code is compiled the way kernels are.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, type Assign, type Expr, type RefRole } from '@spikeflow/core/ir';
import { literal, printExpr, printStatements } from '../src/js/printer.js';
import { F32, F64, type Precision } from '../src/precision.js';
import { compileKernel } from '../src/kernel-cache.js';

const ROLES: Record<string, RefRole> = { a: 'parameter', b: 'parameter', v: 'state', I: 'input', t: 'time' };
const scope = { where: 'model P, test', scope: new Map(Object.entries(ROLES)), allowRandom: true };
const resolve = (name: string) => `B.${name}`;
const random = (fn: string, site: number) => `B.${fn}_${site}`;

/** Runs printed code with the given bindings. */
function run(e: Expr, env: Record<string, number>, fmt: Precision = F64): number {
  return Number(compileKernel<() => unknown>(`return () => ${printExpr(e, resolve, random, fmt)};`, env)());
}
const draws = (site: number) => 0.125 + site / 8;
const interpret = (e: Expr, env: Record<string, number>) => evaluate(e, { lookup: (name) => env[name]!, random: (_fn, site) => draws(site) });
const randomEnv = (env: Record<string, number>) => ({ ...env, ...Object.fromEntries([0, 1, 2, 3].flatMap((s) => ['rand', 'randn', 'rand_shared', 'randn_shared'].map((fn) => [`${fn}_${s}`, draws(s)]))) });
const same = (x: number, y: number) => x === y || (Number.isNaN(x) && Number.isNaN(y));

const ENVS = [
  { a: 3, b: -2, v: 0.5, I: 0, t: 1.5 },
  { a: 0, b: 2, v: -0.75, I: 4, t: 0 },
  { a: 2, b: 3, v: 2, I: -1, t: 10 },
];

describe('printExpr (f64) agrees with the interpreter', () => {
  it.each([
    'a + b', 'a - b', 'a * b', 'a / b', 'a ** b', '-a ** 2', '(-b) ** 2', '-v', '!a', '!v',
    'a < b', 'a <= b', 'a > b', 'a >= b', 'a == b', 'a != b', 'a == 2', 'a != 2',
    '(a && b) * 5', '(a || b) * 5', '(I || 0) * 3', '(a && I) + 1', '!(a && b)',
    'a > b ? v : I', 'v < 0 ? -v : v * 2', 'a - b - v', 'a / b / v', 'a - (b - v)',
    'exp(v)', 'expm1(v)', 'log(a + 1)', 'log1p(v)', 'sqrt(a)', 'abs(b)', 'sin(t)', 'cos(t)', 'tan(v)',
    'tanh(b)', 'floor(v)', 'ceil(v)', 'sign(b)', 'min(a, b)', 'max(a, b)', 'clip(v, b, a)', 'clip(t, 0, 1)',
    'rand() + 2 * randn()', 'rand_shared() - randn_shared()', '1e-300 * v', '-0.5 * a', '2 - -v',
  ])('%s', (src) => {
    const e = parseExpression(src, scope);
    for (const env of ENVS) expect(same(run(e, randomEnv(env)), interpret(e, env)), `${src} at ${JSON.stringify(env)}: ${printExpr(e, resolve, random)}`).toBe(true);
  });

  it('400 generated expressions, 3 points each: equal to the last bit', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const gen = (d: number): Expr => {
      if (d === 0 || rnd() < 0.2) return rnd() < 0.6 ? { kind: 'ref', name: pick(Object.keys(ROLES)), role: ROLES[pick(Object.keys(ROLES))]! } : { kind: 'num', value: pick([0, 1, -1, 0.5, 2.5, -3]) };
      const r = rnd();
      if (r < 0.45) return { kind: 'binary', op: pick(['+', '-', '*', '/', '**', '<', '<=', '>', '>=', '==', '!=', '&&', '||'] as const), left: gen(d - 1), right: gen(d - 1) };
      if (r < 0.6) return { kind: 'unary', op: pick(['-', '!'] as const), arg: gen(d - 1) };
      if (r < 0.75) return { kind: 'cond', test: gen(d - 1), then: gen(d - 1), else: gen(d - 1) };
      const fn = pick(['exp', 'tanh', 'abs', 'min', 'max', 'clip', 'floor', 'sign', 'sqrt', 'log'] as const);
      const n = fn === 'clip' ? 3 : fn === 'min' || fn === 'max' ? 2 : 1;
      return { kind: 'call', fn, args: Array.from({ length: n }, () => gen(d - 1)) };
    };
    for (let k = 0; k < 400; k++) {
      // A reference's role does not matter to this printer's resolve; names carry the value.
      const e = gen(4);
      for (const env of ENVS) expect(same(run(e, env), interpret(e, env)), JSON.stringify(e)).toBe(true);
    }
  });
});

/** Single-precision reference: every arithmetic result, function value and constant rounded. */
function interpretF32(e: Expr, env: Record<string, number>): number {
  const f = Math.fround;
  const go = (x: Expr): number => {
    switch (x.kind) {
      case 'num':
        return f(x.value);
      case 'binary':
        if (['+', '-', '*', '/', '**'].includes(x.op)) return f(evaluate({ ...x, left: { kind: 'num', value: go(x.left) }, right: { kind: 'num', value: go(x.right) } }, { lookup: () => 0 }));
        return evaluate({ ...x, left: { kind: 'num', value: go(x.left) }, right: { kind: 'num', value: go(x.right) } }, { lookup: () => 0 });
      case 'call':
        if (x.site !== undefined) return f(draws(x.site));
        return f(evaluate({ ...x, args: x.args.map((a) => ({ kind: 'num', value: go(a) })) }, { lookup: () => 0 }));
      case 'unary':
        return evaluate({ ...x, arg: { kind: 'num', value: go(x.arg) } }, { lookup: () => 0 });
      case 'cond':
        return go(x.test) !== 0 ? go(x.then) : go(x.else);
      case 'ref':
        return env[x.name]!;
    }
  };
  return go(e);
}

describe('printExpr (f32) rounds like float32 arithmetic', () => {
  it.each(['a / 3 + v * 0.1', '(a + 0.1) * (b - 0.2) / 7', 'exp(v) * 0.3 + sqrt(a)', '0.1 * rand() + randn() / 3', 'a ** 0.5 - 1 / 3', 'v > 0.1 ? v / 3 : -v * 0.7'])('%s', (src) => {
    const e = parseExpression(src, scope);
    for (const env of ENVS) {
      const got = run(e, randomEnv(env), F32);
      expect(got, src).toBe(interpretF32(e, env));
      expect(Math.fround(got)).toBe(got);
    }
    // And the rounding is real: f64 differs for these.
    expect(ENVS.some((env) => run(e, randomEnv(env), F32) !== run(e, randomEnv(env), F64))).toBe(true);
  });
});

describe('literal', () => {
  it.each([0, -0, 1, -1, 0.1, -0.1, 1e-300, -5e-324, 1.7976931348623157e308, 1 / 3, -2.5e21, NaN, Infinity, -Infinity])('%s reads back as the same double', (x) => {
    const back = compileKernel<() => number>(`return () => -${literal(x)};`, {})();
    expect(Object.is(-back, x) || (Number.isNaN(x) && Number.isNaN(back))).toBe(true);
  });
  it('negative values, -0 and -Infinity come parenthesized (safe after a minus)', () => {
    expect(literal(-2)).toBe('(-2)');
    expect(literal(-0)).toBe('(-0)');
    expect(literal(-Infinity)).toBe('(-Infinity)');
    expect(literal(Infinity)).toBe('Infinity');
    expect(literal(NaN)).toBe('NaN');
    expect(literal(2)).toBe('2');
  });
});

describe('printStatements', () => {
  const stmts: Assign[] = [
    { target: '_k', role: 'temp', value: parseExpression('v * 2', scope) },
    { target: 'v', role: 'state', value: { kind: 'ref', name: '_k', role: 'temp' } },
    { target: 'v', role: 'state', value: parseExpression('v + 1', scope) },
  ];
  const res = (name: string, role: string) => (role === 'temp' ? `t${name}` : role === 'state' ? `S_${name}[i]` : name);
  it('temporaries become const locals; state writes go through resolve; guards wrap state writes', () => {
    expect(printStatements(stmts, res, random)).toEqual(['const t_k = (S_v[i] * 2);', 'S_v[i] = t_k;', 'S_v[i] = (S_v[i] + 1);']);
    expect(printStatements(stmts, res, random, F64, (s) => (s.value.kind === 'ref' ? 'ok' : undefined))).toEqual(['const t_k = (S_v[i] * 2);', 'if (ok) S_v[i] = t_k;', 'S_v[i] = (S_v[i] + 1);']);
    expect(printStatements(stmts.slice(0, 1), res, random, F32)).toEqual(['const t_k = Math.fround((S_v[i] * 2));']);
  });
  it('an IR function without a JavaScript mapping is an internal error', () => {
    expect(() => printExpr({ kind: 'call', fn: 'nope', args: [] }, resolve, random)).toThrow('internal: no JavaScript mapping for function nope');
  });
});
