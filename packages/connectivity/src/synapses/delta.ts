import type { ModelDefinition } from '@spikeflow/core';

/**
 * Voltage-jump (delta) synapse: a presynaptic spike moves the postsynaptic membrane potential
 * by the weight, instantly — Brian2's `on_pre='v_post += w'`, NEST's `iaf_psc_delta` input, the
 * synapse of Brunel (2000).
 *
 *     on a presynaptic spike (after the connection's delay):  v_post += w      (w in mV)
 *
 * It has no state and no output (it feeds no input of the neuron); it writes the target neuron's
 * state variable `v`, so the target's neuron model needs a state `v` in mV (`LIF`, `AdEx`, …;
 * another name is a `ConfigError` naming connection and variable). Inhibitory populations deliver
 * negative jumps (the presynaptic sign, as for current synapses).
 *
 * Timing: a spike at step s through a delay of d steps moves `v` at the end of step s + d − 1
 * (the CPU's propagation; WebGPU applies it at the start of step s + d, before integration: the
 * same values), so step s + d integrates and tests the moved `v`: the jump is visible in the
 * values recorded from step s + d on. Brian2 applies `on_pre` after the step's integration and
 * threshold, so the same dynamics there take a delay of (d − 1)·dt (with its synapses scheduled
 * after the resets).
 *
 * Refractory targets take the jump too, and the refractory clamp then holds the moved value until
 * the period ends — Brian2's behaviour for a clamp written `dv/dt = int(not_refractory)*…`. Brian2's
 * `(unless refractory)` flag and NEST's `iaf_psc_delta` instead drop jumps that arrive while the
 * neuron is refractory.
 *
 * To jump another variable, copy this definition with `onPre: ['<name>_post += w']` and the weight
 * in that variable's unit.
 *
 * @example
 * // Brunel (2000): J = 0.1 mV excitatory jumps after 1.5 ms.
 * net.connect(exc, all, { connector: fixedIndegreeConnect({ k: 400, weight: 0.1 }), synapse: DeltaSynapse, delay: 1.5 });
 */
export const DeltaSynapse: ModelDefinition = /* @__PURE__ */ Object.freeze({
  name: 'DeltaSynapse',
  kind: 'synapse',
  doc: 'Voltage jump: a presynaptic spike adds w (mV) to the target\'s v (Brian2\'s on_pre="v_post += w"); no state, no output.',
  parameters: {},
  state: {},
  onPre: ['v_post += w'],
  weight: { unit: 'mV', doc: 'jump of the postsynaptic v per presynaptic spike' },
});
