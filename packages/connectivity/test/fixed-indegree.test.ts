import { describe, expect, it } from 'vitest';
import { hostRng } from '@spikeflow/core/rng';
import { fixedIndegreeConnect } from '@spikeflow/connectivity';
import { PATH, degrees, expectValidCsr, mean, variance } from './helpers.js';

/** Pairs (pre, post) seen more than once. */
function repeatedPairs(t: { nPre: number; rowStart: Uint32Array; post: Uint32Array }): number {
  let repeats = 0;
  for (let i = 0; i < t.nPre; i++) for (let k = (t.rowStart[i] as number) + 1; k < (t.rowStart[i + 1] as number); k++) if (t.post[k] === t.post[k - 1]) repeats++;
  return repeats;
}

describe('fixedIndegreeConnect (NEST fixed_indegree)', () => {
  it('gives every postsynaptic neuron exactly k synapses; outdegrees Binomial(k·nPost, 1/nPre) (mean, variance within 5 standard errors)', () => {
    const [nPre, nPost, k] = [500, 2000, 50];
    const t = fixedIndegreeConnect({ k, weight: 1 }).build(nPre, nPost, hostRng(1, 'fi'), PATH);
    expectValidCsr(t, false);
    expect(t.post.length).toBe(k * nPost);
    expect([...degrees(t).in].every((d) => d === k)).toBe(true);
    const m = (k * nPost) / nPre;
    const v = m * (1 - 1 / nPre);
    expect(mean(degrees(t).out)).toBe(m); // total fixed
    expect(Math.abs(variance(degrees(t).out) - v)).toBeLessThan(5 * v * Math.sqrt(2 / (nPre - 1)));
  });

  it('without multapses: no repeated pair, even with k close to nPre', () => {
    const t = fixedIndegreeConnect({ k: 95, weight: 1, allowMultapses: false }).build(100, 300, hostRng(2, 'nm'), PATH);
    expectValidCsr(t, true);
    expect(repeatedPairs(t)).toBe(0);
    expect([...degrees(t).in].every((d) => d === 95)).toBe(true);
  });

  it('with multapses (the default), pairs may repeat: k = 20 draws from 20 candidates repeat some', () => {
    const t = fixedIndegreeConnect({ k: 20, weight: 1 }).build(20, 100, hostRng(3, 'mu'), PATH);
    expectValidCsr(t, false);
    expect(repeatedPairs(t)).toBeGreaterThan(0);
  });

  it('excludes self-connections on request (k = nPre − 1 without multapses picks every other neuron)', () => {
    const t = fixedIndegreeConnect({ k: 29, weight: 1, allowSelfConnections: false, allowMultapses: false }).build(30, 30, hostRng(4, 'ns'), PATH);
    expectValidCsr(t, true);
    expect(t.post.length).toBe(30 * 29);
    for (let i = 0; i < 30; i++) {
      const row = [...t.post.subarray(t.rowStart[i] as number, t.rowStart[i + 1] as number)];
      expect(row).toEqual([...Array(30).keys()].filter((j) => j !== i));
    }
  });

  it('excludes self-connections with multapses too', () => {
    const t = fixedIndegreeConnect({ k: 40, weight: 1, allowSelfConnections: false }).build(10, 10, hostRng(5, 'nsm'), PATH);
    for (let i = 0; i < 10; i++) for (let k = t.rowStart[i] as number; k < (t.rowStart[i + 1] as number); k++) expect(t.post[k]).not.toBe(i);
  });

  it('draws presynaptic neurons uniformly without multapses (each pre chosen with frequency k/nPre, 5 standard errors)', () => {
    const [nPre, nPost, k] = [40, 5000, 10];
    const t = fixedIndegreeConnect({ k, weight: 1, allowMultapses: false }).build(nPre, nPost, hostRng(6, 'u'), PATH);
    const q = k / nPre;
    const se = Math.sqrt((q * (1 - q)) / nPost);
    for (const d of degrees(t).out) expect(Math.abs(d / nPost - q)).toBeLessThan(5 * se);
  });

  it('same seed → identical, other seed → different; k = 0 gives no synapses', () => {
    const c = fixedIndegreeConnect({ k: 5, weight: { uniform: { min: 0, max: 1 } } });
    const a = c.build(50, 60, hostRng(1, 'd'), PATH);
    const b = c.build(50, 60, hostRng(1, 'd'), PATH);
    expect([b.rowStart, b.post, b.weights]).toEqual([a.rowStart, a.post, a.weights]);
    expect(c.build(50, 60, hostRng(2, 'd'), PATH).post).not.toEqual(a.post);
    expect(fixedIndegreeConnect({ k: 0, weight: 1 }).build(5, 5, hostRng(1, 'z'), PATH).post.length).toBe(0);
  });
});
