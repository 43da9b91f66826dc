import { Network, type ModelDefinition } from '@spikeflow/core';
import { LIF, PoissonNeuron } from '@spikeflow/neurons';
import { fixedProbabilityConnect, StdpAdditive, StdpMultiplicative } from '@spikeflow/connectivity';
import { SpikeMonitor } from '@spikeflow/monitors';
import type { ReferenceNetwork } from './networks.js';

/**
 * 100 Poisson inputs (60–100 Hz, drawn per neuron) onto 8 LIF neurons (tau_m 10 ms) through a plastic
 * conductance synapse with a 0.5 ms delay (p = 0.8 CSR, weights uniform in [0, 20] nS), and a
 * plastic recurrent connection among the LIF neurons (p = 0.5): Poisson sources, conductances
 * reading `v_post`, a delay and STDP. The Poisson draws are exact in float32 (uniforms compared
 * with rate·dt), so float32 backends must give the CPU f32 spike trains and weights exactly.
 */
function stdpNetwork(name: string, synapse: ModelDefinition, rule: Readonly<Record<string, number>>): ReferenceNetwork {
  return {
    name,
    description: `100 Poisson inputs (60–100 Hz) → 8 LIF, ${synapse.name} (p = 0.8 CSR, delay 0.5 ms) and recurrent ${synapse.name} (p = 0.5), dt 0.1 ms`,
    noisy: false,
    steps: 1000,
    seeds: [1, 2],
    rateTolerance: 0.05,
    plastic: ['inputs->lif', 'lif->lif'],
    build(seed) {
      const net = new Network({ dt: 0.1, seed });
      const inputs = net.population('inputs', { model: PoissonNeuron, size: 100, parameters: { rate: { uniform: { min: 60, max: 100 } } } });
      const lif = net.population('lif', { model: LIF, size: 8, parameters: { R: 2, C: 5, u_rest: -74, u_reset: -60, threshold: -54, t_ref: 1 } });
      const parameters = { wmin: 0, wmax: 20, ...rule };
      net.connect(inputs, lif, { connector: fixedProbabilityConnect({ p: 0.8, weight: { uniform: { min: 0, max: 20 } } }), synapse, parameters, delay: 0.5 });
      net.connect(lif, lif, { connector: fixedProbabilityConnect({ p: 0.5, weight: 5 }), synapse, parameters });
      return { network: net, monitors: new Map([inputs, lif].map((p) => [p.name, net.monitor(new SpikeMonitor(p))])) };
    },
  };
}

/** Additive pair-based STDP (Song, Miller & Abbott 2000): see {@link stdpNetwork}. */
export const stdpAdditiveNetwork: ReferenceNetwork = stdpNetwork('stdp-additive', StdpAdditive, { Apre: 0.5, Apost: -0.525 });

/** Multiplicative (soft-bound) pair-based STDP: see {@link stdpNetwork}. */
export const stdpMultiplicativeNetwork: ReferenceNetwork = stdpNetwork('stdp-multiplicative', StdpMultiplicative, { Apre: 0.05, Apost: -0.0525 });
