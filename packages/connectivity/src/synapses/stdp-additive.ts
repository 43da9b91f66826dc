import type { ModelDefinition } from '@spikeflow/core';

/**
 * Exponential conductance synapse with additive, all-to-all pair-based STDP (Song, Miller &
 * Abbott 2000; Brian2's example `synapses/STDP.py`):
 *
 *     dg/dt = −g / tau,  output g · (E_rev − v_post)                         (as ExpConductance)
 *     traces: apre per presynaptic neuron (tau taupre, +Apre on its spike),
 *             apost per postsynaptic neuron (tau taupost, +Apost on its spike)
 *     on a presynaptic spike:   g += w;  w = clip(w + apost, wmin, wmax)
 *     on a postsynaptic spike:  w = clip(w + apre, wmin, wmax)
 *
 * A pre spike Δt = t_post − t_pre before a post spike changes w by Apre·exp(−Δt/taupre); one after
 * it by Apost·exp(Δt/taupost) (Apost < 0: depression), each clipped to [wmin, wmax]. wmax must
 * exceed wmin (a `ConfigError` otherwise). Weights, Apre, Apost, wmin and wmax are conductances (nS).
 *
 * @example
 * net.connect(inputs, neuron, { connector: fixedProbabilityConnect({ p: 1, weight: 5 }), synapse: StdpAdditive, parameters: { wmax: 10, Apre: 0.1, Apost: -0.105 } });
 */
export const StdpAdditive: ModelDefinition = /* @__PURE__ */ Object.freeze<ModelDefinition>({
  name: 'StdpAdditive',
  kind: 'synapse',
  doc: 'Exponential conductance (g += w, decays with tau, drives g·(E_rev − v_post)) with additive pair-based STDP: Δw = Apre·exp(−Δt/taupre) or Apost·exp(−Δt/taupost), clipped to [wmin, wmax].',
  parameters: {
    tau: { unit: 'ms', default: 5, timeConstant: true, doc: 'conductance decay time constant' },
    E_rev: { unit: 'mV', default: 0, doc: 'reversal potential' },
    taupre: { unit: 'ms', default: 20, timeConstant: true, doc: 'decay time constant of the presynaptic trace' },
    taupost: { unit: 'ms', default: 20, timeConstant: true, doc: 'decay time constant of the postsynaptic trace' },
    Apre: { unit: 'nS', default: 0.1, doc: 'potentiation: jump of the presynaptic trace, added to w on a postsynaptic spike' },
    Apost: { unit: 'nS', default: -0.105, doc: 'depression (< 0): jump of the postsynaptic trace, added to w on a presynaptic spike' },
    wmin: { unit: 'nS', default: 0, doc: 'lower bound of the weight' },
    wmax: { unit: 'nS', default: 10, doc: 'upper bound of the weight' },
  },
  derived: { wmax_minus_wmin: { expr: 'wmax - wmin', unit: 'µS', positive: true, doc: 'weight range; wmax must exceed wmin' } },
  state: { g: { unit: 'µS', initial: 0, doc: 'synaptic conductance' } },
  equations: { g: '-g / tau' },
  onPre: ['g += w', 'w = clip(w + apost, wmin, wmax)'],
  plasticity: {
    traces: {
      apre: { side: 'pre', unit: 'µS', tau: 'taupre', jump: 'Apre', doc: 'presynaptic trace' },
      apost: { side: 'post', unit: 'µS', tau: 'taupost', jump: 'Apost', doc: 'postsynaptic trace' },
    },
    onPost: ['w = clip(w + apre, wmin, wmax)'],
  },
  weight: { unit: 'nS', conductance: true, doc: 'conductance added per presynaptic spike, in [wmin, wmax]' },
  output: 'g * (E_rev - v_post)',
  integrator: 'exact',
});
