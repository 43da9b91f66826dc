import type { NeuronModel } from './library.js';

/**
 * Leaky integrate-and-fire neuron, as in the seed (R, C, threshold; tau_m = R·C):
 *
 *     dv/dt = (-(v - u_rest) + R·I) / tau_m        spike when v >= threshold, then v = u_reset
 *
 * held at u_reset for `t_ref` ms after a spike: v is not integrated during the round(t_ref/dt)
 * steps that follow the spike step, so the shortest interval between spikes is t_ref + dt and
 * the period under constant input is t_ref + ceil(T/dt)·dt (NEST's convention; Brian2 clamps one
 * step less). Linear in v, so the default `exact` integrator is exact for piecewise-constant
 * input. Units: mV, MΩ, nF, nA, ms.
 *
 * @example
 * net.population('exc', { model: LIF, size: 100, parameters: { R: 1, C: 20, threshold: -40 } });
 */
export const LIF: NeuronModel = {
  name: 'LIF',
  kind: 'neuron',
  doc: 'Leaky integrate-and-fire neuron with membrane resistance R and capacitance C (tau_m = R·C).',
  parameters: {
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
    u_rest: { unit: 'mV', default: -70, doc: 'resting potential' },
    u_reset: { unit: 'mV', default: -70, doc: 'potential after a spike' },
    threshold: { unit: 'mV', default: -40, doc: 'spike threshold' },
    t_ref: { unit: 'ms', default: 0, doc: 'absolute refractory period' },
  },
  derived: {
    tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' },
  },
  state: { v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' } },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: { v: '(-(v - u_rest) + R * I) / tau_m' },
  threshold: 'v >= threshold',
  reset: ['v = u_reset'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'exact',
  reference: 'Gerstner, Kistler, Naud & Paninski (2014) Neuronal Dynamics, ch. 1.3 (the seed course\'s LIF)',
  drive: { input: 'I', range: [20, 80] },
};
