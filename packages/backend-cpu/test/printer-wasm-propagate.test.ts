/**
 * The scalar IR → WebAssembly printer of propagation kernels (wasm/propagate.ts): a synapse
 * model's onPre statement, run by the kernel over a hand-built sparse table, must change the
 * postsynaptic states exactly as core's host interpreter applied synapse by synapse in the same
 * order (bit for bit): every operator, comparison, logic, condition, function, parameter (scalar
 * and per neuron), state, weight (one, float64 and float32 per synapse) and temporary.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, ref, substitute, type Assign, type Expr } from '@spikeflow/core/ir';
import { compileModel, instantiate, type ModelInstance } from '@spikeflow/core/backend';
import { hostRng } from '@spikeflow/core/rng';
import type { ModelDefinition } from '@spikeflow/core';
import { WasmArena } from '../src/wasm/arena.js';
import { instantiatePropagate, propagateWasmKernel } from '../src/wasm/propagate.js';
import type { JsBlock } from '../src/js/bindings.js';
import type { StoredSynapses } from '../src/synapse-storage.js';

const N_POST = 4;
/** Pre 0 → posts 0, 2; pre 1 → posts 1, 2, 3 (post 2 receives twice: order matters). */
const ROW = [0, 2, 5];
const POST = [0, 2, 1, 2, 3];
const WEIGHTS = [0.5, -1.25, 2, 0.1, -0];
const Q = [1.5, -2, 0, 3];
const G0 = [0.25, -1, 2, 0];
const H0 = [1, 0, -0.5, 4];
const SPIKES = [1, 0];
const RNG = { k0: 1, k1: 0 }; // the generator's key (propagation draws nothing)

const probe = (onPre: string[]): ModelDefinition => ({
  name: 'Probe',
  kind: 'synapse',
  // wu = 1 in the weight's unit: `w / wu` is the weight, exactly, in a dimensionless model.
  parameters: { p: { unit: '1', default: 0.75 }, q: { unit: '1', default: 0 }, wu: { unit: 'target', default: 1 } },
  state: { g: { unit: '1', initial: 0 }, h: { unit: '1', initial: 0 } },
  // `w ?` (the weight tested for truth) needs no unit and stays as it is.
  onPre: onPre.map((st) => st.replace(/\bw\b(?! \?)/g, '(w / wu)')),
  output: 'g',
});

type Weight = 'one' | 'f64' | 'f32';

function setUp(onPre: string[], weight: Weight, rewrite: (s: readonly Assign[]) => readonly Assign[] = (s) => s) {
  const compiled = compileModel(probe(onPre));
  const model = { ...compiled, onPre: rewrite(compiled.onPre) };
  const instance = instantiate(model, { size: N_POST, dt: 0.1, parameters: { q: Q }, path: 'connection probe', rng: (f) => hostRng(1, f), warn: () => {} });
  const arena = new WasmArena(8192, false);
  const g = arena.alloc(Float64Array, N_POST);
  const h = arena.alloc(Float64Array, N_POST);
  g.set(G0);
  h.set(H0);
  const rowStart = arena.alloc(Uint32Array, ROW.length);
  rowStart.set(ROW);
  const post = arena.alloc(Uint32Array, POST.length);
  post.set(POST);
  const w = weight === 'one' ? 0.5 : arena.alloc(weight === 'f64' ? Float64Array : Float32Array, WEIGHTS.length);
  if (typeof w !== 'number') w.set(WEIGHTS);
  const stored: StoredSynapses = { format: 'csr', nPre: 2, nPost: N_POST, rowStart, post, weight: w, count: POST.length };
  const block = { instance, states: new Map([['g', g], ['h', h]]) } as unknown as JsBlock;
  const spikes = arena.alloc(Int32Array, SPIKES.length);
  spikes.set(SPIKES);
  const run = instantiatePropagate(propagateWasmKernel(block, stored, arena, new Map()), arena.memory, RNG);
  return { instance, g, h, w, run: () => run(spikes, SPIKES.length) };
}

/** The onPre statements applied by the interpreter, synapse by synapse. */
function interpret(instance: ModelInstance, w: number | ArrayLike<number>): { g: number[]; h: number[] } {
  const states: Record<string, number[]> = { g: [...G0], h: [...H0] };
  for (const pre of SPIKES) {
    for (let j = ROW[pre]!; j < ROW[pre + 1]!; j++) {
      const i = POST[j]!;
      const temps = new Map<string, number>();
      const lookup = (name: string, role: string): number => {
        if (role === 'state') return states[name]![i]!;
        if (role === 'temp') return temps.get(name)!;
        if (role === 'weight') return typeof w === 'number' ? w : w[j]!;
        const v = instance.values.get(name)!;
        return typeof v === 'number' ? v : v[i]!;
      };
      for (const s of instance.model.onPre) {
        const value = evaluate(s.value as Expr, { lookup, random: () => Number.NaN });
        if (s.role === 'temp') temps.set(s.target, value);
        else states[s.target]![i] = value;
      }
    }
  }
  return states as { g: number[]; h: number[] };
}

const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : String(x)));

function check(onPre: string[], weight: Weight = 'f64', rewrite?: (s: readonly Assign[]) => readonly Assign[]) {
  const k = setUp(onPre, weight, rewrite);
  k.run();
  const want = interpret(k.instance, k.w);
  expect({ g: bits(k.g), h: bits(k.h) }, onPre.join('; ')).toEqual({ g: bits(want.g), h: bits(want.h) });
}

const EXPRESSIONS = [
  'g + w', 'g - w * p', 'g * q', 'g / h', 'h / g',  '(g ** 2)', '(h ** p)', '-g', '-(g + w)',
  'g < h', 'g <= h', 'g > h', 'g >= h', 'g == h', 'g != h', 'g == 0', 'q != 0',
  '!g', '!q + 1', '(g && h) * 3', '(g || q) * 3', '(g < h && q > 0) + 1', '(g > h || w < 0) + 1',
  'g > h ? w : q', 'q ? g : h', 'w < 0 ? g - w : g + w',
  'min(g, h)', 'max(g, h)', 'min(h, g)', 'clip(g + w, -1, 1)', 'clip(q, 0, 2)',
  'sign(g)', 'sign(q)', 'sign(w)', 'sign(g - h)',
  // Results of every kind of node tested for truth (each must be turned into an i32 condition).
  '(3 ? 1 : 2) + (w ? 4 : 8) + (p ? 16 : 0) + (q ? 32 : 0) + (g ? 64 : 0)',
  '(-g ? 1 : 2) + ((g + h) ? 4 : 8) + ((g ** 2) ? 16 : 0) + ((q ? g : h) ? 32 : 0)',
  '(abs(g) ? 1 : 2) + (min(g, h) ? 4 : 8) + (clip(g, 0, 1) ? 16 : 0) + (sign(g) ? 32 : 0) + (exp(g) ? 64 : 0)', 'floor(g * 3)', 'ceil(g * 3)', 'sqrt(abs(g))', 'abs(g - h)',
  'exp(g)', 'expm1(g)', 'log(abs(g) + 1)', 'log1p(abs(h))', 'sin(g)', 'cos(h)', 'tan(q)', 'tanh(g)',
  '0.1 + 0.2 * g',
];

describe('WebAssembly propagation printer equals the interpreter, synapse by synapse', () => {
  it.each(EXPRESSIONS)('g = %s', (expr) => {
    check([`g = ${expr}`]);
  });

  it.each(['one', 'f64', 'f32'] as const)('weights: %s', (weight) => {
    check(['g += w * p', 'h = h - w'], weight);
  });

  it('NaN is false in conditions and logic (JavaScript truthiness), where the interpreter has it true', () => {
    // (h - h) / (h - h) is 0 / 0, NaN at every post: the JavaScript kernel takes the else branch.
    const nan = '((h - h) / (h - h))';
    const k = setUp([`g = (${nan} ? 1 : 2) + !${nan} * 4 + (${nan} && 1) * 8 + (${nan} || 0) * 16`], 'f64');
    k.run();
    expect(Array.from(k.g)).toEqual([6, 6, 6, 6]);
  });

  it('two states written in order: the second reads the first as just written', () => {
    check(['g = g * w + 1', 'h = h - g']);
  });

  it('temporaries (as integrators emit them) are locals read by later statements', () => {
    // Models write no temporaries in onPre; the printer supports them, so they are made here:
    // tmp1 = g * w; tmp2 = tmp1 + h; g = tmp2 * tmp1; h = tmp2 - g.
    const temp = (name: string) => ref(name, 'temp');
    check(['g = g * w', 'h = g + h', 'g = h * g', 'h = h - g'], 'f64', (s) => [
      { target: 'tmp1', role: 'temp', value: s[0]!.value },
      { target: 'tmp2', role: 'temp', value: substitute(s[1]!.value, new Map([['g', temp('tmp1')]])) },
      { target: 'g', role: 'state', value: substitute(s[2]!.value, new Map([['h', temp('tmp2')], ['g', temp('tmp1')]])) },
      { target: 'h', role: 'state', value: substitute(s[3]!.value, new Map([['h', temp('tmp2')]])) },
    ]);
  });

  it('more temporaries than scratch locals: each its own local, the weight and the scratch kept', () => {
    // t1 = g * w; t2 = t1 + h; t3 = t2 - t1; g = sign(t3 - h) + t3 * w + (t2 ? 1 : 0)
    const temp = (name: string) => ref(name, 'temp');
    check(['g = g * w', 'h = g + h', 'h = h - g', 'g = sign(h - h) + h * w + (h ? 1 : 0)'], 'f64', (s) => [
      { target: 't1', role: 'temp', value: s[0]!.value },
      { target: 't2', role: 'temp', value: substitute(s[1]!.value, new Map([['g', temp('t1')]])) },
      { target: 't3', role: 'temp', value: substitute(s[2]!.value, new Map([['h', temp('t2')], ['g', temp('t1')]])) },
      { target: 'g', role: 'state', value: substitute(s[3]!.value, new Map([['h', temp('t3')]])) },
    ]);
  });

  it('a dense table and a function without a WebAssembly form are internal errors', () => {
    const dense = { format: 'dense', nPre: 1, nPost: 1, weight: new Float64Array(1), lo: 0, hi: 1 } as StoredSynapses;
    const block = { instance: { model: { onPre: [] }, values: new Map() }, states: new Map() } as unknown as JsBlock;
    expect(() => propagateWasmKernel(block, dense, new WasmArena(1024, false), new Map())).toThrow('internal: WebAssembly propagation needs a sparse table');
    expect(() => check(['g = g + 1'], 'f64', (s) => [{ ...s[0]!, value: { kind: 'call', fn: 'nosuch', args: [] } as unknown as Expr }])).toThrow('internal: no WebAssembly form for nosuch');
  });

  it('a random draw in propagation is an internal error, never a silent NaN (compileModel refuses them in onPre)', () => {
    const withRand = (s: readonly Assign[]) => [{ ...s[0]!, value: { kind: 'binary', op: '+', left: s[0]!.value, right: { kind: 'call', fn: 'rand', args: [], site: 0 } } as Expr }];
    expect(() => setUp(['g = g + 1'], 'f64', withRand)).toThrow("internal: random call rand() in a synapse model's onPre");
  });
});
