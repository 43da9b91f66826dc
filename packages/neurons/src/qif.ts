import type { NeuronModel } from './library.js';

/**
 * Quadratic integrate-and-fire neuron (Latham, Richmond, Nelson & Nirenberg 2000; Gerstner et al.,
 * Neuronal Dynamics, eq. 5.16), the normal form of a saddle-node (type I) neuron:
 *
 *     tau_m·dv/dt = a0·(v - u_rest)·(v - u_c) + R·I
 *
 * spike when v >= v_peak, then v = u_reset. Rest `u_rest` is stable, `u_c` > u_rest the
 * critical voltage; the rheobase is R·I = a0·(u_c - u_rest)²/4, above which the rate grows as
 * the square root of the excess current. Midpoint (rk2): second order, and v stays finite within
 * the step because the threshold is checked at every step below the blow-up. Units: mV, MΩ, nA, ms.
 *
 * @example
 * net.population('q', { model: QIF, size: 100, parameters: { a0: 0.05 } });
 */
export const QIF: NeuronModel = {
  name: 'QIF',
  kind: 'neuron',
  doc: 'Quadratic integrate-and-fire neuron (type I excitability, saddle-node normal form).',
  parameters: {
    tau_m: { unit: 'ms', default: 10, timeConstant: true, doc: 'membrane time constant' },
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    a0: { unit: '1/mV', default: 0.1, positive: true, doc: 'curvature of the quadratic' },
    u_rest: { unit: 'mV', default: -65, doc: 'resting potential (stable fixed point)' },
    u_c: { unit: 'mV', default: -50, doc: 'critical potential (unstable fixed point)' },
    u_reset: { unit: 'mV', default: -65, doc: 'potential after a spike' },
    v_peak: { unit: 'mV', default: 30, doc: 'spike cut-off' },
  },
  state: { v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' } },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: { v: '(a0 * (v - u_rest) * (v - u_c) + R * I) / tau_m' },
  threshold: 'v >= v_peak',
  reset: ['v = u_reset'],
  integrator: 'rk2',
  reference: 'Latham, Richmond, Nelson & Nirenberg (2000) J Neurophysiol 83:808–827; Gerstner et al. (2014) Neuronal Dynamics, ch. 5.3',
  drive: { input: 'I', range: [4, 40] },
};
