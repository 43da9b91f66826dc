import type { NeuronModel } from './library.js';

// The six rate functions of the paper, with every constant a parameter so each term carries its unit.
const alpha_m = (v: string) => `am_A * (${v} - am_V) / (1 - exp(-(${v} - am_V) / am_k))`;
const beta_m = (v: string) => `bm_A * exp(-(${v} - bm_V) / bm_k)`;
const alpha_h = (v: string) => `ah_A * exp(-(${v} - ah_V) / ah_k)`;
const beta_h = (v: string) => `bh_A / (1 + exp(-(${v} - bh_V) / bh_k))`;
const alpha_n = (v: string) => `an_A * (${v} - an_V) / (1 - exp(-(${v} - an_V) / an_k))`;
const beta_n = (v: string) => `bn_A * exp(-(${v} - bn_V) / bn_k)`;
const gate = (x: string, alpha: (v: string) => string, beta: (v: string) => string) => `${alpha('v')} * (1 - ${x}) - ${beta('v')} * ${x}`;
const steady = (alpha: (v: string) => string, beta: (v: string) => string) => `(${alpha('v0')}) / ((${alpha('v0')}) + (${beta('v0')}))`;

/**
 * Hodgkin–Huxley (1952) squid giant axon, modern sign convention (rest near −65 mV), for a patch
 * of 10 000 µm² (so 1 µF/cm² is C = 0.1 nF and 10 µA/cm² is I = 1 nA):
 *
 *     C·dv/dt = g_Na·m³·h·(E_Na - v) + g_K·n⁴·(E_K - v) + g_L·(E_L - v) + I
 *     dx/dt   = α_x(v)·(1 - x) - β_x(v)·x          for x = m, h, n
 *     α_m = 0.1·(v + 40)/(1 - exp(-(v + 40)/10))   β_m = 4·exp(-(v + 65)/18)
 *     α_h = 0.07·exp(-(v + 65)/20)                 β_h = 1/(1 + exp(-(v + 35)/10))
 *     α_n = 0.01·(v + 55)/(1 - exp(-(v + 55)/10))  β_n = 0.125·exp(-(v + 65)/80)
 *
 * (rates in 1/ms, v in mV; each constant is a parameter: `am_A`, `am_V`, `am_k`, …). A spike is
 * counted when v crosses −20 mV (`v_spike`); `t_ref` only stops the same action potential from
 * counting twice: no state is clamped. Integrator `exact`: exponential Euler, as Brian2's
 * `exponential_euler` — each equation is linear in its own variable with coefficients frozen
 * over the step, so the gates stay in [0, 1] at any dt. The gates start at their steady state at v0.
 *
 * @example
 * net.population('axon', { model: HodgkinHuxley, size: 1 });
 */
export const HodgkinHuxley: NeuronModel = {
  name: 'HodgkinHuxley',
  kind: 'neuron',
  doc: 'Hodgkin–Huxley (1952) squid axon: Na, K and leak currents, gates m, h, n (10 000 µm² patch).',
  parameters: {
    C: { unit: 'nF', default: 0.1, positive: true, doc: 'membrane capacitance (1 µF/cm²)' },
    g_Na: { unit: 'µS', default: 12, doc: 'peak sodium conductance (120 mS/cm²)' },
    g_K: { unit: 'µS', default: 3.6, doc: 'peak potassium conductance (36 mS/cm²)' },
    g_L: { unit: 'µS', default: 0.03, doc: 'leak conductance (0.3 mS/cm²)' },
    E_Na: { unit: 'mV', default: 50, doc: 'sodium reversal potential' },
    E_K: { unit: 'mV', default: -77, doc: 'potassium reversal potential' },
    E_L: { unit: 'mV', default: -54.387, doc: 'leak reversal potential' },
    v0: { unit: 'mV', default: -65, doc: 'initial potential (gates start at their steady state there)' },
    v_spike: { unit: 'mV', default: -20, doc: 'a spike is counted when v crosses this' },
    t_ref: { unit: 'ms', default: 3, doc: 'no second spike is counted for this long (nothing is clamped)' },
    am_A: { unit: '1/(mV*ms)', default: 0.1, doc: 'α_m slope' },
    am_V: { unit: 'mV', default: -40, doc: 'α_m half point' },
    am_k: { unit: 'mV', default: 10, doc: 'α_m scale' },
    bm_A: { unit: '1/ms', default: 4, doc: 'β_m rate' },
    bm_V: { unit: 'mV', default: -65, doc: 'β_m reference' },
    bm_k: { unit: 'mV', default: 18, doc: 'β_m scale' },
    ah_A: { unit: '1/ms', default: 0.07, doc: 'α_h rate' },
    ah_V: { unit: 'mV', default: -65, doc: 'α_h reference' },
    ah_k: { unit: 'mV', default: 20, doc: 'α_h scale' },
    bh_A: { unit: '1/ms', default: 1, doc: 'β_h rate' },
    bh_V: { unit: 'mV', default: -35, doc: 'β_h half point' },
    bh_k: { unit: 'mV', default: 10, doc: 'β_h scale' },
    an_A: { unit: '1/(mV*ms)', default: 0.01, doc: 'α_n slope' },
    an_V: { unit: 'mV', default: -55, doc: 'α_n half point' },
    an_k: { unit: 'mV', default: 10, doc: 'α_n scale' },
    bn_A: { unit: '1/ms', default: 0.125, doc: 'β_n rate' },
    bn_V: { unit: 'mV', default: -65, doc: 'β_n reference' },
    bn_k: { unit: 'mV', default: 80, doc: 'β_n scale' },
  },
  state: {
    v: { unit: 'mV', initial: 'v0', doc: 'membrane potential' },
    m: { unit: '1', initial: steady(alpha_m, beta_m), doc: 'sodium activation' },
    h: { unit: '1', initial: steady(alpha_h, beta_h), doc: 'sodium inactivation' },
    n: { unit: '1', initial: steady(alpha_n, beta_n), doc: 'potassium activation' },
  },
  inputs: { I: { unit: 'nA', doc: 'total input current (stimuli and synapses)' } },
  equations: {
    v: '(g_Na * m**3 * h * (E_Na - v) + g_K * n**4 * (E_K - v) + g_L * (E_L - v) + I) / C',
    m: gate('m', alpha_m, beta_m),
    h: gate('h', alpha_h, beta_h),
    n: gate('n', alpha_n, beta_n),
  },
  threshold: 'v > v_spike',
  reset: [],
  refractory: { period: 't_ref', clamp: [] },
  integrator: 'exact',
  reference: 'Hodgkin & Huxley (1952) A quantitative description of membrane current and its application to conduction and excitation in nerve, J Physiol 117:500–544',
  drive: { input: 'I', range: [0, 2] },
};
