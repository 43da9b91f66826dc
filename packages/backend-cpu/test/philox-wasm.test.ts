/**
 * Known-answer test of the WebAssembly Philox4x32-10 (src/wasm/philox.ts) against core's
 * JavaScript `CounterRng`: for several seeds (key word 1 zero and not), thousands of counter pairs
 * (random 32-bit indices, steps, sites and streams, plus the edge values 0, 2^31 and 2^32 − 1 and
 * the shared index), both lanes of each draw must equal `CounterRng.uniform` and `CounterRng.normal`
 * to the bit. `uniform` is word 0 / 2^32 exactly, so equal uniforms are equal words 0; `normal`
 * reads words 0 and 1.
 */
import { describe, expect, it } from 'vitest';
import { CounterRng, SHARED_INDEX, hostRng } from '@spikeflow/core/rng';
import { I32, instantiate, moduleBytes, OP, STEP_FUNCTION } from '../src/wasm/assembler.js';
import { WasmArena } from '../src/wasm/arena.js';
import { PHILOX_FUNCTIONS, PHILOX_GLOBALS, RANDOM_FUNCTION } from '../src/wasm/philox.js';

/** A module whose `step(index0, index1, step, site, stream)` stores uniform (f64x2) at 0 and normal at 16. */
function philoxProbe(arena: WasmArena): Uint8Array {
  const body: number[] = [];
  for (const [fn, at] of [
    [RANDOM_FUNCTION.uniform, 0],
    [RANDOM_FUNCTION.normal, 16],
  ] as const) {
    body.push(OP.i32Const, 0);
    for (let k = 0; k < 5; k++) body.push(OP.localGet, k);
    body.push(OP.call, fn, 0xfd, 0x0b, 4, at); // v128.store align 16, offset `at`
  }
  body.push(OP.end);
  return moduleBytes({ params: [I32, I32, I32, I32, I32], results: [], locals: [], body, shared: false, pages: arena.pages, functions: PHILOX_FUNCTIONS, globals: PHILOX_GLOBALS });
}

const bits = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
const EDGES = [0, 1, 2 ** 31, 2 ** 32 - 1];

describe('Philox4x32-10 in WebAssembly', () => {
  it("the draw functions are the module's first own functions", () => {
    expect(RANDOM_FUNCTION).toEqual({ uniform: STEP_FUNCTION, normal: STEP_FUNCTION + 1 });
  });

  for (const seed of [0, 1, 42, 2 ** 32 - 1, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER]) {
    it(`equals CounterRng word for word and double for double (seed ${seed}, 6000 draws of each kind)`, () => {
      const rng = new CounterRng(seed);
      const arena = new WasmArena(64, false);
      const out = new Float64Array(arena.memory.buffer, 0, 4);
      const step = instantiate(philoxProbe(arena), arena.memory, rng).step as (i0: number, i1: number, step: number, site: number, stream: number) => void;
      const pick = hostRng(seed, 'philox-wasm test');
      const u32 = () => (pick.uniform() < 0.1 ? EDGES[Math.floor(pick.uniform() * EDGES.length)]! : Math.floor(pick.uniform() * 2 ** 32));
      const got: string[] = [];
      const want: string[] = [];
      const gotWords: number[] = [];
      const wantWords: number[] = [];
      for (let n = 0; n < 3000; n++) {
        const shared = n % 10 === 0;
        const i0 = shared ? SHARED_INDEX : u32();
        // The kernels' pair: neuron i and i + 1 (and, as here, any two indices).
        const i1 = shared ? SHARED_INDEX : n % 2 === 0 ? (i0 + 1) % 2 ** 32 : u32();
        const [s, site, stream] = [n % 3 === 0 ? n : u32(), n % 5 === 0 ? n % 4 : u32(), u32()];
        step(i0, i1, s, site, stream);
        got.push(...Array.from(out, bits));
        gotWords.push(out[0]! * 2 ** 32, out[1]! * 2 ** 32); // uniform · 2^32 is word 0, exactly
        wantWords.push(rng.word(stream, s, i0, site), rng.word(stream, s, i1, site));
        want.push(...[rng.uniform(stream, s, i0, site), rng.uniform(stream, s, i1, site), rng.normal(stream, s, i0, site), rng.normal(stream, s, i1, site)].map(bits));
      }
      expect(gotWords).toEqual(wantWords);
      expect(got).toEqual(want);
    });
  }
});
