import type { ModelDefinition } from '@spikeflow/core';

/**
 * Saturating NMDA synapse — Brian2's example `synapses/nonlinear.py` ("NMDA synapses"), as in
 * Brunel & Wang (2001) and Wang (2002). Each synapse keeps a gating variable `g_syn` and a
 * glutamate trace `x`, both per synapse and clock-driven (integrated every step by the model's
 * integrator: they are coupled and nonlinear); a presynaptic spike adds 1 to `x`, and every
 * synapse drives a current into its postsynaptic neuron, summed every step (Brian2's
 * `(summed)`):
 *
 *     dg_syn/dt = −g_syn / tau_decay + alpha · x · (1 − g_syn)     (clock-driven; g_syn ≤ 1: saturation)
 *     dx/dt     = −x / tau_rise                                     (clock-driven)
 *     on a presynaptic spike:  x += 1
 *     summed into the fed input:  w · g_syn · (E − v_post) · B(v_post)
 *     B(v) = 1 / (1 + Mg / K_mg · exp(−beta_mg · v))               (Jahr & Stevens 1990; Mg = 0: B = 1)
 *
 * The weight is a conductance in nS (≥ 0, the presynaptic sign is not applied), so nS × mV gives
 * pA (µS × mV = nA internally). Mg = 0 (the default) makes the synapse voltage-independent;
 * Mg = 1 (mM, as a plain number) with K_mg = 3.57 and beta_mg = 0.062 /mV is Jahr–Stevens' block.
 * The summed current reads g_syn and v_post at the start of the step, before the step's advance
 * (Brian2's order). Repeated spikes drive g_syn towards 1, not beyond: the synapse saturates.
 *
 * The default integrator is `euler`, as Brian2 picks for these equations; `rk2`, `rk4` and
 * `exact` (exponential Euler: each equation is linear in its own variable) work too — copy the
 * model with `integrator: 'rk4'`. Runs on the CPU backend (f64, JavaScript for the synapse
 * phases); the WebGPU backend and the f32 mode refuse it by name.
 *
 * @example
 * // Ten inputs onto one LIF neuron through NMDA synapses, 0.5 nS each, with the magnesium block.
 * net.connect(inputs, cell, { connector: fullConnect({ weight: 0.5 }), synapse: NmdaSynapse, parameters: { Mg: 1 } });
 */
export const NmdaSynapse: ModelDefinition = /* @__PURE__ */ Object.freeze<ModelDefinition>({
  name: 'NmdaSynapse',
  kind: 'synapse',
  doc: 'Saturating NMDA synapse (Brian2\'s nonlinear example): per-synapse g_syn and x, clock-driven; a spike adds 1 to x; w·g_syn·(E − v_post)·B(v_post) summed into the target input, B the Jahr–Stevens magnesium block (none with Mg = 0).',
  parameters: {
    tau_rise: { unit: 'ms', default: 2, timeConstant: true, doc: 'decay time constant of the glutamate trace x' },
    tau_decay: { unit: 'ms', default: 100, timeConstant: true, doc: 'decay time constant of the gating variable g_syn' },
    alpha: { unit: '1/ms', default: 0.5, nonNegative: true, doc: 'rate at which x opens g_syn' },
    E: { unit: 'mV', default: 0, doc: 'reversal potential' },
    Mg: { unit: '1', default: 0, nonNegative: true, doc: 'extracellular magnesium concentration in mM (0: no block)' },
    K_mg: { unit: '1', default: 3.57, positive: true, doc: 'magnesium concentration (mM) of half block at 0 mV' },
    beta_mg: { unit: '1/mV', default: 0.062, doc: 'voltage dependence of the block' },
  },
  state: {},
  onPre: ['x += 1'],
  plasticity: {
    synapseState: {
      g_syn: { unit: '1', initial: 0, equation: '-g_syn / tau_decay + alpha * x * (1 - g_syn)', clockDriven: true, doc: 'fraction of open NMDA channels, per synapse' },
      x: { unit: '1', initial: 0, equation: '-x / tau_rise', clockDriven: true, doc: 'glutamate trace, per synapse' },
    },
  },
  weight: { unit: 'nS', conductance: true, doc: 'maximal conductance (≥ 0)' },
  summed: 'w * g_syn * (E - v_post) / (1 + Mg / K_mg * exp(-beta_mg * v_post))',
  integrator: 'euler',
});
