import { afterAll, describe, expect, it } from 'vitest';
import { checkDivergence } from '@spikeflow/testing';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

describe.skipIf(!backend)('WebGPU: a diverging model stops the run, naming population, variable, neuron and step', () => {
  it('float32 exp(t) overflows at step 89: found at step 100, recorded rows kept', async () => {
    const out = await checkDivergence(backend!);
    expect(out.error?.found).toEqual({ population: 'g', variable: 'v', neuron: 3, value: Infinity, step: 100, lastFiniteStep: 0 });
    expect(out.recordedRows).toBe(100);
    expect(out.lastRecorded).toBe(Infinity);
    expect(out.continuedSteps).toBe(2000);
  });
});
