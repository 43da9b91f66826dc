import type { NeuronModel } from './library.js';

/**
 * Adaptive exponential leaky integrate-and-fire neuron of the seed course (its `AELIFPopulation`;
 * Gerstner et al., Neuronal Dynamics, eqs. 6.3–6.4), the ELIF with an adaptation current:
 *
 *     tau_m·dv/dt    = -(v - u_rest) + delta_T·exp((v - theta_rh)/delta_T) - R·w_ad + R·I
 *     tau_w·dw_ad/dt = a·(v - u_rest) - w_ad
 *
 * spike when v >= threshold, then v = u_reset and w_ad += b. `a` couples subthreshold voltage to
 * adaptation, `b` is the spike-triggered jump. (The adaptation current is the book's `w`; it is
 * called `w_ad` because `w` is reserved for synaptic weights in this version.) Euler, as ELIF.
 * Units: mV, MΩ, nF, nA, µS, ms.
 *
 * @example
 * net.population('e', { model: AdaptiveELIF, size: 100, parameters: { b: 5 } });
 */
export const AdaptiveELIF: NeuronModel = {
  name: 'AdaptiveELIF',
  kind: 'neuron',
  doc: 'Adaptive exponential LIF neuron of the seed course: ELIF plus an adaptation current w_ad.',
  parameters: {
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
    u_rest: { unit: 'mV', default: -70, doc: 'resting potential' },
    u_reset: { unit: 'mV', default: -70, doc: 'potential after a spike' },
    theta_rh: { unit: 'mV', default: -50, doc: 'rheobase threshold' },
    delta_T: { unit: 'mV', default: 2, positive: true, doc: 'sharpness of the exponential upswing' },
    threshold: { unit: 'mV', default: -30, doc: 'numerical spike cut-off (well above theta_rh)' },
    a: { unit: 'µS', default: 0.1, doc: 'subthreshold adaptation coupling' },
    b: { unit: 'nA', default: 2, doc: 'spike-triggered adaptation increment' },
    tau_w: { unit: 'ms', default: 100, timeConstant: true, doc: 'adaptation time constant' },
    t_ref: { unit: 'ms', default: 0, doc: 'absolute refractory period' },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' } },
  state: {
    v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' },
    w_ad: { unit: 'nA', initial: 0, doc: 'adaptation current' },
  },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: {
    v: '(-(v - u_rest) + delta_T * exp((v - theta_rh) / delta_T) - R * w_ad + R * I) / tau_m',
    w_ad: '(a * (v - u_rest) - w_ad) / tau_w',
  },
  threshold: 'v >= threshold',
  reset: ['v = u_reset', 'w_ad += b'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'euler',
  reference: 'Gerstner, Kistler, Naud & Paninski (2014) Neuronal Dynamics, ch. 6.1 (the seed course\'s AELIF)',
  drive: { input: 'I', range: [15, 80] },
};
