// The guide's synapse figures: a passive membrane that records the synaptic input it receives.
import type { ModelDefinition } from '@spikeflow/core';

/**
 * A leaky membrane that never spikes (100 MΩ, 200 pF: tau_m = 20 ms) and keeps, as the state
 * `I_syn`, the input current it integrated in the step — so a StateMonitor can record both.
 */
export const Probe: ModelDefinition = {
  name: 'Probe',
  kind: 'neuron',
  parameters: {
    R: { unit: 'MΩ', default: 100 },
    C: { unit: 'nF', default: 0.2 },
    u_rest: { unit: 'mV', default: -70 },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true } },
  state: { v: { unit: 'mV', initial: 'u_rest' }, I_syn: { unit: 'nA', initial: 0 } },
  inputs: { I: { unit: 'nA' } },
  equations: { v: '(-(v - u_rest) + R * I) / tau_m' },
  update: ['I_syn = I'],
  threshold: 'false',
};
