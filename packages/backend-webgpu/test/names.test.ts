/**
 * WGSL identifiers are generated from indices, never from user names: a state `p_tau` beside a
 * parameter `tau`, and states `S_v` and `t_new_v`, behave on WebGPU exactly as harmless names do,
 * and give the CPU f32 spike trains.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Network, type Backend } from '@spikeflow/core';
import { fixedProbabilityConnect } from '@spikeflow/connectivity';
import { constantCurrent } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { createCpuBackend } from '@spikeflow/backend-cpu';
import { gpuBackend } from './gpu.js';
import { collisionModels, harmlessName } from '../../../test-support/collision-models.js';

const backend = await gpuBackend();
afterAll(() => backend?.destroy());

const models = collisionModels;
const twin = harmlessName;

async function run(rename: (name: string) => string, b: Backend) {
  const { neuron, synapse } = models(rename);
  const net = new Network({ dt: 0.5, seed: 3 });
  const a = net.population('a', { model: neuron, size: 21 });
  net.stimulate(a, constantCurrent({ uniform: { min: 9, max: 14 } }));
  net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.2, weight: 0.4 }), synapse });
  const spikes = net.monitor(new SpikeMonitor(a));
  await net.run({ steps: 400 }, b);
  const sv = Array.from(net.compiled!.getState('a', rename('S_v')));
  net.compiled!.dispose();
  return { steps: Array.from(spikes.steps), neurons: Array.from(spikes.neurons), sv };
}

describe.skipIf(!backend)('names that cannot collide (WGSL)', () => {
  it('state p_tau beside parameter tau, states S_v and t_new_v: as the twin model, and as CPU f32', async () => {
    const clash = await run((n) => n, backend!);
    const reference = await run(twin, backend!);
    const cpu = await run((n) => n, createCpuBackend({ precision: 'f32' }));
    expect(reference.steps.length).toBeGreaterThan(30);
    expect(clash).toEqual(reference);
    expect(clash).toEqual(cpu);
    expect(clash.sv.every((x) => x === 400)).toBe(true);
  });
});
