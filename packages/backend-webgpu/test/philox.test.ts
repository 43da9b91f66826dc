import { afterAll, describe, expect, it } from 'vitest';
import { CounterRng, philox4x32, SHARED_INDEX } from '@spikeflow/core/rng';
import { philoxOnDevice } from '@spikeflow/backend-webgpu';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

describe.skipIf(!backend)('Philox4x32-10 in WGSL', () => {
  // Counters spread over the whole 32-bit range, including the extremes and the shared index.
  const inputs: [number, number, number, number][] = [];
  const edges = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, SHARED_INDEX];
  for (const a of edges) for (const b of edges) inputs.push([a, b, (a ^ b) >>> 0, (a + 3) >>> 0]);
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  for (let k = 0; k < 4000; k++) inputs.push([next(), next() % 100000, next() % 50000, next() % 8]);

  it.each([0, 1, 42, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER])('gives the same four words as core philox4x32 (seed %d)', async (seed) => {
    const got = await philoxOnDevice(backend!.device, seed, inputs);
    const words = new Uint32Array(4);
    const k0 = seed >>> 0;
    const k1 = Math.floor(seed / 2 ** 32) >>> 0;
    let mismatches = 0;
    inputs.forEach(([stream, step, index, site], q) => {
      philox4x32(index, step, site, stream, k0, k1, words);
      for (let j = 0; j < 4; j++) if (got.words[4 * q + j] !== words[j]) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('uniform draws are the float32 of CounterRng.uniform; normal draws agree to float32 accuracy', async () => {
    const seed = 7;
    const rng = new CounterRng(seed);
    const got = await philoxOnDevice(backend!.device, seed, inputs);
    let worst = 0;
    inputs.forEach(([stream, step, index, site], q) => {
      expect(got.uniform[q]).toBe(Math.fround(rng.uniform(stream, step, index, site)));
      const want = rng.normal(stream, step, index, site);
      worst = Math.max(worst, Math.abs(got.normal[q]! - want) / Math.max(1, Math.abs(want)));
    });
    // Box–Muller in float32 (log, sqrt, cos on the GPU) against float64 in JavaScript.
    expect(worst).toBeLessThan(2e-5);
  });
});
