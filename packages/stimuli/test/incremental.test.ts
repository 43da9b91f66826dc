import { describe, expect, it } from 'vitest';
import { CounterRng, SHARED_INDEX, streamId } from '@spikeflow/core/rng';
import { incrementalStepNoise, materialize, seedRampCount, UNLIMITED_RAMPS } from '@spikeflow/stimuli';
import { correlation, moments } from './helpers.js';

/** Direct loop over the seed's description: start at I; per ramp k add the ramp then the plateau. */
function loopProfile(steps: number, I: number, scale: number, gap: number, rampCount: number): Float64Array {
  const v = new Float64Array(steps).fill(1);
  for (let k = 1; k <= rampCount; k++) {
    const end = k * gap * scale;
    if (end - scale >= steps) break; // nothing of this ramp or later ones is inside the run
    for (let s = end - scale; s < steps; s++) v[s] = (v[s] as number) + (s < end ? (s - (end - scale)) / scale : 1);
  }
  return v.map((x) => I * x);
}

const profile = (steps: number, I: number, scale: number, gap: number, rampCount?: number) =>
  materialize(incrementalStepNoise({ I_value: I, scale, gap, noise: false, ...(rampCount !== undefined ? { rampCount } : {}) }), {
    steps,
    size: 2,
    dt: 0.5,
    seed: 3,
  });

describe('incrementalStepNoise profile (noise: false)', () => {
  it("matches the seed's description for time=1000, scale=100, gap=5 (exact)", () => {
    const K = seedRampCount(1000, 100, 5);
    expect(K).toBe(2);
    const I = profile(1000, 20, 100, 5, K);
    const at = (s: number) => I.get(s, 0);
    for (const s of [0, 100, 399, 400]) expect(at(s)).toBe(20);
    expect(at(450)).toBe(30);
    for (const s of [500, 700, 899, 900]) expect(at(s)).toBe(40);
    expect(at(950)).toBe(50);
    expect(at(999)).toBeCloseTo(59.8, 12); // ramp reaches 60 at step 1000, just past the run
    for (let s = 0; s < 1000; s++) expect(I.get(s, 1)).toBe(at(s)); // every neuron the same
    // with K = 2, a longer run stays at 60 from step 1000 on
    const longer = profile(2000, 20, 100, 5, K);
    for (const s of [1000, 1400, 1500, 1999]) expect(longer.get(s, 0)).toBe(60);
  });

  it("matches the seed's description for gap=3: 20 → 40 → 60 → 80, ramps at 200–300, 500–600, 800–900 (exact)", () => {
    const K = seedRampCount(1000, 100, 3);
    expect(K).toBe(3);
    const I = profile(1000, 20, 100, 3, K);
    const at = (s: number) => I.get(s, 0);
    for (const s of [0, 199, 200]) expect(at(s)).toBe(20);
    expect(at(250)).toBe(30);
    for (const s of [300, 499, 500]) expect(at(s)).toBe(40);
    expect(at(550)).toBe(50);
    for (const s of [600, 799, 800]) expect(at(s)).toBe(60);
    expect(at(850)).toBe(70);
    for (const s of [900, 950, 999]) expect(at(s)).toBe(80);
  });

  it('closed form equals a direct loop for many (scale, gap, rampCount) (exact, every step)', () => {
    const steps = 1200;
    for (const scale of [1, 2, 7, 50, 100]) {
      for (const gap of [1, 2, 3, 5]) {
        const unlimited = Math.ceil(steps / (gap * scale)) + 2;
        for (const rampCount of [0, 1, 2, 3, seedRampCount(steps, scale, gap), Infinity]) {
          const got = profile(steps, 20, scale, gap, rampCount);
          const want = loopProfile(steps, 20, scale, gap, rampCount === Infinity ? unlimited : rampCount);
          for (let s = 0; s < steps; s++) {
            if (got.get(s, 0) !== want[s]) {
              throw new Error(`scale=${scale} gap=${gap} rampCount=${rampCount}: step ${s} gives ${got.get(s, 0)}, loop gives ${want[s]}`);
            }
          }
        }
      }
    }
  });

  it('rampCount defaults to no limit (stored as 2^32)', () => {
    const src = incrementalStepNoise({ I_value: 1, scale: 10, gap: 2 });
    expect(src.kind === 'model' && src.parameters?.ramp_count).toBe(UNLIMITED_RAMPS);
    const I = profile(1000, 1, 10, 2);
    expect(I.get(999, 0)).toBe(loopProfile(1000, 1, 10, 2, 1000)[999]);
  });

  it('rejects bad options naming the option', () => {
    expect(() => incrementalStepNoise({ I_value: 20, scale: 2.5, gap: 5 })).toThrow(/incrementalStepNoise\.scale/);
    expect(() => incrementalStepNoise({ I_value: 20, scale: 100, gap: 0 })).toThrow(/incrementalStepNoise\.gap/);
    expect(() => incrementalStepNoise({ I_value: 20, scale: 100, gap: 5, rampCount: -1 })).toThrow(/incrementalStepNoise\.rampCount/);
    expect(() => incrementalStepNoise({ I_value: NaN, scale: 100, gap: 5 })).toThrow(/incrementalStepNoise\.I_value/);
  });
});

describe('incrementalStepNoise noise', () => {
  const steps = 3000;
  const size = 40;
  const opts = { I_value: 20, scale: 100, gap: 5, rampCount: 6 };
  const noisy = materialize(incrementalStepNoise(opts), { steps, size, dt: 1, seed: 11, name: 'ep1' });
  const bare = materialize(incrementalStepNoise({ ...opts, noise: false }), { steps, size, dt: 1, seed: 11, name: 'ep1' });
  const residual = (s: number, i: number) => noisy.get(s, i) - bare.get(s, i);

  it('is randn() per neuron + randn_shared() per step under the draw contract (1e-9)', () => {
    const rng = new CounterRng(11);
    const stream = streamId('ep1');
    for (let s = 0; s < 200; s++) {
      for (let i = 0; i < size; i++) {
        const want = rng.normal(stream, s, i, 0) + rng.normal(stream, s, SHARED_INDEX, 1);
        expect(Math.abs(residual(s, i) - want)).toBeLessThan(1e-9);
      }
    }
  });

  it('residual variance ≈ 2 (1 per-neuron + 1 shared; within 5 standard errors ≈ 0.14), mean ≈ 0', () => {
    const all = new Float64Array(steps * size);
    for (let s = 0; s < steps; s++) for (let i = 0; i < size; i++) all[s * size + i] = residual(s, i);
    const { mean, variance } = moments(all);
    // The shared term has only `steps` draws: se(var) ≈ sqrt(2/steps + 2/(steps·size)) ≈ 0.027.
    expect(Math.abs(variance - 2)).toBeLessThan(5 * Math.sqrt(2 / steps + 2 / (steps * size)));
    // se(mean) ≈ sqrt(1/steps + 1/(steps·size))
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(1 / steps + 1 / (steps * size)));
  });

  it('the shared part is common to a row: row means of two disjoint halves correlate (> 0.9; expected ≈ 0.95)', () => {
    const a = new Float64Array(steps);
    const b = new Float64Array(steps);
    const within: number[] = [];
    for (let s = 0; s < steps; s++) {
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < size / 2; i++) sa += residual(s, i);
      for (let i = size / 2; i < size; i++) sb += residual(s, i);
      a[s] = sa / (size / 2);
      b[s] = sb / (size / 2);
      const m = (sa + sb) / size;
      for (let i = 0; i < size; i++) within.push(residual(s, i) - m);
    }
    expect(correlation(a, b)).toBeGreaterThan(0.9);
    // row means: var ≈ 1 + 1/size (se ≈ sqrt(2/steps)·1.03 ≈ 0.027)
    const rowMean = moments(Float64Array.from(a, (x, s) => (x + (b[s] as number)) / 2)).variance;
    expect(Math.abs(rowMean - (1 + 1 / size))).toBeLessThan(5 * Math.sqrt(2 / steps) * (1 + 1 / size));
    // deviations from the row mean: var ≈ 1 − 1/size (pooled over steps·size, se ≈ 0.005)
    const v = within.reduce((acc, x) => acc + x * x, 0) / (steps * (size - 1));
    expect(Math.abs(v - 1)).toBeLessThan(5 * Math.sqrt(2 / (steps * (size - 1))));
  });
});
