/**
 * The IR → WebAssembly SIMD printer (wasm/simd-body.ts) run on its own: each expression becomes a
 * one-statement kernel over four neurons (two SIMD iterations, two lanes each) whose per-neuron
 * references are read from memory, and every lane must equal core's host interpreter — an
 * independent evaluator of the same IR — to the bit. Constants are exercised from the constant
 * table, as immediates (no table) and past a full table; random draws per lane and shared.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, type Expr, type RefRole } from '@spikeflow/core/ir';
import { CounterRng, SHARED_INDEX, hostRng } from '@spikeflow/core/rng';
import { I32, F64, instantiate, moduleBytes } from '../src/wasm/assembler.js';
import { PHILOX_FUNCTIONS, PHILOX_GLOBALS } from '../src/wasm/philox.js';
import { WasmArena } from '../src/wasm/arena.js';
import { SimdBody, emitExpr, toMask, toNum, type RandomStream, type Resolver } from '../src/wasm/simd-body.js';

const ROLES: Record<string, RefRole> = { a: 'parameter', b: 'parameter', v: 'state', I: 'input', t: 'time', step: 'step' };
const scope = { where: 'model P, test', scope: new Map(Object.entries(ROLES)), allowRandom: true };
const N = 4;
/** Per-neuron values: signs, zeros, equal pairs and fractions, so every comparison goes both ways. */
const ENV: Record<'a' | 'b' | 'v' | 'I', number[]> = {
  a: [3, 0, 2, -1.5],
  b: [-2, 2, 2, 0.25],
  v: [0.5, -0.75, 2, -0],
  I: [0, 4, -1, 7],
};
const STEP = 7;
const T = 0.7;

/** The kernels' generator (Philox in the module, core's CounterRng in the interpreter): any mixed-up counter changes the value. */
const RNG = new CounterRng(2 ** 32 + 7);

/** Runs `e` as a SIMD kernel over neurons 0..N-1; `table` doubles of constant table (0: immediates). */
function runWasm(e: Expr, stream: RandomStream = 3, table = 64, asMask = false): Float64Array {
  const arena = new WasmArena(4096 + 8 * table, false);
  const arrays = Object.fromEntries(Object.entries(ENV).map(([k, xs]) => [k, arena.values64(xs)]));
  const out = arena.alloc(Float64Array, N);
  const f = new SimdBody(table ? arena.alloc(Float64Array, table) : undefined);
  const resolve: Resolver = (name, role) => {
    if (role === 'time') return (g) => (g.get(g.local('$t')), 'num');
    if (role === 'step') return (g) => (g.get(g.local('$step')), 'num');
    const base = arena.ptr(arrays[name]!);
    return (g) => (g.load(base), 'num');
  };
  const { locals, body } = f.finish(0, N, () => {
    const kind = emitExpr(f, e, resolve, stream);
    // A condition as a kernel uses it (mask), stored as 1/0; a value stored as it is.
    toNum(f, asMask ? toMask(f, kind) : kind);
    const k = f.fresh();
    f.set(k);
    f.store(arena.ptr(out), k);
  });
  const random = f.random ? { functions: PHILOX_FUNCTIONS, globals: PHILOX_GLOBALS } : {};
  const bytes = moduleBytes({ params: [I32, F64, I32], results: [I32], locals, body, shared: false, pages: arena.pages, ...random });
  (instantiate(bytes, arena.memory, RNG).step as (s: number, t: number, n: number) => number)(STEP, T, 0);
  return out;
}

function interpret(e: Expr, i: number, stream: RandomStream = 3): number {
  return evaluate(e, {
    lookup: (name, role) => (role === 'time' ? T : role === 'step' ? STEP : ENV[name as 'a']![i]!),
    random: (fn, site) => {
      if (stream === 'none') return Number.NaN;
      const index = fn.endsWith('_shared') ? SHARED_INDEX : i;
      return fn.startsWith('randn') ? RNG.normal(stream, STEP, index, site) : RNG.uniform(stream, STEP, index, site);
    },
  });
}

const bits = (x: number) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : String(x));
const expectSame = (src: string, e: Expr, got: Float64Array, stream: RandomStream = 3) => {
  expect(Array.from(got, bits), src).toEqual(Array.from({ length: N }, (_, i) => bits(interpret(e, i, stream))));
};

/** Whether some lane tests a NaN for truth (`!`, `&&`, `||`, `?:`), where the interpreter is not JavaScript. */
function nanTested(e: Expr): boolean {
  const tested: Expr[] = [];
  const walk = (x: Expr): void => {
    if (x.kind === 'unary') {
      if (x.op === '!') tested.push(x.arg);
      walk(x.arg);
    } else if (x.kind === 'binary') {
      if (x.op === '&&' || x.op === '||') tested.push(x.left, x.right);
      walk(x.left);
      walk(x.right);
    } else if (x.kind === 'cond') {
      tested.push(x.test);
      [x.test, x.then, x.else].forEach(walk);
    } else if (x.kind === 'call') x.args.forEach(walk);
  };
  walk(e);
  return tested.some((x) => Array.from({ length: N }, (_, i) => interpret(x, i)).some(Number.isNaN));
}

const CASES = [
  'a + b', 'a - b', 'a * b', 'a / b', 'b / a', 'a ** b', 'v ** 2', '-a', '-v', '!a', '!v', '!I',
  'a < b', 'a <= b', 'a > b', 'a >= b', 'a == b', 'a != b', 'v == 0', 'v != 0',
  '(a && b) * 5', '(a || I) * 5', '(I && v) + 1', '(I || v) + 1', '!(a < b) + 2', '(a < b) + (a > b) * 2',
  'a > b ? v : I', 'v ? a : b', 'I ? a < b : 3', 'a - b - v', 'a / b / v', 'a - (b - v)',
  'floor(v * 3)', 'ceil(v * 3)', 'sqrt(abs(a))', 'abs(b)', 'min(a, b)', 'max(a, b)', 'min(b, a)', 'max(v, a)',
  'clip(v, b, a)', 'clip(I, 0, 1)', 'clip(a, -1, 1)',
  'sign(a)', 'sign(v)', 'sign(I - 4)', 'sign(b)',
  // Results of every kind of node tested for truth (each must be turned into a mask).
  '(a ** 2 ? 1 : 2) + (floor(v) ? 4 : 8) + (clip(v, 0, 1) ? 16 : 32)', '(min(a, b) && 1) + (sign(v) || 0) * 2 + (exp(v) ? 4 : 0)',
  '(rand() ? 1 : 2) + ((a ? v : I) ? 4 : 8) + (-v ? 16 : 0) + (3 ? 32 : 0) + (t ? 64 : 0)',
  'exp(v)', 'expm1(v)', 'log(a + 2)', 'log1p(I)', 'sin(a)', 'cos(b)', 'tan(v)', 'tanh(I)', 'a ** v',
  't * a', 'step + v', 'rand()', 'randn()', 'rand() + randn() * 2', 'rand_shared() + v', 'randn_shared() - rand()',
  '0.1 + 0.2 * a - 0.1', '-0 + v * 0', '1e300 * a * 1e10', 'a * 3 + b * 3 + v * 0.5',
];

describe('the WebAssembly SIMD printer equals the interpreter, lane by lane, to the bit', () => {
  it.each(CASES)('%s', (src) => {
    const e = parseExpression(src, scope);
    expectSame(src, e, runWasm(e));
  });

  it('constants as immediates (no table) and past a full table give the same results', () => {
    for (const src of ['0.1 + 0.2 * a - 0.1', 'a * 3 + b * 5 + v * 7 + 9', 'sign(I - 4) + 1.5', '(a < b) * 2 + !v']) {
      const e = parseExpression(src, scope);
      expectSame(src, e, runWasm(e, 3, 0));
      expectSame(src, e, runWasm(e, 3, 4)); // room for one constant (two doubles)
      expectSame(src, e, runWasm(e, 3, 6));
      expectSame(src, e, runWasm(e, 3, 5)); // an odd length: the last double cannot hold a pair
    }
  });

  it('conditions become masks with JavaScript truthiness (0, -0 and NaN false), stored as 1/0', () => {
    // v / v is NaN in lane 3 (v = -0), a / I is Infinity in lane 0: JavaScript's truth, not the interpreter's.
    for (const src of ['v', 'I', 'a - b', 'a < b', '!v', 'v * 0', 'I && a', 'v / v', 'a / I', '(v / v) * 0']) {
      const e = parseExpression(src, scope);
      const got = runWasm(e, 3, 64, true);
      expect(Array.from(got), src).toEqual(Array.from({ length: N }, (_, i) => (interpret(e, i) ? 1 : 0)));
    }
    expect(Array.from(runWasm(parseExpression('(v / v) ? 1 : 2', scope)))).toEqual([1, 1, 1, 2]);
    expect(Array.from(runWasm(parseExpression('!(v / v) + ((v / v) && 1) * 2 + ((v / v) || 0) * 4', scope)))).toEqual([6, 6, 6, 1]);
  });

  it('constants whose bytes join to the same digits stay two constants', () => {
    // Bytes (1, 11, …) and (11, 1, …): a key of the bytes without separators would merge them.
    const [x, y] = [[1, 11], [11, 1]].map(([b0, b1]) => new Float64Array(Uint8Array.from([b0!, b1!, 0, 0, 0, 0, 240, 63]).buffer)[0]!);
    expect(x).not.toBe(y);
    const e: Expr = { kind: 'binary', op: '-', left: { kind: 'num', value: x! }, right: { kind: 'num', value: y! } } as Expr;
    expect(Array.from(runWasm(e))).toEqual(new Array(N).fill(x! - y!));
    expect(x! - y!).not.toBe(0);
  });

  it('a function without a WebAssembly form is an internal error naming it', () => {
    const e = { kind: 'call', fn: 'nosuch', args: [] } as unknown as Expr;
    expect(() => runWasm(e)).toThrow('internal: no WebAssembly form for nosuch');
  });

  it('a block without random draws reads NaN for them (as the JavaScript kernel)', () => {
    const e = parseExpression('rand() + 1', scope);
    expectSame('rand() + 1', e, runWasm(e, 'none'), 'none');
  });

  it('seeded random expressions over every construct agree (300 expressions)', () => {
    const rng = hostRng(2026, 'wasm-printer');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)]!;
    const leaf = () => pick(['a', 'b', 'v', 'I', 't', '2', '0.5', '-3', '0']);
    const gen = (depth: number): string => {
      if (depth === 0 || rng.uniform() < 0.25) return leaf();
      const x = () => gen(depth - 1);
      switch (pick(['bin', 'bin', 'cmp', 'logic', 'not', 'neg', 'cond', 'fn1', 'fn2', 'clip'])) {
        case 'bin': return `(${x()} ${pick(['+', '-', '*', '/'])} ${x()})`;
        case 'cmp': return `(${x()} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${x()})`;
        case 'logic': return `(${x()} ${pick(['&&', '||'])} ${x()})`;
        case 'not': return `!(${x()})`;
        case 'neg': return `-(${x()})`;
        case 'cond': return `(${x()} ? ${x()} : ${x()})`;
        case 'fn1': return `${pick(['floor', 'ceil', 'abs', 'sign', 'exp', 'tanh', 'sin'])}(${x()})`;
        case 'fn2': return `${pick(['min', 'max'])}(${x()}, ${x()})`;
        default: return `clip(${x()}, -1, 1)`;
      }
    };
    let compared = 0;
    for (let k = 0; k < 300; k++) {
      const src = gen(4);
      const e = parseExpression(src, scope);
      // NaN truthiness differs between the interpreter (true) and JavaScript (false): skip those.
      if (nanTested(e)) continue;
      expectSame(src, e, runWasm(e));
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
  });
});
