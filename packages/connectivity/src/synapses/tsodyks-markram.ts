import type { ModelDefinition } from '@spikeflow/core';

/**
 * Tsodyks–Markram short-term plasticity (Markram, Wang & Tsodyks 1998; Tsodyks, Pawelzik &
 * Markram 1998) on an exponentially decaying synaptic current — Brian2's example
 * `synapses/short_term_plasticity.py`. Each synapse keeps a release probability `u` and a
 * fraction of available resources `x`, both per synapse and event-driven (integrated exactly
 * between that synapse's presynaptic spikes):
 *
 *     du/dt = (U − u) / tau_f          (facilitation; u starts at U)
 *     dx/dt = (1 − x) / tau_d          (depression;   x starts at 1)
 *     dI_syn/dt = −I_syn / tau         (per postsynaptic neuron, as ExpCurrent)
 *     on a presynaptic spike:  I_syn += w·u·x;  x −= u·x;  u += U·(1 − u)
 *     output to the target input:  I_syn
 *
 * The spike releases the fraction u·x with the u of before the spike, then u facilitates —
 * Brian2's example's order, in which a synapse at rest releases U·w. (Writing `u += U·(1 − u)`
 * first, as some texts do, pairs with du/dt = −u/tau_f instead.) Small U with tau_f ≫ tau_d
 * facilitates; large U with tau_d ≫ tau_f depresses. It is a current synapse: weights are
 * signed nA and inhibitory populations deliver −w. U must lie in (0, 1] and the time constants
 * be > 0 (a `ConfigError` naming the parameter otherwise).
 *
 * Per-synapse variables run on the CPU backend (f64, JavaScript propagation); the WebGPU backend
 * refuses the model by name. Read them with `CpuSimulation.synapseValues(connection, 'u' | 'x')`.
 *
 * @example
 * // Depressing synapse: high release probability, slow recovery.
 * net.connect(input, cell, { connector: oneToOneConnect({ weight: 0.25 }), synapse: TsodyksMarkram, parameters: { U: 0.6, tau_d: 100, tau_f: 10 } });
 */
export const TsodyksMarkram: ModelDefinition = /* @__PURE__ */ Object.freeze<ModelDefinition>({
  name: 'TsodyksMarkram',
  kind: 'synapse',
  doc: 'Tsodyks–Markram short-term plasticity: per-synapse u (facilitation, tau_f) and x (depression, tau_d), event-driven; a spike adds w·u·x to an exponentially decaying current, then x −= u·x, u += U·(1 − u).',
  parameters: {
    tau: { unit: 'ms', default: 3, timeConstant: true, doc: 'decay time constant of the synaptic current' },
    U: { unit: '1', default: 0.1, positive: true, maximum: 1, doc: 'utilisation: release probability at rest and facilitation increment, in (0, 1]' },
    tau_f: { unit: 'ms', default: 100, timeConstant: true, doc: 'facilitation time constant (u relaxes to U)' },
    tau_d: { unit: 'ms', default: 1, timeConstant: true, doc: 'depression (recovery) time constant (x relaxes to 1)' },
  },
  state: { I_syn: { unit: 'target', initial: 0, doc: 'synaptic current into the postsynaptic neuron' } },
  equations: { I_syn: '-I_syn / tau' },
  onPre: ['I_syn += w * u * x', 'x -= u * x', 'u += U * (1 - u)'],
  plasticity: {
    synapseState: {
      u: { unit: '1', initial: 'U', equation: '(U - u) / tau_f', doc: 'release probability (utilisation), per synapse' },
      x: { unit: '1', initial: 1, equation: '(1 - x) / tau_d', doc: 'fraction of available resources, per synapse' },
    },
  },
  weight: { doc: 'current added per spike at full release (u·x = 1), in the unit of the input fed', unit: 'target' },
  output: 'I_syn',
  integrator: 'exact',
});
