/**
 * `synapseMemory` counts a plastic connection's state as synapse storage: for N inputs onto one
 * neuron (p = 1, one thread) row offsets 4(N + 1), postsynaptic indices 4N, float64 weights 8N,
 * and the plastic state (`plasticBytes`): column offsets 4·2, a synapse and a presynaptic index
 * per synapse 8N, traces (value and last-update step, float64) 16N presynaptic + 16 postsynaptic.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect, StdpAdditive } from '@spikeflow/connectivity';
import { createCpuBackend, type CpuSimulation } from '@spikeflow/backend-cpu';

function song(N: number, plastic: boolean) {
  const net = new Network({ dt: 0.1, seed: 1 });
  const inputs = net.population('inputs', { model: PoissonNeuron, size: N, parameters: { rate: 15 } });
  const neuron = net.population('neuron', { model: LIF, size: 1 });
  net.connect(inputs, neuron, {
    connector: fixedProbabilityConnect({ p: 1, weight: { uniform: { min: 0, max: 10 } } }),
    ...(plastic ? { synapse: StdpAdditive, parameters: { tau: 5, E_rev: 0, taupre: 20, taupost: 20, wmin: 0, wmax: 10, Apre: 0.1, Apost: -0.105 } } : { synapse: ExpCurrent, parameters: { tau: 5 } }),
  });
  return net.build();
}

describe('synapseMemory with plastic synapses', () => {
  it('counts the float64 weights, the transposed index and the traces (plasticBytes); 0 plastic bytes without plasticity', async () => {
    const N = 50;
    const sim = (await createCpuBackend().compile(song(N, true))) as CpuSimulation;
    const plasticBytes = 4 * 2 + 8 * N + 16 * N + 16;
    expect(sim.synapseMemory.synapses).toBe(N);
    expect(sim.synapseMemory.plasticBytes).toBe(plasticBytes);
    expect(sim.synapseMemory.bytes).toBe(4 * (N + 1) + 4 * N + 8 * N + plasticBytes);
    expect(sim.synapseMemory.totalBytes).toBeGreaterThanOrEqual(sim.synapseMemory.bytes);
    sim.dispose();
    const fixed = (await createCpuBackend().compile(song(N, false))) as CpuSimulation;
    expect(fixed.synapseMemory.plasticBytes).toBe(0);
    fixed.dispose();
  });
});
