/**
 * Generated identifiers come from the kernel plan, never from user names: models whose names
 * used to collide with generated ones (a state `p_tau` beside a parameter `tau`; states `S_v` and
 * `t_new_v`) give exactly what the same model with harmless names gives, on every emitter:
 * JavaScript f64, JavaScript f32, WebAssembly, and two threads.
 */
import { describe, expect, it } from 'vitest';
import { Network, type Backend } from '@spikeflow/core';
import { fixedProbabilityConnect } from '@spikeflow/connectivity';
import { SpikeMonitor } from '@spikeflow/monitors';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { Const } from './helpers.js';
import { collisionModels, harmlessName } from '../../../test-support/collision-models.js';

const models = collisionModels;
const twin = harmlessName;

async function run(rename: (name: string) => string, backend: Backend) {
  const { neuron, synapse } = models(rename);
  const net = new Network({ dt: 0.5, seed: 3 });
  const a = net.population('a', { model: neuron, size: 21 });
  net.stimulate(a, { kind: 'model', model: Const, parameters: { I0: { uniform: { min: 9, max: 14 } } } });
  net.connect(a, a, { connector: fixedProbabilityConnect({ p: 0.2, weight: 0.4 }), synapse });
  const spikes = net.monitor(new SpikeMonitor(a));
  await net.run({ steps: 400 }, backend);
  const sim = net.compiled as CpuSimulation;
  const out = {
    steps: Array.from(spikes.steps),
    neurons: Array.from(spikes.neurons),
    v: Array.from(sim.getState('a', 'v')),
    tnv: Array.from(sim.getState('a', rename('t_new_v'))),
    sv: Array.from(sim.getState('a', rename('S_v'))),
  };
  sim.dispose();
  return out;
}

describe('names that cannot collide', () => {
  it.each([
    ['JavaScript f64', { wasm: false }],
    ['JavaScript f32', { precision: 'f32' }],
    ['WebAssembly', {}],
    ['two threads', { threads: 2 }],
  ] as const)('%s: state p_tau beside parameter tau, states S_v and t_new_v behave as any other names', async (_name, options) => {
    const clash = await run((n) => n, createCpuBackend(options));
    const reference = await run(twin, createCpuBackend(options));
    expect(reference.steps.length).toBeGreaterThan(30);
    expect(clash).toEqual(reference);
    // S_v counts steps: it is the model's own state, not a generated array.
    expect(clash.sv.every((x) => x === 400)).toBe(true);
  });
});
