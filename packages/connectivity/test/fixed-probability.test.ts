import { describe, expect, it } from 'vitest';
import { toDense } from '@spikeflow/core/backend';
import { hostRng } from '@spikeflow/core/rng';
import { fixedProbabilityConnect } from '@spikeflow/connectivity';
import { PATH, degrees, expectValidCsr, mean, noRandomness, variance } from './helpers.js';

describe('fixedProbabilityConnect', () => {
  const [n, p] = [2000, 0.02];
  const table = fixedProbabilityConnect({ p, weight: 0.5 }).build(n, n, hostRng(1, 'fp'), PATH);

  it('builds a valid CSR table with rows sorted by post index and float64 weights', () => {
    expectValidCsr(table);
    expect(table.weights).toBeInstanceOf(Float64Array);
    expect(table.weights.every((w) => w === 0.5)).toBe(true);
  });

  it('has p·nPre·nPost synapses within 4 standard deviations (2000 × 2000, p = 0.02)', () => {
    const expected = p * n * n;
    expect(Math.abs(table.post.length - expected)).toBeLessThan(4 * Math.sqrt(expected * (1 - p)));
  });

  it('has Binomial(n, p) out- and in-degrees: mean and variance within 5 standard errors', () => {
    const m = n * p;
    const v = n * p * (1 - p);
    for (const counts of [degrees(table).out, degrees(table).in]) {
      expect(Math.abs(mean(counts) - m)).toBeLessThan(5 * Math.sqrt(v / n));
      expect(Math.abs(variance(counts) - v)).toBeLessThan(5 * v * Math.sqrt(2 / (n - 1)));
    }
  });

  it('connects each pair with probability p, across row boundaries too (5 × 5, p = 0.3, 4000 builds, within 5 standard errors)', () => {
    const runs = 4000;
    const hits = new Float64Array(25);
    const c = fixedProbabilityConnect({ p: 0.3, weight: 1 });
    for (let r = 0; r < runs; r++) {
      const d = toDense(c.build(5, 5, hostRng(r, 'pairs'), PATH)).weights;
      for (let k = 0; k < 25; k++) hits[k] = (hits[k] as number) + (d[k] as number);
    }
    const se = Math.sqrt((0.3 * 0.7) / runs);
    for (const h of hits) expect(Math.abs(h / runs - 0.3)).toBeLessThan(5 * se);
  });

  it('handles non-square shapes (300 × 700, p = 0.1)', () => {
    const t = fixedProbabilityConnect({ p: 0.1, weight: 1 }).build(300, 700, hostRng(2, 'ns'), PATH);
    expectValidCsr(t);
    const expected = 0.1 * 300 * 700;
    expect(Math.abs(t.post.length - expected)).toBeLessThan(4 * Math.sqrt(expected * 0.9));
    expect(Math.abs(mean(degrees(t).in) - 30)).toBeLessThan(5 * Math.sqrt(27 / 700));
  });

  it('excludes self-connections on request: no diagonal, p·n·(n − 1) synapses within 4 standard deviations', () => {
    const t = fixedProbabilityConnect({ p: 0.05, weight: 1, allowSelfConnections: false }).build(1000, 1000, hostRng(3, 'self'), PATH);
    expectValidCsr(t);
    let diagonal = 0;
    for (let i = 0; i < 1000; i++) for (let k = t.rowStart[i] as number; k < (t.rowStart[i + 1] as number); k++) if (t.post[k] === i) diagonal++;
    expect(diagonal).toBe(0);
    const expected = 0.05 * 1000 * 999;
    expect(Math.abs(t.post.length - expected)).toBeLessThan(4 * Math.sqrt(expected * 0.95));
  });

  it('p = 0 gives no synapses and draws nothing; p = 1 gives every pair (less the diagonal when excluded)', () => {
    const none = fixedProbabilityConnect({ p: 0, weight: 1 }).build(50, 60, noRandomness, PATH);
    expectValidCsr(none);
    expect(none.post.length).toBe(0);
    const all = fixedProbabilityConnect({ p: 1, weight: 2 }).build(50, 60, noRandomness, PATH);
    expectValidCsr(all);
    expect(all.post.length).toBe(3000);
    expect([...toDense(all).weights].every((w) => w === 2)).toBe(true);
    const noSelf = fixedProbabilityConnect({ p: 1, weight: 1, allowSelfConnections: false }).build(50, 50, noRandomness, PATH);
    expectValidCsr(noSelf);
    expect(noSelf.post.length).toBe(50 * 49);
  });

  it('same seed → identical table, different seed → different', () => {
    const c = fixedProbabilityConnect({ p: 0.1, weight: { normal: { mean: 1, std: 0.2 } } });
    const a = c.build(200, 300, hostRng(9, 'det'), PATH);
    const b = c.build(200, 300, hostRng(9, 'det'), PATH);
    expect([b.rowStart, b.post, b.weights]).toEqual([a.rowStart, a.post, a.weights]);
    const other = c.build(200, 300, hostRng(10, 'det'), PATH);
    expect(other.post).not.toEqual(a.post);
  });

  it('draws the structure before the weights: the weight spec does not change which pairs connect', () => {
    const a = fixedProbabilityConnect({ p: 0.1, weight: 1 }).build(100, 100, hostRng(4, 's'), PATH);
    const b = fixedProbabilityConnect({ p: 0.1, weight: { uniform: { min: 0, max: 1 } } }).build(100, 100, hostRng(4, 's'), PATH);
    expect([b.rowStart, b.post]).toEqual([a.rowStart, a.post]);
  });

  it('draws distributed weights per synapse: normal (mean, std within 5 standard errors), uniform (in range, mean within 5 standard errors)', () => {
    const normal = fixedProbabilityConnect({ p, weight: { normal: { mean: 0.5, std: 0.1 } } }).build(n, n, hostRng(5, 'wn'), PATH).weights;
    expect(Math.abs(mean(normal) - 0.5)).toBeLessThan(5 * (0.1 / Math.sqrt(normal.length)));
    expect(Math.abs(Math.sqrt(variance(normal)) - 0.1)).toBeLessThan(5 * (0.1 / Math.sqrt(2 * normal.length)));
    const uniform = fixedProbabilityConnect({ p, weight: { uniform: { min: 1, max: 3 } } }).build(n, n, hostRng(6, 'wu'), PATH).weights;
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...uniform)).toBeLessThan(3);
    expect(Math.abs(mean(uniform) - 2)).toBeLessThan(5 * Math.sqrt(4 / 12 / uniform.length));
  });

  it('builds a 40 000 × 40 000, p = 0.002 table: ~3.2 M synapses within 4 standard deviations, valid CSR', () => {
    const t = fixedProbabilityConnect({ p: 0.002, weight: 0.1 }).build(40_000, 40_000, hostRng(7, 'big'), PATH);
    const expected = 0.002 * 40_000 * 40_000;
    expect(Math.abs(t.post.length - expected)).toBeLessThan(4 * Math.sqrt(expected * 0.998));
    expectValidCsr(t);
  });
});
