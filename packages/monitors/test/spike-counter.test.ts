import { ConfigError } from '@spikeflow/core';
import { hostRng } from '@spikeflow/core/rng';
import { describe, expect, it } from 'vitest';
import { SpikeCounter, SpikeMonitor } from '../src/index.js';
import { driveSpikes } from './drive.js';

const pop = { name: 'exc', size: 50 };

/** Seeded Bernoulli spikes: each neuron fires with probability 0.02 per step (the same draws for every sink). */
const bernoulli = (seed: number) => {
  const rng = hostRng(seed, 'counter-test');
  return () => {
    const out: number[] = [];
    for (let i = 0; i < pop.size; i++) if (rng.uniform() < 0.02) out.push(i);
    return out;
  };
};

describe('SpikeCounter', () => {
  it('counts per bin exactly what a spike monitor stores, for the same seeded spikes', () => {
    const counter = new SpikeCounter(pop, { binSteps: 100 });
    const monitor = new SpikeMonitor(pop);
    const draw = bernoulli(7);
    driveSpikes({ kind: 'spikes', population: pop.name, onSpikes: (s, ix, n) => (counter.onSpikes(s, ix, n), monitor.onSpikes(s, ix, n)) }, 0, 2050, draw);
    // ~0.02 × 50 × 2050 ≈ 2050 spikes: far from trivially empty bins.
    expect(monitor.count).toBeGreaterThan(1800);
    expect(counter.count).toBe(monitor.count);
    expect(counter.observedSteps).toBe(2050);
    // The run's own bins (the last one 50 steps long), coarser bins, and a span cut at a bin edge.
    expect(Array.from(counter.countsPerBin(100, 2050))).toEqual(Array.from(monitor.countsPerBin(100, 2050)));
    expect(Array.from(counter.countsPerBin(300, 2050))).toEqual(Array.from(monitor.countsPerBin(300, 2050)));
    expect(Array.from(counter.countsPerBin(100, 1000))).toEqual(Array.from(monitor.countsPerBin(100, 1000)));
    expect(Array.from(counter.countsPerBin())).toEqual(Array.from(monitor.countsPerBin(100)));
  });

  it('memory grows with the bins, never with the spikes: 100× the spikes, the same bytes', () => {
    const sparse = new SpikeCounter(pop, { binSteps: 100 });
    const dense = new SpikeCounter(pop, { binSteps: 100 });
    driveSpikes(sparse, 0, 10_000, (s) => (s % 100 === 0 ? [0] : []));
    driveSpikes(dense, 0, 10_000, () => Array.from({ length: pop.size }, (_, i) => i));
    expect(sparse.count).toBe(100);
    expect(dense.count).toBe(500_000);
    expect(dense.bytes).toBe(sparse.bytes);
    // 100 bins of 8 bytes, allocated by doubling from 16: 128 counters.
    expect(dense.bytes).toBe(128 * 8);
    expect(Array.from(dense.countsPerBin(100, 10_000))).toEqual(new Array(100).fill(100 * pop.size));
  });

  it('a counter is 8 bytes per bin where a monitor is 8 bytes per spike', () => {
    const counter = new SpikeCounter(pop, { binSteps: 1000 });
    const monitor = new SpikeMonitor(pop);
    const all = () => Array.from({ length: pop.size }, (_, i) => i);
    driveSpikes(counter, 0, 20_000, all);
    driveSpikes(monitor, 0, 20_000, all);
    expect(counter.count).toBe(1_000_000);
    expect(counter.bytes).toBe(32 * 8); // 20 bins → 32 counters
    expect(monitor.bytes).toBeGreaterThanOrEqual(8 * 1_000_000);
  });

  it('refuses bins it cannot give, naming the counter and the option', () => {
    const c = new SpikeCounter(pop, { binSteps: 100 });
    driveSpikes(c, 0, 250, (s) => (s === 240 ? [1] : []));
    expect(() => c.countsPerBin(150, 250)).toThrow(ConfigError);
    expect(() => c.countsPerBin(150, 250)).toThrow(/spike counter exc countsPerBin\.binSteps.*multiple of the counter's bin \(100 steps\)/);
    // 230 cuts the bin [200, 300), which holds the spike at step 240.
    expect(() => c.countsPerBin(100, 230)).toThrow(/countsPerBin\.totalSteps.*230 cuts a 100-step bin.*step 240/);
    // 250 is the run's own end: nothing after it was counted.
    expect(Array.from(c.countsPerBin(100, 250))).toEqual([0, 0, 1]);
    expect(() => new SpikeCounter(pop, { binSteps: 0 })).toThrow(/spike counter exc\.binSteps/);
  });
});
