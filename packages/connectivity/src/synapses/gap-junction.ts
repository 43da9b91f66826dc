import type { ModelDefinition } from '@spikeflow/core';

/**
 * Electrical synapse (gap junction): every step, each synapse passes a current proportional to
 * the voltage difference across it into its postsynaptic neuron — Brian2's
 * `Igap_post = w * (v_pre - v_post) : 1 (summed)`.
 *
 *     every step, per synapse:  w · (v_pre − v_post)      (w in nS → µS internally; × mV = nA)
 *     summed over the synapses onto each neuron, into the input the connection feeds (LIF: I)
 *
 * `v_pre` and `v_post` are the presynaptic and postsynaptic neurons' membrane potentials `v` at
 * the start of the step (both models need a state `v` in mV; another name is a `ConfigError`
 * naming connection, model and variable). The weight is a conductance: non-negative, and the
 * presynaptic population's sign is not applied (the current flows from the higher potential).
 * A gap junction is symmetric only when both directions are connected with the same weight — an
 * all-to-all connection of a population onto itself is (its self-synapses carry no current).
 * Spikes play no part: the junction has no state and no `onPre`, and a delay does not apply.
 *
 * With `LIF` (`tau_m·dv/dt = −(v − u_rest) + R·I`), a weight of g nS couples with strength R·g/1000
 * (R in MΩ): Brian2's dimensionless `w = 0.02` with R = 1 MΩ is a weight of 20 nS.
 *
 * @example
 * // Brian2's gap-junction example: 10 LIF neurons coupled all-to-all, w = 0.02 (R = 1 MΩ → 20 nS).
 * net.connect(cells, cells, { connector: fullConnect({ J: 20 * 10 }), synapse: GapJunction });
 */
export const GapJunction: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'GapJunction',
  kind: 'synapse',
  doc: 'Gap junction (electrical synapse): each synapse delivers w·(v_pre − v_post) every step, summed into the target input (Brian2\'s "(summed)").',
  parameters: {},
  state: {},
  weight: { unit: 'nS', conductance: true, doc: 'junction conductance (≥ 0)' },
  summed: 'w * (v_pre - v_post)',
});
