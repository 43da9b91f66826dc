import type { NeuronModel } from './library.js';

/**
 * Conductance-based LIF neuron of the COBA benchmark (Vogels & Abbott 2005; Brette et al. 2007;
 * Brian2's `COBA.py`, a 20 000 µm² cell):
 *
 *     C·dv/dt = g_L·(E_L - v) + ge·(E_e - v) + gi·(E_i - v) + I
 *
 * spike when v > v_th, then v = v_reset, held for t_ref. `ge` and `gi` are conductance inputs
 * (µS), summed each step from the synapses that target them — in COBA, `ExpCurrent` synapses
 * with tau 5 ms onto `ge` (weight 0.006 µS) and 10 ms onto `gi` (weight 0.067 µS; give the
 * inhibitory population `sign: 'excitatory'`, since a conductance is positive and E_i makes it
 * inhibitory). Linear in v: `exact` integrates it exactly for inputs constant over a step.
 * Without a dedicated neuron, COBA is also `LIF` with `ExpConductance` synapses of
 * `@spikeflow/connectivity`, whose output g·(E_rev − v_post) reads the membrane potential
 * (examples/coba.yaml).
 * Units: mV, nF, µS, nA, ms.
 *
 * @example
 * const e = net.population('e', { model: CobaLIF, size: 3200 });
 * net.connect(e, e, { connector: fixedProbabilityConnect({ p: 0.02, weight: 0.006 }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
 */
export const CobaLIF: NeuronModel = {
  name: 'CobaLIF',
  kind: 'neuron',
  doc: 'Conductance-based LIF neuron of the COBA benchmark, with conductance inputs ge and gi.',
  parameters: {
    C: { unit: 'nF', default: 0.2, positive: true, doc: 'membrane capacitance' },
    g_L: { unit: 'µS', default: 0.01, positive: true, doc: 'leak conductance (tau_m = C/g_L = 20 ms)' },
    E_L: { unit: 'mV', default: -60, doc: 'leak reversal (resting) potential' },
    E_e: { unit: 'mV', default: 0, doc: 'excitatory reversal potential' },
    E_i: { unit: 'mV', default: -80, doc: 'inhibitory reversal potential' },
    v_th: { unit: 'mV', default: -50, doc: 'spike threshold (spikes when v > v_th)' },
    v_reset: { unit: 'mV', default: -60, doc: 'potential after a spike' },
    t_ref: { unit: 'ms', default: 5, doc: 'absolute refractory period' },
  },
  state: { v: { unit: 'mV', initial: 'E_L', doc: 'membrane potential' } },
  inputs: {
    I: { unit: 'nA', doc: 'input current' },
    ge: { unit: 'µS', doc: 'excitatory conductance (from synapses)' },
    gi: { unit: 'µS', doc: 'inhibitory conductance (from synapses)' },
  },
  equations: { v: '(g_L * (E_L - v) + ge * (E_e - v) + gi * (E_i - v) + I) / C' },
  threshold: 'v > v_th',
  reset: ['v = v_reset'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'exact',
  reference: 'Vogels & Abbott (2005) J Neurosci 25:10786–10795; Brette et al. (2007) J Comput Neurosci 23:349–398 (COBA benchmark)',
  drive: { input: 'I', range: [0.05, 0.5] },
};
