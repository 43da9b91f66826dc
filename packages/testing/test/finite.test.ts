import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { checkDivergence } from '@spikeflow/testing';

describe('a diverging model stops the run, naming population, variable, neuron and step', () => {
  it.each([
    ['cpu (f64)', () => createCpuBackend(), 710],
    ['cpu (f32)', () => createCpuBackend({ precision: 'f32' }), 89],
    ['cpu, 2 threads', () => createCpuBackend({ threads: 2 }), 710],
  ] as const)('%s', async (_name, backend, overflowStep) => {
    const out = await checkDivergence(backend);
    // exp(t) overflows at step `overflowStep`; the scan after each chunk of 100 finds it.
    const step = Math.ceil(overflowStep / 100) * 100;
    expect(out.error?.found).toEqual({ population: 'g', variable: 'v', neuron: 3, value: Infinity, step, lastFiniteStep: step - 100 });
    expect(out.error?.message).toMatch(new RegExp(`^population g, variable v, neuron 3 is Infinity at step ${step} \\(finite at step ${step - 100}\\)`));
    expect(out.error?.result).toMatchObject({ steps: step, aborted: false });
    // Everything up to the stop was recorded and kept: the last row holds the overflow.
    expect(out.recordedRows).toBe(step);
    expect(out.lastRecorded).toBe(Infinity);
    expect(out.continuedSteps).toBe(2000);
  });
});
