/**
 * Generated identifiers come from the kernel plan, never from user names: models whose names
 * used to collide with generated ones (a state `p_tau` beside a parameter `tau`; states `S_v` and
 * `t_new_v`) give exactly what the same model with harmless names gives, on every emitter:
 * JavaScript f64, JavaScript f32, WebAssembly, and two threads.
 */
import { describe, expect, it } from 'vitest';
import { Network, type Backend, type ModelDefinition } from '@spikeflow/core';
import { fixedProbabilityConnect } from '@spikeflow/connectivity';
import { SpikeMonitor } from '@spikeflow/monitors';
import { CpuSimulation, createCpuBackend } from '@spikeflow/backend-cpu';
import { Const } from './helpers.js';

/** A neuron and a synapse, written with names `rename` maps (identity: the colliding names). */
function models(rename: (name: string) => string) {
  const r = rename;
  const neuron: ModelDefinition = {
    name: 'Clash',
    kind: 'neuron',
    parameters: { tau: { unit: 'ms', default: 10 } },
    state: { v: { unit: 'mV', initial: 0 }, [r('p_tau')]: { unit: 'mV', initial: 4 }, [r('S_v')]: { unit: 'mV', initial: 0 }, [r('t_new_v')]: { unit: 'mV', initial: 0 } },
    inputs: { I: { unit: 'mV' } },
    equations: { v: `(-v + I + ${r('p_tau')}) / tau` },
    update: [`${r('S_v')} = ${r('S_v')} + 1`, `${r('t_new_v')} = v * 0.5 + ${r('S_v')} * 0.001`, `${r('p_tau')} = ${r('p_tau')} * 0.999`],
    threshold: 'v > 12',
    reset: ['v = 0'],
  };
  const synapse: ModelDefinition = {
    name: 'ClashSynapse',
    kind: 'synapse',
    parameters: { tau: { unit: 'ms', default: 5 } },
    state: { [r('p_tau')]: { unit: 'target', initial: 0 } },
    equations: { [r('p_tau')]: `-${r('p_tau')} / tau` },
    onPre: [`${r('p_tau')} += w`],
    output: r('p_tau'),
  };
  return { neuron, synapse };
}

const twin = (name: string) => ({ p_tau: 'q', S_v: 'sv', t_new_v: 'tnv' })[name] ?? name;

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
