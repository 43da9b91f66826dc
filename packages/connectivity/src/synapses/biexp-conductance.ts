import type { ModelDefinition } from '@spikeflow/core';

/**
 * Bi-exponential (difference of exponentials) synaptic conductance: a presynaptic spike at time 0
 * with weight w (nS) opens
 *
 *     g(t) = w · norm · (exp(−t / tau_decay) − exp(−t / tau_rise)),      t ≥ 0 (ms),
 *
 * where `norm` makes the peak, at t_peak = tau_decay·tau_rise/(tau_decay − tau_rise)·ln(tau_decay/tau_rise),
 * exactly w. Two states, each decaying exactly with its own time constant and both jumping by
 * w·norm; the output is (g_decay − g_rise) · (E_rev − v_post) (nA), `v_post` being the
 * postsynaptic membrane potential at the start of the step. tau_rise must differ from tau_decay
 * (equal ones give no t_peak: a `ConfigError`). A conductance synapse: weights are ≥ 0 and
 * inhibition comes from E_rev, not from the presynaptic sign.
 *
 * @example
 * // AMPA-like: 0.5 ms rise, 5 ms decay.
 * net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.1, weight: 2 }), synapse: BiExpConductance, parameters: { tau_rise: 0.5, tau_decay: 5 } });
 */
export const BiExpConductance: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'BiExpConductance',
  kind: 'synapse',
  doc: 'Difference-of-exponentials conductance (rise tau_rise, decay tau_decay, peak w) driving g·(E_rev − v_post).',
  parameters: {
    tau_rise: { unit: 'ms', default: 1, timeConstant: true, doc: 'rise time constant (≠ tau_decay)' },
    tau_decay: { unit: 'ms', default: 5, timeConstant: true, doc: 'decay time constant' },
    E_rev: { unit: 'mV', default: 0, doc: 'reversal potential (0 mV excitatory, −80 mV inhibitory)' },
  },
  derived: {
    t_peak: {
      expr: 'tau_decay * tau_rise / (tau_decay - tau_rise) * log(tau_decay / tau_rise)',
      unit: 'ms',
      timeConstant: true,
      doc: 'time of the peak after a spike',
    },
    norm: { expr: '1 / (exp(-t_peak / tau_decay) - exp(-t_peak / tau_rise))', unit: '1', doc: 'factor that makes the peak equal to w' },
  },
  state: {
    g_decay: { unit: 'µS', initial: 0, doc: 'decaying component (decays with tau_decay)' },
    g_rise: { unit: 'µS', initial: 0, doc: 'rising component (decays with tau_rise); g = g_decay − g_rise' },
  },
  equations: { g_decay: '-g_decay / tau_decay', g_rise: '-g_rise / tau_rise' },
  onPre: ['g_decay += w * norm', 'g_rise += w * norm'],
  weight: { unit: 'nS', conductance: true, doc: 'peak conductance per presynaptic spike (≥ 0)' },
  output: '(g_decay - g_rise) * (E_rev - v_post)',
  integrator: 'exact',
});
