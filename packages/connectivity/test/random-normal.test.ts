import { describe, expect, it } from 'vitest';
import { hostRng, type HostRng } from '@spikeflow/core/rng';
import { randomNormalConnect } from '@spikeflow/connectivity';
import { PATH, columnSums, mean, variance } from './helpers.js';

/** The seed's formula, written out with the documented draw order: all c, then all normals. */
function seedReference(nPre: number, nPost: number, wmean: number, wstd: number, J: number, rng: HostRng) {
  const n = nPre * nPost;
  const c = Float64Array.from({ length: n }, () => rng.uniform());
  const s = new Float64Array(nPost);
  for (let k = 0; k < n; k++) s[k % nPost] = (s[k % nPost] as number) + (c[k] as number);
  const z = Float64Array.from({ length: n }, () => rng.normal(wmean, wstd));
  const eff = Float64Array.from({ length: n }, (_, k) => (((z[k] as number) * J) / (s[k % nPost] as number)) * (c[k] as number));
  return { c, s, z, eff };
}

describe('randomNormalConnect (the seed: c ~ U(0,1), w = N(wmean, wstd)·J/Σ_pre c, weight w·c)', () => {
  const nPre = 100;
  const nPost = 4000;
  const [wmean, wstd, J] = [20, 5, 2];
  const table = randomNormalConnect({ wmean, wstd, J }).build(nPre, nPost, hostRng(11, 'rn'), PATH);
  const ref = seedReference(nPre, nPost, wmean, wstd, J, hostRng(11, 'rn'));

  it('is dense and equals the seed formula with the documented draw order (relative 1e-12)', () => {
    expect(table.format).toBe('dense');
    let worst = 0;
    for (let k = 0; k < table.weights.length; k++) {
      const r = ref.eff[k] as number;
      worst = Math.max(worst, Math.abs((table.weights[k] as number) - r) / Math.abs(r));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('column sums have mean J·wmean (within 5 standard errors)', () => {
    const sums = columnSums(table);
    const se = Math.sqrt(variance(sums) / nPost);
    expect(Math.abs(mean(sums) - J * wmean)).toBeLessThan(5 * se);
  });

  it('column sums standardised by their exact conditional spread J·wstd·√Σc²/Σc are N(0, 1) (mean ±5/√n, variance ±5·√(2/n))', () => {
    const sums = columnSums(table);
    const sq = new Float64Array(nPost);
    for (let k = 0; k < ref.c.length; k++) sq[k % nPost] = (sq[k % nPost] as number) + (ref.c[k] as number) ** 2;
    const z = Float64Array.from(sums, (x, j) => (x - J * wmean) / ((J * wstd * Math.sqrt(sq[j] as number)) / (ref.s[j] as number)));
    expect(Math.abs(mean(z))).toBeLessThan(5 / Math.sqrt(nPost));
    expect(Math.abs(variance(z) - 1)).toBeLessThan(5 * Math.sqrt(2 / nPost));
  });

  it('recovers c ~ Uniform(0, 1) and w = w_eff/c·Σc/J ~ Normal(wmean, wstd) (moments within 5 standard errors, histogram χ² < 27.9)', () => {
    const n = ref.c.length;
    expect(Math.abs(mean(ref.c) - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance(ref.c) - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n)); // sample variance's standard error: √(Var((c − ½)²)/n), Var((c − ½)²) = 1/80 − 1/144 = 1/180
    const bins = new Float64Array(10);
    for (const c of ref.c) bins[Math.floor(c * 10)] = (bins[Math.floor(c * 10)] as number) + 1;
    const chi2 = [...bins].reduce((a, o) => a + (o - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // χ²(9) at p = 0.001

    const w = Float64Array.from(table.weights, (x, k) => ((x / (ref.c[k] as number)) * (ref.s[k % nPost] as number)) / J);
    let worst = 0;
    for (let k = 0; k < n; k++) worst = Math.max(worst, Math.abs((w[k] as number) - (ref.z[k] as number)) / Math.abs(ref.z[k] as number));
    expect(worst).toBeLessThan(1e-9);
    expect(Math.abs(mean(w) - wmean)).toBeLessThan(5 * (wstd / Math.sqrt(n)));
    expect(Math.abs(Math.sqrt(variance(w)) - wstd)).toBeLessThan(5 * (wstd / Math.sqrt(2 * n)));
  });

  it('depends only on the stream: same seed → identical, other seed → different', () => {
    const c = randomNormalConnect({ wmean, wstd });
    const a = c.build(20, 30, hostRng(5, 'x'), PATH).weights;
    expect(c.build(20, 30, hostRng(5, 'x'), PATH).weights).toEqual(a);
    expect(c.build(20, 30, hostRng(6, 'x'), PATH).weights).not.toEqual(a);
  });

  it('reports kind and settings with J defaulted', () => {
    const c = randomNormalConnect({ wmean: 20, wstd: 5 });
    expect(c.kind).toBe('random-normal');
    expect(c.settings).toEqual({ wmean: 20, wstd: 5, J: 1 });
  });
});
