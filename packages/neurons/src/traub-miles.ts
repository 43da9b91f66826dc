import type { NeuronModel } from './library.js';

// Traub & Miles rate functions as in the COBAHH benchmark, voltages relative to V_T.
const alpha_m = (v: string) => `am_A * (am_V - (${v} - V_T)) / (exp((am_V - (${v} - V_T)) / am_k) - 1)`;
const beta_m = (v: string) => `bm_A * ((${v} - V_T) - bm_V) / (exp(((${v} - V_T) - bm_V) / bm_k) - 1)`;
const alpha_h = (v: string) => `ah_A * exp((ah_V - (${v} - V_T)) / ah_k)`;
const beta_h = (v: string) => `bh_A / (1 + exp((bh_V - (${v} - V_T)) / bh_k))`;
const alpha_n = (v: string) => `an_A * (an_V - (${v} - V_T)) / (exp((an_V - (${v} - V_T)) / an_k) - 1)`;
const beta_n = (v: string) => `bn_A * exp((bn_V - (${v} - V_T)) / bn_k)`;
const gate = (x: string, alpha: (v: string) => string, beta: (v: string) => string) => `${alpha('v')} * (1 - ${x}) - ${beta('v')} * ${x}`;
const steady = (alpha: (v: string) => string, beta: (v: string) => string) => `(${alpha('E_L')}) / ((${alpha('E_L')}) + (${beta('E_L')}))`;

/**
 * Hodgkin–Huxley-type neuron with Traub & Miles (1991) kinetics, as in the COBAHH benchmark of
 * Brette et al. (2007) (Brian2's `COBAHH.py`; a 20 000 µm² cell):
 *
 *     C·dv/dt = g_L·(E_L - v) + ge·(E_e - v) + gi·(E_i - v) - g_Na·m³·h·(v - E_Na) - g_K·n⁴·(v - E_K) + I
 *     dx/dt   = α_x(v)·(1 - x) - β_x(v)·x                          for x = m, h, n
 *     α_m = 0.32·(13 - v + V_T)/(exp((13 - v + V_T)/4) - 1)    β_m = 0.28·(v - V_T - 40)/(exp((v - V_T - 40)/5) - 1)
 *     α_h = 0.128·exp((17 - v + V_T)/18)                        β_h = 4/(1 + exp((40 - v + V_T)/5))
 *     α_n = 0.032·(15 - v + V_T)/(exp((15 - v + V_T)/5) - 1)    β_n = 0.5·exp((10 - v + V_T)/40)
 *
 * (rates in 1/ms; each constant is a parameter). `ge` and `gi` are conductance inputs (µS) fed by
 * synapses (e.g. `ExpCurrent` with tau 5 and 10 ms, as in the benchmark); `I` is a current input.
 * Spikes counted when v > −20 mV, `t_ref` 3 ms stops double counting (nothing clamped), as in the
 * benchmark. Integrator `exact` = exponential Euler, as the benchmark's `exponential_euler`.
 *
 * @example
 * const exc = net.population('exc', { model: TraubMiles, size: 3200 });
 * net.connect(exc, exc, { connector: fixedProbabilityConnect({ p: 0.02, weight: 0.006 }), synapse: ExpCurrent, parameters: { tau: 5 }, input: 'ge' });
 */
export const TraubMiles: NeuronModel = {
  name: 'TraubMiles',
  kind: 'neuron',
  doc: 'Traub–Miles Hodgkin–Huxley neuron of the COBAHH benchmark, with conductance inputs ge and gi.',
  parameters: {
    C: { unit: 'nF', default: 0.2, positive: true, doc: 'membrane capacitance (1 µF/cm² × 20 000 µm²)' },
    g_L: { unit: 'µS', default: 0.01, doc: 'leak conductance (5e-5 S/cm²)' },
    g_Na: { unit: 'µS', default: 20, doc: 'peak sodium conductance (100 mS/cm²)' },
    g_K: { unit: 'µS', default: 6, doc: 'peak potassium conductance (30 mS/cm²)' },
    E_L: { unit: 'mV', default: -60, doc: 'leak reversal potential (and initial v)' },
    E_K: { unit: 'mV', default: -90, doc: 'potassium reversal potential' },
    E_Na: { unit: 'mV', default: 50, doc: 'sodium reversal potential' },
    E_e: { unit: 'mV', default: 0, doc: 'excitatory reversal potential' },
    E_i: { unit: 'mV', default: -80, doc: 'inhibitory reversal potential' },
    V_T: { unit: 'mV', default: -63, doc: 'offset of the rate functions' },
    v_spike: { unit: 'mV', default: -20, doc: 'a spike is counted when v crosses this' },
    t_ref: { unit: 'ms', default: 3, doc: 'no second spike is counted for this long (nothing is clamped)' },
    am_A: { unit: '1/(mV*ms)', default: 0.32, doc: 'α_m slope' },
    am_V: { unit: 'mV', default: 13, doc: 'α_m half point above V_T' },
    am_k: { unit: 'mV', default: 4, doc: 'α_m scale' },
    bm_A: { unit: '1/(mV*ms)', default: 0.28, doc: 'β_m slope' },
    bm_V: { unit: 'mV', default: 40, doc: 'β_m half point above V_T' },
    bm_k: { unit: 'mV', default: 5, doc: 'β_m scale' },
    ah_A: { unit: '1/ms', default: 0.128, doc: 'α_h rate' },
    ah_V: { unit: 'mV', default: 17, doc: 'α_h reference above V_T' },
    ah_k: { unit: 'mV', default: 18, doc: 'α_h scale' },
    bh_A: { unit: '1/ms', default: 4, doc: 'β_h rate' },
    bh_V: { unit: 'mV', default: 40, doc: 'β_h half point above V_T' },
    bh_k: { unit: 'mV', default: 5, doc: 'β_h scale' },
    an_A: { unit: '1/(mV*ms)', default: 0.032, doc: 'α_n slope' },
    an_V: { unit: 'mV', default: 15, doc: 'α_n half point above V_T' },
    an_k: { unit: 'mV', default: 5, doc: 'α_n scale' },
    bn_A: { unit: '1/ms', default: 0.5, doc: 'β_n rate' },
    bn_V: { unit: 'mV', default: 10, doc: 'β_n reference above V_T' },
    bn_k: { unit: 'mV', default: 40, doc: 'β_n scale' },
  },
  state: {
    v: { unit: 'mV', initial: 'E_L', doc: 'membrane potential' },
    m: { unit: '1', initial: steady(alpha_m, beta_m), doc: 'sodium activation' },
    h: { unit: '1', initial: steady(alpha_h, beta_h), doc: 'sodium inactivation' },
    n: { unit: '1', initial: steady(alpha_n, beta_n), doc: 'potassium activation' },
  },
  inputs: {
    I: { unit: 'nA', doc: 'input current' },
    ge: { unit: 'µS', doc: 'excitatory conductance (from synapses)' },
    gi: { unit: 'µS', doc: 'inhibitory conductance (from synapses)' },
  },
  equations: {
    v: '(g_L * (E_L - v) + ge * (E_e - v) + gi * (E_i - v) - g_Na * m**3 * h * (v - E_Na) - g_K * n**4 * (v - E_K) + I) / C',
    m: gate('m', alpha_m, beta_m),
    h: gate('h', alpha_h, beta_h),
    n: gate('n', alpha_n, beta_n),
  },
  threshold: 'v > v_spike',
  reset: [],
  refractory: { period: 't_ref', clamp: [] },
  integrator: 'exact',
  reference: 'Traub & Miles (1991) Neuronal Networks of the Hippocampus; Brette et al. (2007) J Comput Neurosci 23:349–398 (COBAHH benchmark)',
  drive: { input: 'I', range: [0, 1.5] },
};
