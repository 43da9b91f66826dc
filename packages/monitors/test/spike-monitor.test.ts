import { ConfigError } from '@spikeflow/core';
import { hostRng } from '@spikeflow/core/rng';
import { describe, expect, it } from 'vitest';
import { SpikeMonitor, fanoFactor, isiCv, populationRate } from '../src/index.js';
import { driveSpikes } from './drive.js';

const pop = { name: 'exc', size: 4 };

/**
 * Regular trains over 1000 steps at dt = 0.1 ms (100 ms):
 * neuron 0 every 10 steps from 0 (100 spikes → 1000 Hz), neuron 1 every 20 from 0 (50 → 500 Hz),
 * neuron 2 silent, neuron 3 every 25 from step 5 (40 spikes → 400 Hz). 190 spikes in all.
 */
function regular(): SpikeMonitor {
  const m = new SpikeMonitor(pop);
  driveSpikes(m, 0, 1000, (s) => [
    ...(s % 10 === 0 ? [0] : []),
    ...(s % 20 === 0 ? [1] : []),
    ...(s % 25 === 5 ? [3] : []),
  ]);
  return m;
}

describe('SpikeMonitor', () => {
  it('records (step, neuron) events in order, copied from the reused array', () => {
    const m = regular();
    expect(m.kind).toBe('spikes');
    expect(m.population).toBe('exc');
    expect(m.count).toBe(190);
    expect(m.observedSteps).toBe(1000);
    expect(m.truncated).toBe(false);
    expect(Array.from(m.steps.subarray(0, 5))).toEqual([0, 0, 5, 10, 20]);
    expect(Array.from(m.neurons.subarray(0, 5))).toEqual([0, 1, 3, 0, 0]);
    const a = m.toNdarray();
    expect(a.shape).toEqual([190, 2]);
    expect([a.get(2, 0), a.get(2, 1)]).toEqual([5, 3]);
    expect([a.get(189, 0), a.get(189, 1)]).toEqual([990, 0]);
  });

  it('gives exact rates for regular trains: every 10 steps at dt = 0.1 ms is 1000 Hz', () => {
    const m = regular();
    expect(Array.from(m.rates(0.1))).toEqual([1000, 500, 0, 400]);
    expect(Array.from(m.rates(0.1, 200))).toEqual([500, 250, 0, 200]);
    expect(m.meanRate(0.1)).toBe(475); // 190 spikes / 4 neurons / 0.1 s
    expect(Array.from(m.spikesPerNeuron())).toEqual([100, 50, 0, 40]);
  });

  it('counts spikes per step and per bin, last bin partial', () => {
    const m = regular();
    const perStep = m.countsPerStep(1000);
    expect(perStep.length).toBe(1000);
    expect(Array.from(perStep.subarray(0, 11))).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(perStep.reduce((a, b) => a + b, 0)).toBe(190);
    expect(Array.from(m.countsPerBin(100, 1000))).toEqual(Array(10).fill(19));
    // [0,300): 30 + 15 + 12, [300,600) and [600,900) likewise, [900,1000): 10 + 5 + 4
    expect(Array.from(m.countsPerBin(300, 1000))).toEqual([57, 57, 57, 19]);
    expect(Array.from(m.countsPerBin(300))).toEqual([57, 57, 57, 19]); // span defaults to observed steps
    expect(Array.from(m.countsPerBin(500, 600))).toEqual([95, 19]); // spikes after step 599 left out
    expect(() => m.countsPerBin(0, 1000)).toThrow(ConfigError);
    expect(() => m.countsPerBin(10, 1.5)).toThrow(ConfigError);
  });

  it('splits spikes into per-neuron trains', () => {
    const trains = regular().spikeTrains();
    expect(trains.length).toBe(4);
    expect(trains.map((t) => t.length)).toEqual([100, 50, 0, 40]);
    expect(Array.from(trains[3]!.subarray(0, 3))).toEqual([5, 30, 55]);
    expect(trains[1]![49]).toBe(980);
  });

  it('population rate per bin in Hz: 57 spikes / (4 neurons × 30 ms) = 475 Hz, partial last bin by its width', () => {
    const rate = populationRate(regular(), 4, 300, 0.1);
    expect(rate.length).toBe(4);
    for (const r of rate) expect(r).toBeCloseTo(475, 9);
    expect(Array.from(populationRate(regular(), 4, 100, 0.1, 1000)).map((r) => Math.round(r * 1e6) / 1e6)).toEqual(Array(10).fill(475));
  });

  it('ISI CV and Fano factor are 0 for regular trains', () => {
    const m = regular();
    expect(isiCv(m)).toBe(0);
    expect(fanoFactor(m, 100)).toBe(0); // 10, 5 and 4 spikes in every 100-step window
    expect(Number.isNaN(isiCv(new SpikeMonitor(pop)))).toBe(true);
  });

  it('ISI CV and Fano factor are ≈ 1 (within 5%) for a seeded Bernoulli (Poisson-like) train', () => {
    // 200 neurons, p = 0.01 per step, 20 000 steps at dt = 0.1 ms: 100 Hz, ~200 spikes per neuron.
    // Geometric intervals have CV sqrt(1 - p) = 0.995; Bernoulli counts have Fano 1 - p = 0.99.
    const n = 200;
    const rng = hostRng(42, 'poisson-test');
    const m = new SpikeMonitor({ name: 'p', size: n });
    driveSpikes(m, 0, 20_000, () => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (rng.uniform() < 0.01) out.push(i);
      return out;
    });
    expect(Math.abs(isiCv(m) - 1)).toBeLessThan(0.05);
    expect(Math.abs(fanoFactor(m, 100) - 1)).toBeLessThan(0.05);
    expect(Math.abs(m.meanRate(0.1) / 100 - 1)).toBeLessThan(0.03);
    const rate = populationRate(m, n, 1000, 0.1);
    expect(rate.length).toBe(20);
    for (const r of rate) expect(Math.abs(r / 100 - 1)).toBeLessThan(0.1);
  });

  it('keeps the first maxSpikes spikes, sets truncated and never throws from onSpikes', () => {
    // 10 neurons all spiking each step: steps 0 and 1 fit (20), step 2 keeps neurons 0..4.
    const m = new SpikeMonitor({ name: 'exc', size: 10 }, { maxSpikes: 25 });
    const all = Array.from({ length: 10 }, (_, i) => i);
    expect(() => driveSpikes(m, 0, 50, () => all)).not.toThrow();
    expect(m.count).toBe(25);
    expect(m.truncated).toBe(true);
    expect(m.truncatedAtStep).toBe(2);
    expect(m.observedSteps).toBe(50);
    expect(Array.from(m.steps)).toEqual([...Array(10).fill(0), ...Array(10).fill(1), ...Array(5).fill(2)]);
    expect(Array.from(m.neurons)).toEqual([...all, ...all, 0, 1, 2, 3, 4]);
    expect(m.bytes).toBe(25 * 8); // capacity bounded by maxSpikes

    const exact = new SpikeMonitor({ name: 'exc', size: 10 }, { maxSpikes: 20 });
    driveSpikes(exact, 0, 2, () => all);
    expect([exact.count, exact.truncated]).toEqual([20, false]); // full, nothing dropped yet
    driveSpikes(exact, 2, 1, () => []);
    expect(exact.truncated).toBe(false);
    driveSpikes(exact, 3, 1, () => [7]);
    expect([exact.count, exact.truncated, exact.truncatedAtStep]).toEqual([20, true, 3]);

    const none = new SpikeMonitor(pop, { maxSpikes: 0 });
    driveSpikes(none, 0, 3, (s) => [s]);
    expect([none.count, none.truncated, none.truncatedAtStep]).toEqual([0, true, 0]);
  });

  it('onSpikeSteps (many steps at once) records what one onSpikes call per step records, truncation included', () => {
    // Steps 5..9: counts 3, 0, 2, 4, 1 over 10 neurons; maxSpikes 7 cuts step 8 after its second spike.
    const counts = Int32Array.of(3, 0, 2, 4, 1);
    const indices = Int32Array.of(0, 4, 9, 1, 2, 3, 5, 6, 8, 7);
    const batch = new SpikeMonitor({ name: 'exc', size: 10 }, { maxSpikes: 7 });
    batch.onSpikeSteps(5, counts, indices);
    const single = new SpikeMonitor({ name: 'exc', size: 10 }, { maxSpikes: 7 });
    let at = 0;
    counts.forEach((n, k) => {
      single.onSpikes(5 + k, indices.slice(at), n);
      at += n;
    });
    expect(Array.from(batch.steps)).toEqual([5, 5, 5, 7, 7, 8, 8]);
    expect(Array.from(batch.neurons)).toEqual([0, 4, 9, 1, 2, 3, 5]);
    for (const m of [batch, single]) expect([m.count, m.truncated, m.truncatedAtStep, m.observedSteps]).toEqual([7, true, 8, 10]);
    expect(Array.from(batch.steps)).toEqual(Array.from(single.steps));
    expect(Array.from(batch.neurons)).toEqual(Array.from(single.neurons));
  });

  it('grows across chunks without losing or reordering events, views stable', () => {
    // 10 neurons, neuron i spikes at step s when (s + i) % 3 === 0: ~3.3 spikes per step, 30 000 steps ≈ 100 000 events.
    const m = new SpikeMonitor({ name: 'big', size: 10 });
    const at = (s: number) => Array.from({ length: 10 }, (_, i) => i).filter((i) => (s + i) % 3 === 0);
    driveSpikes(m, 0, 5000, at);
    const early = m.steps; // merges chunks; later recording must not change this view
    const earlyCopy = Array.from(early);
    driveSpikes(m, 5000, 25_000, at);
    expect(Array.from(early)).toEqual(earlyCopy);
    const expectedSteps: number[] = [];
    const expectedNeurons: number[] = [];
    for (let s = 0; s < 30_000; s++) {
      for (const i of at(s)) {
        expectedSteps.push(s);
        expectedNeurons.push(i);
      }
    }
    expect(m.count).toBe(expectedSteps.length);
    expect(Array.from(m.steps)).toEqual(expectedSteps);
    expect(Array.from(m.neurons)).toEqual(expectedNeurons);
    expect(m.bytes).toBeLessThanOrEqual(2 * 8 * m.count + 8 * 4096);
    const a = m.toNdarray();
    const k = expectedSteps.length - 1;
    expect([a.get(k, 0), a.get(k, 1)]).toEqual([expectedSteps[k], expectedNeurons[k]]);
  });

  it('rejects bad options with ConfigError', () => {
    expect(() => new SpikeMonitor({ name: 'exc', size: 0 })).toThrow(ConfigError);
    expect(() => new SpikeMonitor(pop, { maxSpikes: -1 })).toThrow(/monitor exc\.spikes\.maxSpikes/);
    expect(() => regular().rates(0)).toThrow(ConfigError);
    expect(() => fanoFactor(regular(), 0)).toThrow(ConfigError);
  });
});
