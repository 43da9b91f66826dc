/**
 * Poisson input (`poissonInput`) on WebGPU: the binomial draw is a binary search of u32 thresholds
 * (constants) with Philox word 0, the same integers as on the CPU, so a population whose v only
 * moves by the input (integer weights: exact in float32) has CPU f32's v bit for bit, and the
 * `poisson-input` conformance network (LIF, voltage-jump synapses, input after the threshold test
 * and before the reset) has CPU f32's spike trains at every step of both seeds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { poissonInput } from '@spikeflow/stimuli';
import { StateMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { checkConformance, conformanceFailures, poissonInputNetwork } from '@spikeflow/testing';
import { gpuBackend } from './gpu.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

/** A neuron whose v only moves when an input moves it. */
const Hold: ModelDefinition = { name: 'Hold', kind: 'neuron', parameters: {}, state: { v: { unit: 'mV', initial: 0 } }, threshold: '0 > 1' };

async function draws(b: Backend): Promise<number[]> {
  const net = new Network({ dt: 0.1, seed: 4 });
  const h = net.population('h', { model: Hold, size: 300 });
  net.stimulate(h, poissonInput({ variable: 'v', n: 1000, rate: 20, weight: 1 })); // n·p = 2
  net.stimulate(h, poissonInput({ variable: 'v', n: 100_000, rate: 50, weight: 1000 })); // n·p = 500: a wide table
  const v = net.monitor(new StateMonitor(h, 'v', { every: 10 }));
  await net.run({ steps: 200 }, b);
  return Array.from(v.values().data);
}

describe.skipIf(!backend)('WebGPU Poisson input', () => {
  it('draws the same binomial numbers as the CPU (f32): v identical bit for bit', async () => {
    const ref = await draws(createCpuBackend({ precision: 'f32' }));
    expect(ref.at(-1)).toBeGreaterThan(0);
    expect(await draws(backend!)).toEqual(ref);
  });

  it('poisson-input conformance network: the same spike trains as CPU f32, every step of every seed', async () => {
    const report = await checkConformance(backend!, { networks: [poissonInputNetwork] });
    expect(conformanceFailures(report)).toEqual([]);
    for (const c of report.cases) {
      expect(c.divergence).toBeUndefined();
      for (const r of c.ratesF32) expect(r.countA).toBeGreaterThan(100);
    }
  });
});
