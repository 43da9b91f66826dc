import type { NeuronModel } from './library.js';

/**
 * LIF neuron with spike-rate adaptation: every spike adds `b` to an adaptation current that
 * decays with tau_w (Benda & Herz 2003; Gerstner et al., Neuronal Dynamics, ch. 6.1 with a = 0):
 *
 *     tau_m·dv/dt    = -(v - u_rest) + R·(I - w_ad)       tau_m = R·C
 *     tau_w·dw_ad/dt = -w_ad
 *
 * spike when v >= threshold, then v = u_reset and w_ad += b; v is held at u_reset for t_ref.
 * Under a constant current the intervals lengthen from the first to a steady rate. Linear, so
 * `exact` (exponential Euler with w_ad frozen over each step, as Brian2's `exponential_euler`).
 * Units: mV, MΩ, nF, nA, ms.
 *
 * @example
 * net.population('e', { model: AdaptiveLIF, size: 100, parameters: { b: 5, tau_w: 200 } });
 */
export const AdaptiveLIF: NeuronModel = {
  name: 'AdaptiveLIF',
  kind: 'neuron',
  doc: 'LIF neuron with spike-rate adaptation (a spike-triggered current w_ad decaying with tau_w).',
  parameters: {
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
    u_rest: { unit: 'mV', default: -70, doc: 'resting potential' },
    u_reset: { unit: 'mV', default: -70, doc: 'potential after a spike' },
    threshold: { unit: 'mV', default: -50, doc: 'spike threshold' },
    t_ref: { unit: 'ms', default: 2, doc: 'absolute refractory period' },
    tau_w: { unit: 'ms', default: 100, timeConstant: true, doc: 'adaptation time constant' },
    b: { unit: 'nA', default: 2, doc: 'adaptation increment per spike' },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' } },
  state: {
    v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' },
    w_ad: { unit: 'nA', initial: 0, doc: 'adaptation current' },
  },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: { v: '(-(v - u_rest) + R * (I - w_ad)) / tau_m', w_ad: '-w_ad / tau_w' },
  threshold: 'v >= threshold',
  reset: ['v = u_reset', 'w_ad += b'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'exact',
  reference: 'Benda & Herz (2003) Neural Comput 15:2523–2564; Gerstner et al. (2014) Neuronal Dynamics, ch. 6.1',
  drive: { input: 'I', range: [20, 100] },
};
