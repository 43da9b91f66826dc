import type { NeuronModel, NeuronPreset } from './library.js';

// Naud, Marcille, Clopath & Gerstner (2008), Table 1, as in Brian2's example
// `Naud_et_al_2008_adex_firing_patterns.py` (spike cut-off 0 mV, dt 0.1 ms). pF → nF, nS → µS, pA → nA.
const naud = (doc: string, C: number, gL: number, EL: number, a: number, tauW: number, b: number, Vr: number, I: number): NeuronPreset => ({
  doc,
  parameters: { C: C / 1000, g_L: gL / 1000, E_L: EL, V_T: -50, delta_T: 2, a: a / 1000, tau_w: tauW, b: b / 1000, V_r: Vr, V_peak: 0 },
  drive: I / 1000,
});

/**
 * Adaptive exponential integrate-and-fire neuron (AdEx; Brette & Gerstner 2005):
 *
 *     C·dv/dt     = -g_L·(v - E_L) + g_L·delta_T·exp((v - V_T)/delta_T) - w_ad + I
 *     tau_w·dw_ad/dt = a·(v - E_L) - w_ad
 *
 * spike when v > V_peak, then v = V_r and w_ad += b. Defaults are the paper's regular-spiking
 * cell (C 281 pF, g_L 30 nS, a 4 nS, b 80.5 pA, tau_w 144 ms). Presets: the eight firing patterns
 * of Naud et al. (2008), Table 1, each with the step current that shows it. The adaptation
 * current is the paper's `w` (named `w_ad`: `w` is reserved for synaptic weights in this version).
 * Euler, evaluated below the cut-off only (rk4 would overflow `exp` at the spike). Use dt ≤ 0.1 ms.
 * Units: mV, nF, µS, nA, ms.
 *
 * @example
 * net.population('ib', { model: AdEx, size: 1, parameters: AdEx.presets!['initial burst']!.parameters });
 */
export const AdEx: NeuronModel = {
  name: 'AdEx',
  kind: 'neuron',
  doc: 'Adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005) with the firing patterns of Naud et al. (2008) as presets.',
  parameters: {
    C: { unit: 'nF', default: 0.281, positive: true, doc: 'membrane capacitance' },
    g_L: { unit: 'µS', default: 0.03, positive: true, doc: 'leak conductance' },
    E_L: { unit: 'mV', default: -70.6, doc: 'leak reversal potential' },
    V_T: { unit: 'mV', default: -50.4, doc: 'threshold of the exponential upswing' },
    delta_T: { unit: 'mV', default: 2, positive: true, doc: 'slope factor' },
    a: { unit: 'µS', default: 0.004, doc: 'subthreshold adaptation' },
    tau_w: { unit: 'ms', default: 144, timeConstant: true, doc: 'adaptation time constant' },
    b: { unit: 'nA', default: 0.0805, doc: 'spike-triggered adaptation' },
    V_r: { unit: 'mV', default: -70.6, doc: 'reset potential' },
    V_peak: { unit: 'mV', default: 20, doc: 'spike cut-off' },
  },
  state: {
    v: { unit: 'mV', initial: 'E_L', doc: 'membrane potential' },
    w_ad: { unit: 'nA', initial: 0, doc: 'adaptation current' },
  },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: {
    v: '(-g_L * (v - E_L) + g_L * delta_T * exp((v - V_T) / delta_T) - w_ad + I) / C',
    w_ad: '(a * (v - E_L) - w_ad) / tau_w',
  },
  threshold: 'v > V_peak',
  reset: ['v = V_r', 'w_ad += b'],
  integrator: 'euler',
  reference: 'Brette & Gerstner (2005) J Neurophysiol 94:3637–3642; presets: Naud, Marcille, Clopath & Gerstner (2008) Biol Cybern 99:335–347, Table 1',
  drive: { input: 'I', range: [0.4, 2] },
  presets: {
    tonic: naud('tonic spiking: regular firing from the first spike', 200, 10, -70, 2, 30, 0, -58, 500),
    adapting: naud('spike-frequency adaptation: intervals lengthen to a steady rate', 200, 12, -70, 2, 300, 60, -58, 500),
    'initial burst': naud('a burst at the onset, then single spikes', 130, 18, -58, 4, 150, 120, -50, 400),
    'regular bursting': naud('bursts separated by long pauses, repeating', 200, 10, -58, 2, 120, 100, -46, 210),
    'delayed accelerating': naud('a delay to the first spike, then intervals shorten', 200, 12, -70, -10, 300, 0, -58, 300),
    'delayed regular bursting': naud('a delay, then regular bursts', 100, 10, -65, -10, 90, 30, -47, 110),
    transient: naud('a few spikes at the onset, then silence', 100, 10, -65, 10, 90, 100, -47, 180),
    irregular: naud('irregular intervals under constant input', 100, 12, -60, -11, 130, 30, -48, 160),
  },
};
