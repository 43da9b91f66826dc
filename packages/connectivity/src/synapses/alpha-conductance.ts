import type { ModelDefinition } from '@spikeflow/core';

/**
 * Alpha-function synaptic conductance: a presynaptic spike at time 0 with weight w (nS) opens
 *
 *     g(t) = w · (t / tau) · exp(1 − t / tau),      t ≥ 0 (ms),
 *
 * peaking at exactly w at t = tau, and drives the current g · (E_rev − v_post) (nA) into the
 * target input, `v_post` being the postsynaptic membrane potential at the start of the step. The
 * two states advance with the closed-form propagator, as in {@link AlphaCurrent}. A conductance
 * synapse: weights are ≥ 0 and inhibition comes from E_rev, not from the presynaptic sign.
 *
 * @example
 * net.connect(exc, inh, { connector: fixedProbabilityConnect({ p: 0.1, weight: 2 }), synapse: AlphaConductance, parameters: { tau: 1, E_rev: 0 } });
 */
export const AlphaConductance: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'AlphaConductance',
  kind: 'synapse',
  doc: 'Alpha-function conductance w·(t/tau)·exp(1 − t/tau) (peak w at t = tau) driving g·(E_rev − v_post).',
  parameters: {
    tau: { unit: 'ms', default: 5, timeConstant: true, doc: 'rise and decay time constant; the time of the peak' },
    E_rev: { unit: 'mV', default: 0, doc: 'reversal potential (0 mV excitatory, −80 mV inhibitory)' },
  },
  state: {
    x: { unit: 'µS', initial: 0, doc: 'rise variable: jumps by w on a presynaptic spike, decays with tau' },
    g: { unit: 'µS', initial: 0, doc: 'synaptic conductance' },
  },
  update: ['g = (g + e * x * dt / tau) * exp(-dt / tau)', 'x = x * exp(-dt / tau)'],
  onPre: ['x += w'],
  weight: { unit: 'nS', conductance: true, doc: 'peak conductance per presynaptic spike (≥ 0)' },
  output: 'g * (E_rev - v_post)',
});
