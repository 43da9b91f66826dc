import type { NeuronModel } from './library.js';

/**
 * Exponential leaky integrate-and-fire neuron of the seed course (the course's `ELIFPopulation`;
 * Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel 2003; Gerstner et al., Neuronal Dynamics, eq. 5.6):
 *
 *     tau_m·dv/dt = -(v - u_rest) + delta_T·exp((v - theta_rh)/delta_T) + R·I      tau_m = R·C
 *
 * spike when v >= threshold (the numerical cut-off of the exponential upswing), then v = u_reset.
 * `theta_rh` is the rheobase threshold, `delta_T` the sharpness. Euler: the exponential term is
 * evaluated at the start of the step only, where v is still below the cut-off, so it never
 * overflows (rk4 would evaluate it beyond the cut-off). Use dt ≤ 0.1 ms. Units: mV, MΩ, nF, nA, ms.
 *
 * @example
 * net.population('e', { model: ELIF, size: 100, parameters: { delta_T: 1 } });
 */
export const ELIF: NeuronModel = {
  name: 'ELIF',
  kind: 'neuron',
  doc: 'Exponential leaky integrate-and-fire neuron of the seed course (R, C, rheobase threshold, sharpness).',
  parameters: {
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
    u_rest: { unit: 'mV', default: -70, doc: 'resting potential' },
    u_reset: { unit: 'mV', default: -70, doc: 'potential after a spike' },
    theta_rh: { unit: 'mV', default: -50, doc: 'rheobase threshold' },
    delta_T: { unit: 'mV', default: 2, positive: true, doc: 'sharpness of the exponential upswing' },
    threshold: { unit: 'mV', default: -30, doc: 'numerical spike cut-off (well above theta_rh)' },
    t_ref: { unit: 'ms', default: 0, doc: 'absolute refractory period' },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' } },
  state: { v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' } },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: { v: '(-(v - u_rest) + delta_T * exp((v - theta_rh) / delta_T) + R * I) / tau_m' },
  threshold: 'v >= threshold',
  reset: ['v = u_reset'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'euler',
  reference: 'Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel (2003) J Neurosci 23:11628–11640; Gerstner et al. (2014) Neuronal Dynamics, ch. 5.2 (the seed course\'s ELIF)',
  drive: { input: 'I', range: [15, 60] },
};
