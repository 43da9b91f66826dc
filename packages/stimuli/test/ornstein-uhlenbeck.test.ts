/**
 * The Ornstein–Uhlenbeck current: the exact Euler–Maruyama recursion on the source's counter
 * stream, and its stationary statistics against the analytic values over several seeds.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '@spikeflow/core/backend';
import { CounterRng, streamId } from '@spikeflow/core/rng';
import { ORNSTEIN_UHLENBECK_CURRENT, materialize, ornsteinUhlenbeckCurrent } from '@spikeflow/stimuli';

describe('ornsteinUhlenbeckCurrent', () => {
  it('compiles as a current with one random site (xi), integrated by euler', () => {
    const m = compileModel(ORNSTEIN_UHLENBECK_CURRENT);
    expect(m.definition.kind).toBe('current');
    expect(m.integrator).toBe('euler');
    expect(m.randomSites).toBe(1);
  });

  it('is I ← I + dt·(mu − I)/tau + sqrt(dt)·sigma·sqrt(2/tau)·rng.normal(stream, step, neuron, 0), from mu + startOffset (1e-12)', () => {
    const [mu, sigma, tau, dt, offset] = [0.5, 0.2, 3, 0.1, [1, -1, 0]] as const;
    const m = materialize(ornsteinUhlenbeckCurrent({ mu, sigma, tau, startOffset: [...offset], stream: 'ou' }), { steps: 300, size: 3, dt, seed: 7 });
    const rng = new CounterRng(7);
    for (let i = 0; i < 3; i++) {
      let I = mu + offset[i]!;
      for (let s = 0; s < 300; s++) {
        I = I + (dt * (mu - I)) / tau + Math.sqrt(dt) * sigma * Math.sqrt(2 / tau) * rng.normal(streamId('ou'), s, i, 0);
        expect(Math.abs(m.get(s, i) - I)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(I)));
      }
    }
  });

  /*
   * Stationary statistics. Euler–Maruyama makes the process the AR(1) I' = mu + a·(I − mu) + b·N
   * with a = 1 − dt/tau, b = sigma·sqrt(2·dt/tau): its variance is b²/(1 − a²) = sigma²/(1 − dt/(2·tau))
   * and its lag-k correlation a^k — analytic, and within O(dt/tau) of the continuous sigma² and
   * exp(−k·dt/tau). Samples of one neuron are correlated, so the standard errors use the AR(1)
   * formulas over n = neurons × steps pooled samples:
   *   mean:      sqrt(var·(1 + a)/(1 − a) / n)
   *   variance:  var·sqrt(2·(1 + a²)/(1 − a²) / n)
   *   r_k:       sqrt(((1 + a²)(1 − a^2k)/(1 − a²) − 2k·a^2k) / n)   (Bartlett)
   * Each statistic must lie within 5 standard errors, on each of 3 seeds.
   */
  const [mu, sigma, tau, dt] = [0.8, 0.3, 2, 0.1];
  const [size, steps, burnIn] = [40, 5000, 200]; // burn-in = 10 tau: the start's deficit is a^400 ≈ 1e-9
  const a = 1 - dt / tau;
  const varD = sigma ** 2 / (1 - dt / (2 * tau));
  const n = size * (steps - burnIn);
  const se = {
    mean: Math.sqrt((varD * (1 + a)) / (1 - a) / n),
    variance: varD * Math.sqrt((2 * (1 + a * a)) / (1 - a * a) / n),
    r: (k: number) => Math.sqrt(((1 + a * a) * (1 - a ** (2 * k))) / (1 - a * a) / n - (2 * k * a ** (2 * k)) / n),
  };
  const lags = [10, 20, 40]; // tau/2, tau, 2·tau

  it.each([1, 2, 3])('seed %i: mean mu, variance sigma²/(1 − dt/2tau), lag-k correlation (1 − dt/tau)^k, within 5 standard errors', (seed) => {
    const m = materialize(ornsteinUhlenbeckCurrent({ mu, sigma, tau }), { steps, size, dt, seed });
    let sum = 0;
    for (let i = 0; i < size; i++) for (let s = burnIn; s < steps; s++) sum += m.get(s, i);
    const mean = sum / n;
    // Correlations about the known mean mu: about the sample mean, r_k is biased low by ~(1 − r_k)·(1 + a)/((1 − a)·steps), about 1 standard error here.
    let ss = 0;
    let c0 = 0;
    const lagged = lags.map(() => 0);
    for (let i = 0; i < size; i++) {
      for (let s = burnIn; s < steps; s++) {
        const x = m.get(s, i) - mu;
        ss += (m.get(s, i) - mean) ** 2;
        c0 += x * x;
        lags.forEach((k, j) => {
          if (s + k < steps) lagged[j]! += x * (m.get(s + k, i) - mu);
        });
      }
    }
    const variance = ss / (n - 1);
    expect(Math.abs(mean - mu)).toBeLessThan(5 * se.mean);
    expect(Math.abs(variance - varD)).toBeLessThan(5 * se.variance);
    lags.forEach((k, j) => {
      const r = lagged[j]! / c0;
      expect(Math.abs(r - a ** k)).toBeLessThan(5 * se.r(k));
      // …and the continuous process's exp(−lag/tau) is within the discretisation error k·dt²/(2·tau²) more.
      expect(Math.abs(r - Math.exp((-k * dt) / tau))).toBeLessThan(5 * se.r(k) + (k * dt * dt) / (2 * tau * tau));
    });
    // The stationary std is sigma up to the O(dt/tau) Euler–Maruyama factor (2.5 % here).
    expect(Math.abs(Math.sqrt(variance) / sigma - 1)).toBeLessThan(dt / (4 * tau) + (5 * se.variance) / (2 * varD) + 1e-3);
  });

  it('sigma = 0 is the constant mu; per-neuron means are honoured', () => {
    const m = materialize(ornsteinUhlenbeckCurrent({ mu: [1, 2], sigma: 0, tau: 5 }), { steps: 20, size: 2, dt: 0.1, seed: 0 });
    for (let s = 0; s < 20; s++) expect([m.get(s, 0), m.get(s, 1)]).toEqual([1, 2]);
  });

  it('same stream, same numbers; other streams independent', () => {
    const opts = { steps: 50, size: 2, dt: 0.1, seed: 3 };
    const a1 = materialize(ornsteinUhlenbeckCurrent({ mu: 0, sigma: 1, tau: 5, stream: 's' }), opts);
    const a2 = materialize(ornsteinUhlenbeckCurrent({ mu: 0, sigma: 1, tau: 5, stream: 's' }), opts);
    const b = materialize(ornsteinUhlenbeckCurrent({ mu: 0, sigma: 1, tau: 5, stream: 't' }), opts);
    expect([...a1.data]).toEqual([...a2.data]);
    expect([...a1.data]).not.toEqual([...b.data]);
  });

  it('rejects bad options naming them', () => {
    expect(() => ornsteinUhlenbeckCurrent({ mu: 0, sigma: -1, tau: 5 })).toThrow(/ornsteinUhlenbeckCurrent\.sigma: expected a number >= 0/);
    expect(() => ornsteinUhlenbeckCurrent({ mu: 0, sigma: 1, tau: 0 })).toThrow(/ornsteinUhlenbeckCurrent\.tau: expected a correlation time > 0 ms/);
    expect(() => ornsteinUhlenbeckCurrent({ mu: NaN, sigma: 1, tau: 5 })).toThrow(/ornsteinUhlenbeckCurrent\.mu/);
    expect(() => ornsteinUhlenbeckCurrent({ mu: 0, sigma: 1, tau: Infinity })).toThrow(/ornsteinUhlenbeckCurrent\.tau/);
  });
});
