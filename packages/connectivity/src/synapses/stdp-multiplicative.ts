import type { ModelDefinition } from '@spikeflow/core';

/**
 * Exponential conductance synapse with multiplicative (soft-bound) pair-based STDP (van Rossum,
 * Bi & Turrigiano 2000; Gütig et al. 2003 with μ = 1): changes scale with the distance to the
 * bound they approach,
 *
 *     traces: apre per presynaptic neuron (tau taupre, +Apre), apost per postsynaptic neuron (tau taupost, +Apost)
 *     on a presynaptic spike:   g += w;  w = clip(w + apost · (w − wmin), wmin, wmax)     (Apost < 0)
 *     on a postsynaptic spike:  w = clip(w + apre · (wmax − w), wmin, wmax)
 *
 * Apre and Apost are dimensionless fractions; the weight stays in [wmin, wmax] (the clip only
 * guards against |Apost|·trace > 1). The conductance is as in ExpConductance. wmax must exceed wmin.
 *
 * @example
 * net.connect(inputs, neuron, { connector: fixedProbabilityConnect({ p: 1, weight: 5 }), synapse: StdpMultiplicative, parameters: { wmax: 10, Apre: 0.01, Apost: -0.0105 } });
 */
export const StdpMultiplicative: ModelDefinition = /* @__PURE__ */ Object.freeze<ModelDefinition>({
  name: 'StdpMultiplicative',
  kind: 'synapse',
  doc: 'Exponential conductance with soft-bound pair-based STDP: Δw = Apre·(wmax − w)·exp(−Δt/taupre) or Apost·(w − wmin)·exp(−Δt/taupost).',
  parameters: {
    tau: { unit: 'ms', default: 5, timeConstant: true, doc: 'conductance decay time constant' },
    E_rev: { unit: 'mV', default: 0, doc: 'reversal potential' },
    taupre: { unit: 'ms', default: 20, timeConstant: true, doc: 'decay time constant of the presynaptic trace' },
    taupost: { unit: 'ms', default: 20, timeConstant: true, doc: 'decay time constant of the postsynaptic trace' },
    Apre: { unit: '1', default: 0.01, doc: 'potentiation: fraction of (wmax − w) added per pairing' },
    Apost: { unit: '1', default: -0.0105, doc: 'depression (< 0): fraction of (w − wmin) added per pairing' },
    wmin: { unit: 'nS', default: 0, doc: 'lower bound of the weight' },
    wmax: { unit: 'nS', default: 10, doc: 'upper bound of the weight' },
  },
  derived: { wmax_minus_wmin: { expr: 'wmax - wmin', unit: 'µS', positive: true, doc: 'weight range; wmax must exceed wmin' } },
  state: { g: { unit: 'µS', initial: 0, doc: 'synaptic conductance' } },
  equations: { g: '-g / tau' },
  onPre: ['g += w', 'w = clip(w + apost * (w - wmin), wmin, wmax)'],
  plasticity: {
    traces: {
      apre: { side: 'pre', unit: '1', tau: 'taupre', jump: 'Apre', doc: 'presynaptic trace' },
      apost: { side: 'post', unit: '1', tau: 'taupost', jump: 'Apost', doc: 'postsynaptic trace' },
    },
    onPost: ['w = clip(w + apre * (wmax - w), wmin, wmax)'],
  },
  weight: { unit: 'nS', conductance: true, doc: 'conductance added per presynaptic spike, in [wmin, wmax]' },
  output: 'g * (E_rev - v_post)',
  integrator: 'exact',
});
