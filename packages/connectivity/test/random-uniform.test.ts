import { describe, expect, it } from 'vitest';
import { hostRng } from '@spikeflow/core/rng';
import { randomUniformConnect } from '@spikeflow/connectivity';
import { PATH, columnSums, mean } from './helpers.js';

describe('randomUniformConnect (the seed: c ~ U(0,1), w = ((wmax − wmin) + wmin)·J/Σ_pre c, weight w·c)', () => {
  const [nPre, nPost, wmin, wmax, J] = [80, 300, 5, 20, 1.5];
  const table = randomUniformConnect({ wmin, wmax, J }).build(nPre, nPost, hostRng(3, 'ru'), PATH);

  it('gives every postsynaptic neuron a total weight of exactly J·wmax (relative 1e-12)', () => {
    expect(table.format).toBe('dense');
    for (const s of columnSums(table)) expect(Math.abs(s - J * wmax) / (J * wmax)).toBeLessThan(1e-12);
  });

  it('equals J·wmax·c/Σ_pre c with c the row-major uniforms of the stream (relative 1e-12), all weights positive', () => {
    const rng = hostRng(3, 'ru');
    const c = Float64Array.from({ length: nPre * nPost }, () => rng.uniform());
    const s = new Float64Array(nPost);
    for (let k = 0; k < c.length; k++) s[k % nPost] = (s[k % nPost] as number) + (c[k] as number);
    let worst = 0;
    for (let k = 0; k < c.length; k++) {
      const expected = (J * wmax * (c[k] as number)) / (s[k % nPost] as number);
      worst = Math.max(worst, Math.abs((table.weights[k] as number) - expected) / expected);
    }
    expect(worst).toBeLessThan(1e-12);
    expect(Math.min(...table.weights)).toBeGreaterThan(0);
    // The randomness is all in c: within a column, weight ratios are ratios of the uniforms.
    const ratio = (table.weights[0] as number) / (table.weights[nPost] as number);
    expect(Math.abs(ratio - (c[0] as number) / (c[nPost] as number)) / ratio).toBeLessThan(1e-12);
    expect(Math.abs(mean(c) - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / c.length));
  });

  it('ignores wmin, as the seed does: same stream → identical tables for wmin 5 and wmin 0', () => {
    const a = randomUniformConnect({ wmin: 5, wmax: 20 }).build(10, 10, hostRng(1, 'u'), PATH).weights;
    const b = randomUniformConnect({ wmin: 0, wmax: 20 }).build(10, 10, hostRng(1, 'u'), PATH).weights;
    expect(b).toEqual(a);
  });

  it('same seed → identical, other seed → different', () => {
    const c = randomUniformConnect({ wmin, wmax });
    const a = c.build(20, 30, hostRng(5, 'x'), PATH).weights;
    expect(c.build(20, 30, hostRng(5, 'x'), PATH).weights).toEqual(a);
    expect(c.build(20, 30, hostRng(6, 'x'), PATH).weights).not.toEqual(a);
  });
});
