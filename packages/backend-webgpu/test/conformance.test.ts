import { afterAll, describe, expect, it } from 'vitest';
import { checkConformance, conformanceFailures, cubaNetwork, decisionNetwork, delaysNetwork, MODEL_NETWORKS, noisyNetwork, spikeSourceNetwork } from '@spikeflow/testing';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

describe.skipIf(!backend)('WebGPU conformance (reference: CPU f32 and f64)', () => {
  it.each([decisionNetwork, cubaNetwork, spikeSourceNetwork, delaysNetwork])('$name: the same spike trains as CPU f32, every step of every seed', async (ref) => {
    const report = await checkConformance(backend!, { networks: [ref] });
    expect(conformanceFailures(report)).toEqual([]);
    for (const c of report.cases) {
      expect(c.divergence).toBeUndefined();
      expect(c.steps).toBeGreaterThanOrEqual(1000);
      for (const r of c.ratesF32) expect(r.countA).toBeGreaterThan(100); // the networks are active
    }
  });

  it('noisy: per-population rates within 2% of CPU f32 and f64 over four seeds', async () => {
    const report = await checkConformance(backend!, { networks: [noisyNetwork] });
    expect(conformanceFailures(report)).toEqual([]);
    expect(report.cases).toHaveLength(4);
  });

  // Every neuron model of @spikeflow/neurons, constant and noisy drive: bit-exact trains where the
  // step is plain arithmetic, rates within 2% where it is noisy or calls exp/log (WGSL's ulps).
  it.each(MODEL_NETWORKS)('model $name', async (ref) => {
    const report = await checkConformance(backend!, { networks: [ref] });
    expect(conformanceFailures(report)).toEqual([]);
    for (const c of report.cases) if (!c.noisy && !c.inexact) expect(c.divergence).toBeUndefined();
  });
});
