import type { ModelDefinition } from '@spikeflow/core';

/**
 * Reward-modulated STDP with an eligibility trace (Izhikevich 2007, "Solving the distal reward
 * problem"; Frémaux & Gerstner 2016), on an exponential conductance as {@link StdpAdditive}:
 * pair-based STDP does not change the weight but a per-synapse eligibility `c`, which decays
 * with tau_c (event-driven, integrated exactly); a reward delivered by the user converts the
 * eligibility present at that moment into a weight change.
 *
 *     traces: apre per presynaptic neuron (tau taupre, +Apre), apost per postsynaptic neuron (tau taupost, +Apost)
 *     dc/dt = −c / tau_c                                 (per synapse, event-driven; c starts at 0)
 *     on a presynaptic spike:   g += w;  c += apost
 *     on a postsynaptic spike:  c += apre
 *     on a reward delivery R:   w = clip(w + eta · R · c, wmin, wmax)
 *
 * Discretisation (exact, testable): a pre spike Δt before a post spike adds Apre·exp(−Δt/taupre)
 * to c at the post spike (one after it adds Apost·exp(−Δt/taupost) at the pre spike); a reward
 * R delivered T ms after c's last change moves w by eta·R·c·exp(−T/tau_c), clipped. Rewards are
 * instantaneous events (`CpuSimulation.deliverReward(connection, R)` between runs, at the time
 * of the next step), not a continuous dopamine level: a reward spread over time is a series of
 * deliveries. Weights, Apre, Apost, wmin and wmax are conductances (nS); c is in µS; eta and R
 * are dimensionless. wmax must exceed wmin.
 *
 * @example
 * net.connect(inputs, out, { connector: allToAllConnect({ weight: 5 }), synapse: RewardStdp, parameters: { tau_c: 1000 } });
 * await net.run({ duration: 500 }, backend);
 * (net.compiled as CpuSimulation).deliverReward('inputs->out', 1);
 */
export const RewardStdp: ModelDefinition = /* @__PURE__ */ Object.freeze<ModelDefinition>({
  name: 'RewardStdp',
  kind: 'synapse',
  doc: 'Reward-modulated STDP: pair-based STDP updates a per-synapse eligibility c (decays with tau_c); a delivered reward R moves w by eta·R·c, clipped to [wmin, wmax]. Exponential conductance as StdpAdditive.',
  parameters: {
    tau: { unit: 'ms', default: 5, timeConstant: true, doc: 'conductance decay time constant' },
    E_rev: { unit: 'mV', default: 0, doc: 'reversal potential' },
    taupre: { unit: 'ms', default: 20, timeConstant: true, doc: 'decay time constant of the presynaptic trace' },
    taupost: { unit: 'ms', default: 20, timeConstant: true, doc: 'decay time constant of the postsynaptic trace' },
    Apre: { unit: 'nS', default: 0.1, doc: 'potentiating pairing: jump of the presynaptic trace, added to c on a postsynaptic spike' },
    Apost: { unit: 'nS', default: -0.105, doc: 'depressing pairing (< 0): jump of the postsynaptic trace, added to c on a presynaptic spike' },
    tau_c: { unit: 'ms', default: 1000, timeConstant: true, doc: 'decay time constant of the eligibility c' },
    eta: { unit: '1', default: 1, doc: 'learning rate: w changes by eta·reward·c on a delivery' },
    wmin: { unit: 'nS', default: 0, doc: 'lower bound of the weight' },
    wmax: { unit: 'nS', default: 10, doc: 'upper bound of the weight' },
  },
  derived: { wmax_minus_wmin: { expr: 'wmax - wmin', unit: 'µS', positive: true, doc: 'weight range; wmax must exceed wmin' } },
  state: { g: { unit: 'µS', initial: 0, doc: 'synaptic conductance' } },
  equations: { g: '-g / tau' },
  onPre: ['g += w', 'c += apost'],
  plasticity: {
    traces: {
      apre: { side: 'pre', unit: 'µS', tau: 'taupre', jump: 'Apre', doc: 'presynaptic trace' },
      apost: { side: 'post', unit: 'µS', tau: 'taupost', jump: 'Apost', doc: 'postsynaptic trace' },
    },
    onPost: ['c += apre'],
    synapseState: { c: { unit: 'µS', initial: 0, equation: '-c / tau_c', doc: 'eligibility: STDP pairings not yet rewarded' } },
    reward: { unit: '1', statements: ['w = clip(w + eta * reward * c, wmin, wmax)'], doc: 'reward (or punishment, < 0) delivered by the user' },
  },
  weight: { unit: 'nS', conductance: true, doc: 'conductance added per presynaptic spike, in [wmin, wmax]' },
  output: 'g * (E_rev - v_post)',
  integrator: 'exact',
});
