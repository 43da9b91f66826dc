// Write your own neuron model: a leaky integrate-and-fire neuron with a spike-triggered
// adaptation current I_a. Data and expressions only; every backend compiles it.
import type { ModelDefinition } from '@spikeflow/core';

export const AdaptiveLIF: ModelDefinition = {
  name: 'AdaptiveLIF',
  kind: 'neuron',
  doc: 'LIF neuron with an adaptation current I_a that jumps by b at each spike and decays with tau_w.',
  parameters: {
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
    E_L: { unit: 'mV', default: -70, doc: 'resting potential' },
    v_th: { unit: 'mV', default: -50, doc: 'spike threshold' },
    v_reset: { unit: 'mV', default: -65, doc: 'potential after a spike' },
    tau_w: { unit: 'ms', default: 150, timeConstant: true, doc: 'adaptation time constant' },
    a: { unit: 'µS', default: 0, doc: 'subthreshold adaptation (conductance)' },
    b: { unit: 'nA', default: 2, doc: 'adaptation increment per spike' },
    t_ref: { unit: 'ms', default: 2, doc: 'absolute refractory period' },
  },
  derived: {
    tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' },
  },
  state: {
    v: { unit: 'mV', initial: 'E_L', doc: 'membrane potential' },
    I_a: { unit: 'nA', initial: 0, doc: 'adaptation current' },
  },
  inputs: { I: { unit: 'nA', doc: 'input current (stimuli and synapses)' } },
  equations: {
    v: '(-(v - E_L) + R * (I - I_a)) / tau_m',
    I_a: '(a * (v - E_L) - I_a) / tau_w',
  },
  threshold: 'v >= v_th',
  reset: ['v = v_reset', 'I_a += b'],
  refractory: { period: 't_ref', clamp: ['v'] },
  integrator: 'exact',
};
