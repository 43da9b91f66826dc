import type { ModelDefinition } from '@spikeflow/core';

/**
 * Alpha-function synaptic current: a presynaptic spike at time 0 with weight w (nA) produces
 *
 *     I_syn(t) = w · (t / tau) · exp(1 − t / tau),      t ≥ 0 (ms),
 *
 * which rises from 0, peaks at exactly w at t = tau, and decays. Two states per postsynaptic neuron:
 * `x` (nA) jumps by w on each spike and decays with tau, and I_syn follows
 * dI_syn/dt = (e·x − I_syn) / tau.
 *
 * The model advances both states with the closed-form propagator of that linear pair
 * (I_syn ← (I_syn + e·x·dt/tau)·exp(−dt/tau), then x ← x·exp(−dt/tau)), written as `update`
 * statements, so the kernel is sampled exactly at every step for any dt: the 'exact' integrator
 * treats each ODE on its own with the other states frozen over the step, which for this coupled pair
 * would only be first-order accurate. Spikes take effect one step after they happen, as for
 * {@link ExpCurrent}, so I_syn is w·(n·dt/tau)·exp(1 − n·dt/tau) n steps after the spike is applied.
 *
 * @example
 * net.connect(exc, inh, {
 *   connector: fixedProbabilityConnect({ p: 0.1, weight: 0.5 }),
 *   synapse: AlphaCurrent,
 *   parameters: { tau: 2 },
 * });
 */
export const AlphaCurrent: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'AlphaCurrent',
  kind: 'synapse',
  doc: 'Alpha-function current w·(t/tau)·exp(1 − t/tau): peak w at t = tau after a presynaptic spike.',
  parameters: {
    tau: { unit: 'ms', default: 10, timeConstant: true, doc: 'rise and decay time constant; the time of the peak' },
  },
  state: {
    x: { unit: 'target', initial: 0, doc: 'rise variable: jumps by w on a presynaptic spike, decays with tau' },
    I_syn: { unit: 'target', initial: 0, doc: 'synaptic current into the postsynaptic neuron' },
  },
  update: ['I_syn = (I_syn + e * x * dt / tau) * exp(-dt / tau)', 'x = x * exp(-dt / tau)'],
  onPre: ['x += w'],
  output: 'I_syn',
});
