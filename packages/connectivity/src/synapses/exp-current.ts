import type { ModelDefinition } from '@spikeflow/core';

/**
 * Exponentially decaying synaptic current — the seed's trace-based connection current, written as
 * a post-synaptic model (data only; every backend compiles it).
 *
 *     dI_syn/dt = −I_syn / tau            (ms; I_syn in nA)
 *     on a presynaptic spike:  I_syn += w · trace_scale      (w: the synapse weight, nA)
 *     output to the target input:  I_syn
 *
 * Why this equals the seed: the seed keeps a trace per presynaptic neuron, trace ← trace·exp(−dt/tau)
 * + trace_scale·spike each step, and delivers Σ_pre w·trace_pre to each postsynaptic neuron. That
 * output is linear in the traces, and every trace decays by the same factor exp(−dt/tau), so the sum
 * itself obeys the same recursion: I ← I·exp(−dt/tau) + Σ_{pre that spiked} w·trace_scale. A single
 * state per postsynaptic neuron, decaying with the same tau (the 'exact' integrator gives exactly
 * I·exp(−dt/tau) per step) and jumping by w·trace_scale per presynaptic spike, therefore carries the
 * same current — with one state per target instead of one per source, and with work per spike
 * instead of a dense matrix product per step. The seed's one step of delay (populations step first,
 * then connections compute, so a spike at step t affects the target at step t + 1) comes from the
 * backend propagating spikes after all populations have stepped; the backend advances I_syn and then
 * applies the step's spikes, as the seed decays and then adds.
 *
 * Only the seed's additive traces (`additive_spike_trace = True`, as in all of its scenarios) are
 * linear in this way; a trace that is *set* to 1 on a spike is not.
 *
 * The conductance-based variant, output g·(E_rev − v_post), is {@link ExpConductance}: a synapse's
 * `output` may read the postsynaptic neuron's state as `<variable>_post`.
 *
 * @example
 * // The seed's connections: tau_s = 10 ms, trace_scale = 1, random-normal weights.
 * net.connect(ep1, ip1, {
 *   connector: randomNormalConnect({ wmean: 20, wstd: 5 }),
 *   synapse: ExpCurrent,
 *   parameters: { tau: 10, trace_scale: 1 },
 * });
 */
export const ExpCurrent: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'ExpCurrent',
  kind: 'synapse',
  doc: 'Exponentially decaying current: I_syn jumps by w·trace_scale on a presynaptic spike and decays with tau (the seed\'s trace-based connection).',
  parameters: {
    tau: { unit: 'ms', default: 10, timeConstant: true, doc: 'decay time constant (the seed\'s tau_s)' },
    trace_scale: { unit: '1', default: 1, doc: 'jump per presynaptic spike, in units of w (the seed\'s trace_scale)' },
  },
  state: {
    I_syn: { unit: 'target', initial: 0, doc: 'synaptic current into the postsynaptic neuron' },
  },
  equations: { I_syn: '-I_syn / tau' },
  onPre: ['I_syn += w * trace_scale'],
  output: 'I_syn',
  integrator: 'exact',
});
