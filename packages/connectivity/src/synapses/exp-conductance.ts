import type { ModelDefinition } from '@spikeflow/core';

/**
 * Exponentially decaying synaptic conductance (COBA; Brette et al. 2007, benchmark 1):
 *
 *     dg/dt = −g / tau                      (ms; g in µS)
 *     on a presynaptic spike:  g += w        (w: the synapse weight, nS, ≥ 0)
 *     output to the target input:  g · (E_rev − v_post)      (nA)
 *
 * `v_post` is the postsynaptic neuron's membrane potential `v` at the start of the step (the
 * target model needs a state `v` in mV). A conductance synapse: weights are non-negative and the
 * presynaptic population's sign is not applied — inhibition comes from a reversal potential below
 * rest (e.g. E_rev = −80 mV), not from a negative weight (docs/concepts/model-language.md).
 *
 * @example
 * // Brian2's COBA: excitatory 6 nS with E_rev = 0 mV, inhibitory 67 nS with E_rev = −80 mV.
 * net.connect(exc, all, { connector: fixedProbabilityConnect({ p: 0.02, weight: 6 }), synapse: ExpConductance, parameters: { tau: 5, E_rev: 0 } });
 * net.connect(inh, all, { connector: fixedProbabilityConnect({ p: 0.02, weight: 67 }), synapse: ExpConductance, parameters: { tau: 10, E_rev: -80 } });
 */
export const ExpConductance: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'ExpConductance',
  kind: 'synapse',
  doc: 'Exponentially decaying conductance: g jumps by w on a presynaptic spike, decays with tau, and drives g·(E_rev − v_post).',
  parameters: {
    tau: { unit: 'ms', default: 5, timeConstant: true, doc: 'decay time constant' },
    E_rev: { unit: 'mV', default: 0, doc: 'reversal potential (0 mV excitatory, −80 mV inhibitory)' },
  },
  state: {
    g: { unit: 'µS', initial: 0, doc: 'synaptic conductance' },
  },
  equations: { g: '-g / tau' },
  onPre: ['g += w'],
  weight: { unit: 'nS', conductance: true, doc: 'conductance added per presynaptic spike (≥ 0)' },
  output: 'g * (E_rev - v_post)',
  integrator: 'exact',
});
