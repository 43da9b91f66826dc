import type { NeuronModel, NeuronPreset } from './library.js';

const preset = (doc: string, a: number, b: number, c: number, d: number, drive = 10, v0 = -65): NeuronPreset => ({ doc, parameters: { a, b, c, d, v0 }, drive });

/**
 * Izhikevich's simple model (Izhikevich 2003, IEEE Trans Neural Netw 14:1569):
 *
 *     dv/dt = k2·v² + k1·v + k0 - u + I        du/dt = a·(b·v - u)
 *
 * spike when v >= v_peak, then v = c and u += d. The paper's coefficients 0.04, 5 and 140 are
 * the parameters k2, k1, k0 (so that every term carries its unit: v in mV, t in ms, u and I in
 * mV/ms). Presets: the paper's Fig. 2 cell classes (RS, IB, CH, FS, LTS, RZ). Euler, as in the
 * paper and Brian2's example; use dt ≤ 0.1 ms (the quadratic term blows up within a step of the
 * peak, and the threshold catches it there).
 *
 * @example
 * net.population('ch', { model: Izhikevich, size: 10, parameters: Izhikevich.presets!.chattering!.parameters });
 */
export const Izhikevich: NeuronModel = {
  name: 'Izhikevich',
  kind: 'neuron',
  doc: 'Izhikevich (2003) simple model with the paper\'s cell classes (RS, IB, CH, FS, LTS, RZ) as presets.',
  parameters: {
    a: { unit: '1/ms', default: 0.02, doc: 'recovery rate' },
    b: { unit: '1/ms', default: 0.2, doc: 'sensitivity of u to v' },
    c: { unit: 'mV', default: -65, doc: 'reset potential' },
    d: { unit: 'mV/ms', default: 8, doc: 'reset increment of u' },
    k2: { unit: '1/(mV*ms)', default: 0.04, doc: 'quadratic coefficient' },
    k1: { unit: '1/ms', default: 5, doc: 'linear coefficient' },
    k0: { unit: 'mV/ms', default: 140, doc: 'constant term' },
    v_peak: { unit: 'mV', default: 30, doc: 'spike cut-off' },
    v0: { unit: 'mV', default: -65, doc: 'initial membrane potential (u starts at b·v0)' },
  },
  state: {
    v: { unit: 'mV', initial: 'v0', doc: 'membrane potential' },
    u: { unit: 'mV/ms', initial: 'b * v0', doc: 'recovery variable' },
  },
  inputs: { I: { unit: 'mV/ms', doc: 'input (the paper\'s dimensionless I: current over capacitance)' } },
  equations: { v: 'k2 * v**2 + k1 * v + k0 - u + I', u: 'a * (b * v - u)' },
  threshold: 'v >= v_peak',
  reset: ['v = c', 'u += d'],
  integrator: 'euler',
  reference: 'Izhikevich (2003) Simple model of spiking neurons, IEEE Trans Neural Netw 14:1569–1572',
  drive: { input: 'I', range: [0, 20] },
  presets: {
    'regular spiking': preset('RS: tonic firing with adaptation (excitatory cortical cells)', 0.02, 0.2, -65, 8),
    'intrinsically bursting': preset('IB: an initial burst, then single spikes', 0.02, 0.2, -55, 4),
    chattering: preset('CH: repeated high-frequency bursts', 0.02, 0.2, -50, 2),
    'fast spiking': preset('FS: high rate without adaptation (inhibitory interneurons)', 0.1, 0.2, -65, 2),
    'low-threshold spiking': preset('LTS: high rate with adaptation, low threshold', 0.02, 0.25, -65, 2),
    // Started 1.5 mV below its rest (−62.5 mV), RZ rings back with damped oscillations, where RS relaxes monotonically.
    resonator: preset('RZ: damped subthreshold oscillations (started below rest, no input)', 0.1, 0.26, -65, 2, 0, -64),
  },
};
