import { describe, expect, it } from 'vitest';
import { CounterRng, SHARED_INDEX, streamId } from '@spikeflow/core/rng';
import { materialize, randomWalkNoise } from '@spikeflow/stimuli';
import { moments } from './helpers.js';

describe('randomWalkNoise', () => {
  const steps = 2000;
  const size = 30;
  const W = materialize(randomWalkNoise(), { steps, size, dt: 1, seed: 21, name: 'ep1' });

  it('starts at 200 (row 0 = start, as the seed) and never goes below 0', () => {
    for (let i = 0; i < size; i++) expect(W.get(0, i)).toBe(200);
    for (const x of W.data) expect(x).toBeGreaterThanOrEqual(0);
  });

  it('follows |prev + randn + 2·randn_shared| under the draw contract (exact)', () => {
    const small = materialize(randomWalkNoise({ start: 1 }), { steps: 300, size: 5, dt: 1, seed: 4, stream: 'walk' });
    const rng = new CounterRng(4);
    const stream = streamId('walk');
    let reflected = 0;
    for (let s = 1; s < 300; s++) {
      for (let i = 0; i < 5; i++) {
        const raw = small.get(s - 1, i) + 1 * rng.normal(stream, s, i, 0) + 2 * rng.normal(stream, s, SHARED_INDEX, 1);
        if (raw < 0) reflected++;
        expect(small.get(s, i)).toBe(Math.abs(raw));
      }
    }
    expect(reflected).toBeGreaterThan(0); // start = 1 makes the walk hit 0, exercising abs()
  });

  it('increments have variance 1 + 4: shared part ≈ 4, per-neuron part ≈ 1 (5 standard errors)', () => {
    // Only rows with every neuron above 20 nA: there a reflection would need a 9-sigma step.
    const rowMeans: number[] = [];
    let within = 0;
    let count = 0;
    const all: number[] = [];
    for (let s = 1; s < steps; s++) {
      let ok = true;
      for (let i = 0; i < size; i++) if (W.get(s - 1, i) <= 20) ok = false;
      if (!ok) continue;
      const d = Array.from({ length: size }, (_, i) => W.get(s, i) - W.get(s - 1, i));
      const m = d.reduce((a, b) => a + b, 0) / size;
      rowMeans.push(m);
      for (const x of d) {
        within += (x - m) ** 2;
        all.push(x);
      }
      count++;
    }
    expect(count).toBeGreaterThan(steps / 2);
    const shared = moments(rowMeans).variance; // ≈ 4 + 1/size, se ≈ sqrt(2/count)·4
    expect(Math.abs(shared - (4 + 1 / size))).toBeLessThan(5 * Math.sqrt(2 / count) * (4 + 1 / size));
    const own = within / (count * (size - 1)); // ≈ 1, se ≈ sqrt(2/(count(size−1)))
    expect(Math.abs(own - 1)).toBeLessThan(5 * Math.sqrt(2 / (count * (size - 1))));
    const total = moments(all).variance; // ≈ 5; dominated by the shared part's se ≈ 4·sqrt(2/count)
    expect(Math.abs(total - 5)).toBeLessThan(5 * 4 * Math.sqrt(2 / count) + 0.1);
  });

  it('takes start, std and sharedStd', () => {
    const m = materialize(randomWalkNoise({ start: 50, std: 0, sharedStd: 0 }), { steps: 10, size: 2, dt: 1, seed: 0 });
    expect([...m.data]).toEqual(new Array(20).fill(50));
    expect(() => randomWalkNoise({ sharedStd: -2 })).toThrow(/randomWalkNoise\.sharedStd/);
  });
});
