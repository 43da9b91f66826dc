import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { SettingsError, decodeSettings } from '../src/playground/settings.js';
import { decodeStdpSettings, encodeStdpSettings, isStdpLink, stdpDefaults, validateStdpSettings, weightHistogram } from '../src/playground/stdp.js';
import { runStdpSettings } from '../src/playground/stdp-run.js';
import type { RunChunk } from '../src/playground/run.js';

describe('playground STDP choice: settings, link, histogram', () => {
  it('the defaults are the short link example=stdp, and every changed setting travels and comes back equal', () => {
    expect(encodeStdpSettings(stdpDefaults())).toBe('example=stdp');
    expect(decodeStdpSettings('#example=stdp')).toEqual(stdpDefaults());
    const s = { seed: 7, steps: 2500, rate: 20, learning: 1 };
    const hash = encodeStdpSettings(s);
    expect(hash).toBe('example=stdp&seed=7&steps=2500&rate=20&learning=1');
    expect(isStdpLink(`#${hash}`)).toBe(true);
    expect(isStdpLink('#scenario=default')).toBe(false);
    expect(decodeStdpSettings(hash)).toEqual(s);
  });

  it('bad links and settings are SettingsErrors naming the field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(SettingsError);
        return (e as SettingsError).field;
      }
      throw new Error('expected a SettingsError');
    };
    expect(field(() => decodeStdpSettings('example=stdp&steps=2000001'))).toBe('steps');
    expect(field(() => decodeStdpSettings('example=stdp&steps=1.5'))).toBe('steps');
    expect(field(() => decodeStdpSettings('example=stdp&rate=0x10'))).toBe('rate');
    expect(field(() => decodeStdpSettings('example=stdp&learning=-1'))).toBe('learning');
    expect(field(() => decodeStdpSettings('example=stdp&size=10'))).toBe('size');
    expect(field(() => decodeStdpSettings('example=cuba'))).toBe('example');
    expect(field(() => validateStdpSettings({ ...stdpDefaults(), seed: Number.NaN }))).toBe('seed');
    // The decision network's links do not take the STDP marker.
    expect(field(() => decodeSettings('example=stdp'))).toBe('example');
  });

  it('weightHistogram bins over [0, wmax] (wmax in the last bin) and gives the mean and fractions near the bounds', () => {
    const h = weightHistogram([0, 0.5, 2.5, 9.5, 10, 10], 10, 'nS', 4);
    expect(h.counts).toEqual([2, 1, 0, 3]);
    expect(h.mean).toBeCloseTo((0 + 0.05 + 0.25 + 0.95 + 1 + 1) / 6, 12);
    expect(h.low).toBeCloseTo(2 / 6, 12);
    expect(h.high).toBeCloseTo(3 / 6, 12);
  });

  it('runs examples/stdp.yaml for 2000 steps on the CPU backend: output spikes, a histogram of all 1000 weights with each chunk and at the end', async () => {
    const chunks: RunChunk[] = [];
    const end = await runStdpSettings({ ...stdpDefaults(), steps: 2000 }, createCpuBackend(), { onChunk: (c) => chunks.push(c) });
    expect(end.steps).toBe(2000);
    expect(end.totals.neuron).toBeGreaterThan(0);
    // 1000 inputs at 15 Hz for 0.2 s: 3000 spikes expected, Poisson SD ≈ 55.
    expect(Math.abs(end.totals.inputs! - 3000)).toBeLessThan(300);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of [...chunks, end]) expect(c.weights?.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    // Initial weights uniform in [0, 10] nS; 0.2 s of learning moves the mean only a little.
    expect(end.weights!.mean).toBeGreaterThan(0.4);
    expect(end.weights!.mean).toBeLessThan(0.6);
  });
});
