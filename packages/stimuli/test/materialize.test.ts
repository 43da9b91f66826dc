import { describe, expect, it } from 'vitest';
import type { StimulusSource } from '@spikeflow/core';
import {
  STEP_NOISE,
  arrayCurrent,
  chunks,
  constantCurrent,
  incrementalStepNoise,
  materialize,
  randomWalkNoise,
  stepCurrent,
  stepNoise,
} from '@spikeflow/stimuli';

const base = { steps: 200, size: 6, dt: 1 };
const sources: Record<string, StimulusSource> = {
  constant: constantCurrent(3),
  step: stepCurrent({ amplitude: 2, start: 50, stop: 120 }),
  stepNoise: stepNoise({ I_value: 20 }),
  incremental: incrementalStepNoise({ I_value: 20, scale: 10, gap: 3, rampCount: 4 }),
  randomWalk: randomWalkNoise(),
  heterogeneous: stepNoise({ I_value: { normal: { mean: 20, std: 3 } } }),
};

describe('materialize', () => {
  it('gives [steps × size] Float64Array-backed ndarrays', () => {
    const m = materialize(sources.stepNoise as StimulusSource, { ...base, seed: 1 });
    expect(m.shape).toEqual([200, 6]);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(materialize(constantCurrent(1), { ...base, steps: 0, seed: 1 }).shape).toEqual([0, 6]);
  });

  it('same seed → identical; different seed → different', () => {
    for (const [name, src] of Object.entries(sources)) {
      const a = materialize(src, { ...base, seed: 1 });
      const b = materialize(src, { ...base, seed: 1 });
      expect([...a.data], name).toEqual([...b.data]);
      if (name === 'constant' || name === 'step') continue;
      const c = materialize(src, { ...base, seed: 2 });
      expect([...a.data], name).not.toEqual([...c.data]);
    }
  });

  it('same stream name → identical matrices for two sources; different streams → different', () => {
    const a = materialize(incrementalStepNoise({ I_value: 20, scale: 10, gap: 3, stream: 'drive' }), { ...base, seed: 7, name: 'stimulus0:ep1' });
    const b = materialize(incrementalStepNoise({ I_value: 20, scale: 10, gap: 3, stream: 'drive' }), { ...base, seed: 7, name: 'stimulus1:ep2' });
    expect([...a.data]).toEqual([...b.data]);
    // Unnamed sources take the stimulus name as stream, so two stimuli differ ...
    const c = materialize(incrementalStepNoise({ I_value: 20, scale: 10, gap: 3 }), { ...base, seed: 7, name: 'stimulus0:ep1' });
    const d = materialize(incrementalStepNoise({ I_value: 20, scale: 10, gap: 3 }), { ...base, seed: 7, name: 'stimulus1:ep2' });
    expect([...c.data]).not.toEqual([...d.data]);
    // ... and the `stream` option stands in for the name; the source's own stream wins over it.
    const e = materialize(incrementalStepNoise({ I_value: 20, scale: 10, gap: 3 }), { ...base, seed: 7, stream: 'drive' });
    expect([...e.data]).toEqual([...a.data]);
    const f = materialize(incrementalStepNoise({ I_value: 20, scale: 10, gap: 3, stream: 'drive' }), { ...base, seed: 7, stream: 'other' });
    expect([...f.data]).toEqual([...a.data]);
  });

  it('round-trips through arrayCurrent (exact)', () => {
    const m = materialize(sources.randomWalk as StimulusSource, { ...base, seed: 3 });
    const back = materialize(arrayCurrent(m), { ...base, seed: 99 });
    expect([...back.data]).toEqual([...m.data]);
    expect(() => materialize(arrayCurrent(m), { ...base, steps: 201, seed: 0 })).toThrow(/has 200 steps/);
    expect(() => materialize(arrayCurrent(m), { ...base, size: 5, seed: 0 })).toThrow(/6 columns but 5 neurons/);
  });

  it('checks its options and the model kind', () => {
    expect(() => materialize(constantCurrent(1), { ...base, steps: 1.5, seed: 0 })).toThrow(/steps/);
    expect(() => materialize(constantCurrent(1), { ...base, size: 0, seed: 0 })).toThrow(/size/);
    expect(() => materialize(constantCurrent(1), { ...base, dt: 0, seed: 0 })).toThrow(/dt/);
    expect(() => materialize(constantCurrent(1), { ...base, seed: -1 })).toThrow(/seed/);
    const neuron = { kind: 'model', model: { name: 'N', kind: 'neuron', parameters: {}, state: { v: { unit: 'mV', initial: 0 } }, threshold: 'v > 1' } } as const;
    expect(() => materialize(neuron, { ...base, seed: 0 })).toThrow(/not a current source/);
    expect(() => materialize({ kind: 'model', model: STEP_NOISE, parameters: {} }, { ...base, seed: 0 })).toThrow(/stimulus materialized\.parameters\.I_value/);
  });
});

describe('chunks', () => {
  it('concatenated chunks equal materialize exactly, for every source and chunk size', () => {
    for (const [name, src] of Object.entries(sources)) {
      const whole = materialize(src, { ...base, seed: 5, name: 'x' });
      for (const chunkSteps of [1, 7, 50, 200, 1000]) {
        const parts = [...chunks(src, { ...base, seed: 5, name: 'x', chunkSteps })];
        expect(parts.length, `${name} / ${chunkSteps}`).toBe(Math.ceil(200 / chunkSteps));
        for (const p of parts.slice(0, -1)) expect(p.shape).toEqual([chunkSteps, 6]);
        const joined = parts.flatMap((p) => [...p.data]);
        expect(joined, `${name} / ${chunkSteps}`).toEqual([...whole.data]);
      }
    }
  });

  it('runs without end for model sources when steps is not given, and to the end of an array', () => {
    const it = chunks(sources.randomWalk as StimulusSource, { size: 6, dt: 1, seed: 5, name: 'x', chunkSteps: 64 });
    const first = [it.next().value, it.next().value, it.next().value, it.next().value];
    const whole = materialize(sources.randomWalk as StimulusSource, { size: 6, dt: 1, seed: 5, name: 'x', steps: 256 });
    expect(first.flatMap((p) => [...(p?.data ?? [])])).toEqual([...whole.data]);
    const arr = arrayCurrent({ data: Float64Array.from({ length: 30 }, (_, k) => k), steps: 10, size: 3 });
    const parts = [...chunks(arr, { size: 3, dt: 1, seed: 0, chunkSteps: 4 })];
    expect(parts.map((p) => p.shape[0])).toEqual([4, 4, 2]);
    expect(parts.flatMap((p) => [...p.data])).toEqual([...arr.data]);
  });

  it('checks options when called, before iterating', () => {
    expect(() => chunks(constantCurrent(1), { size: 2, dt: 1, seed: 0, chunkSteps: 0 })).toThrow(/chunkSteps/);
    const arr = arrayCurrent({ data: new Float64Array(6), steps: 3, size: 2 });
    expect(() => chunks(arr, { size: 2, dt: 1, seed: 0, chunkSteps: 2, steps: 4 })).toThrow(/has 3 steps/);
  });
});
