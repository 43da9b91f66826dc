import { describe, expect, it } from 'vitest';
import { compileModel } from '@spikeflow/core/backend';
import {
  CONSTANT_CURRENT,
  INCREMENTAL_STEP_NOISE,
  PULSE_CURRENT,
  ORNSTEIN_UHLENBECK_CURRENT,
  RANDOM_WALK_NOISE,
  STEP_CURRENT,
  STEP_NOISE,
  constantCurrent,
  materialize,
  stepCurrent,
} from '@spikeflow/stimuli';

describe('definitions', () => {
  it('all compile as current models; only the noise sources draw random numbers', () => {
    const sites = Object.fromEntries(
      [CONSTANT_CURRENT, STEP_CURRENT, PULSE_CURRENT, STEP_NOISE, INCREMENTAL_STEP_NOISE, RANDOM_WALK_NOISE, ORNSTEIN_UHLENBECK_CURRENT].map((d) => {
        const m = compileModel(d);
        expect(m.definition.kind).toBe('current');
        return [d.name, m.randomSites];
      }),
    );
    expect(sites).toEqual({ ConstantCurrent: 0, StepCurrent: 0, PulseCurrent: 0, StepNoise: 1, IncrementalStepNoise: 2, RandomWalkNoise: 2, OrnsteinUhlenbeckCurrent: 1 });
  });
});

describe('constantCurrent', () => {
  it('delivers the amplitude every step, per neuron when given an array', () => {
    const m = materialize(constantCurrent([1, 2, 3]), { steps: 4, size: 3, dt: 1, seed: 0 });
    expect([...m.data]).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expect(() => constantCurrent(Infinity)).toThrow(/constantCurrent\.amplitude/);
  });
});

describe('stepCurrent', () => {
  it('is on during [start, stop) with edges on the nearest step (dt = 0.1 ms: steps 50..99 for 5..10 ms)', () => {
    const m = materialize(stepCurrent({ amplitude: 7, start: 5, stop: 10 }), { steps: 150, size: 2, dt: 0.1, seed: 0 });
    for (let s = 0; s < 150; s++) expect(m.get(s, 1)).toBe(s >= 50 && s < 100 ? 7 : 0);
  });

  it('stays on without stop (STEP_CURRENT); stop = Infinity is the same', () => {
    const a = materialize(stepCurrent({ amplitude: 20, start: 500 }), { steps: 1000, size: 1, dt: 1, seed: 0 });
    const b = materialize(stepCurrent({ amplitude: 20, start: 500, stop: Infinity }), { steps: 1000, size: 1, dt: 1, seed: 0 });
    expect([...a.data]).toEqual([...b.data]);
    for (let s = 0; s < 1000; s++) expect(a.get(s, 0)).toBe(s >= 500 ? 20 : 0);
    expect(stepCurrent({ amplitude: 1, start: 0 })).toMatchObject({ model: STEP_CURRENT });
    expect(stepCurrent({ amplitude: 1, start: 0, stop: 1 })).toMatchObject({ model: PULSE_CURRENT });
  });

  it('rejects stop <= start and non-finite times', () => {
    expect(() => stepCurrent({ amplitude: 1, start: 10, stop: 10 })).toThrow(/stepCurrent\.stop/);
    expect(() => stepCurrent({ amplitude: 1, start: NaN })).toThrow(/stepCurrent\.start/);
  });
});
