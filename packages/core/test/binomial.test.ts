/**
 * The binomial sampler behind Poisson input: a host-made inversion table of quantised CDF values
 * looked up with one Philox word. Checked: the table against the exact CDF (each entry within
 * 2^-32 + 1e-12 of 2^32·F), the sample mean and variance over 200,000 draws for small and large
 * n·p (within 5 standard errors: mean sqrt(σ²/N), variance σ²·sqrt(2/N + κ/N) with κ the excess
 * kurtosis), the ends of the word range, and the named errors.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@spikeflow/core';
import { binomialFromWord, binomialTable, CounterRng } from '@spikeflow/core/rng';

const TWO_POW_32 = 2 ** 32;

/** The exact CDF by the pmf recurrence from 0 (fine for the small n·p cases here). */
function exactCdf(n: number, p: number, upTo: number): number[] {
  let pmf = Math.pow(1 - p, n);
  let acc = pmf;
  const out = [acc];
  for (let k = 0; k < upTo; k++) {
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    acc += pmf;
    out.push(acc);
  }
  return out;
}

describe('binomialTable', () => {
  it.each([
    [10, 0.5],
    [1000, 0.002],
    [200, 0.03],
  ])('Binomial(%i, %f): every threshold is 2^32·F(k) within 2^-32 (quantisation) + 1e-12', (n, p) => {
    const t = binomialTable(n, p);
    const cdf = exactCdf(n, p, t.first + t.thresholds.length);
    t.thresholds.forEach((x, j) => expect(Math.abs(x / TWO_POW_32 - cdf[t.first + j]!)).toBeLessThan(2 ** -32 + 1e-12));
    // below `first` the quantised CDF is 0, from first + length on it is 1
    if (t.first > 0) expect(cdf[t.first - 1]! * TWO_POW_32).toBeLessThan(0.5 + 1e-3);
    expect((1 - cdf[t.first + t.thresholds.length]!) * TWO_POW_32).toBeLessThan(0.5 + 1e-3);
  });

  it('is short: about 13 standard deviations wide', () => {
    expect(binomialTable(1000, 0.002).thresholds.length).toBeLessThan(30);
    const big = binomialTable(10_000_000, 0.01); // n·p = 1e5, σ ≈ 315
    expect(big.thresholds.length).toBeLessThan(14 * Math.sqrt(1e5 * 0.99));
    expect(big.first).toBeGreaterThan(1e5 - 7 * 315);
  });

  it('maps the lowest word to the smallest value and the highest to the largest; p = 0 and p = 1 are constant', () => {
    const t = binomialTable(1000, 0.002);
    expect(binomialFromWord(t, 0)).toBe(t.first);
    expect(binomialFromWord(t, TWO_POW_32 - 1)).toBe(t.first + t.thresholds.length);
    expect(binomialFromWord(binomialTable(7, 0), 123456)).toBe(0);
    expect(binomialFromWord(binomialTable(7, 1), 123456)).toBe(7);
    expect(binomialFromWord(binomialTable(1, 0.5), 2 ** 31 - 1)).toBe(0);
    expect(binomialFromWord(binomialTable(1, 0.5), 2 ** 31)).toBe(1);
  });

  it.each([
    [1000, 0.002],
    [10, 0.5],
    [200, 0.3],
    [1_000_000, 0.01],
  ])('Binomial(%i, %f): mean and variance of 200,000 Philox draws within 5 standard errors', (n, p) => {
    const t = binomialTable(n, p);
    const rng = new CounterRng(11);
    const N = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const k = binomialFromWord(t, rng.word(5, i >> 10, i & 1023, 0));
      s += k;
      s2 += k * k;
    }
    const mean = s / N;
    const variance = s2 / N - mean * mean;
    const sigma2 = n * p * (1 - p);
    const kurtosis = (1 - 6 * p * (1 - p)) / sigma2;
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(sigma2 / N));
    expect(Math.abs(variance - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt((2 + kurtosis) / N));
  });

  it.each([
    [0, 0.5, 'binomial.n'],
    [2.5, 0.5, 'binomial.n'],
    [2 ** 31, 0.5, 'binomial.n'],
    [10, -0.1, 'binomial.p'],
    [10, 1.5, 'binomial.p'],
    [10, Number.NaN, 'binomial.p'],
  ])('Binomial(%f, %f) is a ConfigError naming %s', (n, p, path) => {
    expect(() => binomialTable(n, p)).toThrow(ConfigError);
    expect(() => binomialTable(n, p)).toThrow(path);
  });
});
