import { describe, expect, it } from 'vitest';
import { CounterRng, streamId } from '@spikeflow/core/rng';
import { materialize, stepNoise } from '@spikeflow/stimuli';
import { column, moments } from './helpers.js';

describe('stepNoise', () => {
  const steps = 4000;

  it('each column is Normal(I_value, std²): mean and std within 5 standard errors', () => {
    for (const [I_value, std] of [
      [20, 1],
      [-3, 2.5],
    ] as const) {
      const size = 8;
      const m = materialize(stepNoise({ I_value, std }), { steps, size, dt: 1, seed: 5 });
      expect(m.shape).toEqual([steps, size]);
      for (let n = 0; n < size; n++) {
        const { mean, variance } = moments(column(m, n));
        expect(Math.abs(mean - I_value)).toBeLessThan((5 * std) / Math.sqrt(steps));
        // se of the sample std ≈ std / sqrt(2n)
        expect(Math.abs(Math.sqrt(variance) - std)).toBeLessThan((5 * std) / Math.sqrt(2 * steps));
      }
    }
  });

  it('std defaults to 1 and per-neuron means are honoured (5 standard errors)', () => {
    const m = materialize(stepNoise({ I_value: [0, 10, 20] }), { steps, size: 3, dt: 1, seed: 5 });
    for (const [n, mu] of [0, 10, 20].entries()) {
      const { mean, variance } = moments(column(m, n));
      expect(Math.abs(mean - mu)).toBeLessThan(5 / Math.sqrt(steps));
      expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(5 / Math.sqrt(2 * steps));
    }
  });

  it('is I_value + std·rng.normal(stream, step, neuron, 0) exactly', () => {
    const m = materialize(stepNoise({ I_value: 20, std: 2 }), { steps: 50, size: 4, dt: 1, seed: 9, stream: 'ip1' });
    const rng = new CounterRng(9);
    for (let s = 0; s < 50; s++) for (let i = 0; i < 4; i++) expect(m.get(s, i)).toBe(20 + 2 * rng.normal(streamId('ip1'), s, i, 0));
  });

  it('rejects a negative std naming the option', () => {
    expect(() => stepNoise({ I_value: 20, std: -1 })).toThrow(/stepNoise\.std/);
  });
});
