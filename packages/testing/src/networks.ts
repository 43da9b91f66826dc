import { Network, withSpikeTrace, type ModelDefinition, type PopulationRef } from '@spikeflow/core';
import { LIF, SpikeSource } from '@spikeflow/neurons';
import { AlphaConductance, BiExpConductance, DeltaSynapse, ExpConductance, ExpCurrent, fixedProbabilityConnect, GapJunction, randomNormalConnect } from '@spikeflow/connectivity';
import { constantCurrent, ornsteinUhlenbeckCurrent, poissonEncode, poissonInput, spikeTimes, stepNoise } from '@spikeflow/stimuli';
import { SpikeMonitor } from '@spikeflow/monitors';
import { DECISION_LIF, DECISION_SYNAPSE } from '@spikeflow/experiments';
import { stdpAdditiveNetwork, stdpMultiplicativeNetwork } from './plastic-networks.js';

/** A reference network as built for one run: the network and a spike monitor on every population. */
export interface ReferenceInstance {
  /** The network, configured; not yet built, compiled or run. */
  readonly network: Network;
  /** A spike monitor per population, by population name. */
  readonly monitors: ReadonlyMap<string, SpikeMonitor>;
}

/** A network every backend must reproduce, with the seeds and run length the suite uses. */
export interface ReferenceNetwork {
  /** Short name used in reports, e.g. `decision` or `LIF/noisy`. */
  readonly name: string;
  /** One line saying what the network is (populations, connectivity, input, dt). */
  readonly description: string;
  /**
   * Draws random numbers every step (`randn()`): backends agree on per-population rates. Without
   * noise, float32 backends must give the CPU f32 spike trains exactly.
   */
  readonly noisy: boolean;
  /**
   * The per-step code calls `exp`, `log` & co., which WGSL computes to within a few ulps: compared
   * by rate like noisy networks (see `stepCallsInexactFunctions`). Absent: bit-exact arithmetic.
   */
  readonly inexact?: boolean;
  /** Steps of a conformance run. */
  readonly steps: number;
  /** Seeds of a conformance run. */
  readonly seeds: readonly number[];
  /**
   * Largest relative difference of per-population spike counts accepted against the CPU f64
   * reference (and, for noisy networks, against CPU f32).
   */
  readonly rateTolerance: number;
  /**
   * Plastic connections (by name) whose weights after the run must be identical to CPU f32's
   * for noise-free networks (read with the simulation's `weights(name)`).
   */
  readonly plastic?: readonly string[];
  /** A fresh network built with `seed`, with its spike monitors; each call builds a new one. */
  build(seed: number): ReferenceInstance;
}

const monitorAll = (net: Network, pops: readonly PopulationRef[]) => new Map(pops.map((p) => [p.name, net.monitor(new SpikeMonitor(p))]));

/**
 * The E and I populations of the CUBA-style networks: LIF with tau_m 20 ms, rest and reset −60 mV,
 * threshold −50 mV, refractory 5 ms, initial v uniform in [−60, −50) mV.
 */
function cubaPopulations(net: Network, nE: number, nI: number): { e: PopulationRef; i: PopulationRef } {
  const parameters = { R: 1, C: 20, u_rest: -60, u_reset: -60, threshold: -50, t_ref: 5 };
  const initial = { v: { uniform: { min: -60, max: -50 } } };
  return {
    e: net.population('e', { model: LIF, size: nE, parameters, initial }),
    i: net.population('i', { model: LIF, size: nI, sign: 'inhibitory', parameters, initial }),
  };
}

/** The CUBA-style synapses onto each population: fixed probability `p`, E 1.62 (ExpCurrent 5 ms), I 9 (10 ms). */
function cubaSynapses(net: Network, e: PopulationRef, i: PopulationRef, p: number): void {
  for (const post of [e, i]) {
    net.connect(e, post, { connector: fixedProbabilityConnect({ p, weight: 1.62 }), synapse: ExpCurrent, parameters: { tau: 5 } });
    net.connect(i, post, { connector: fixedProbabilityConnect({ p, weight: 9 }), synapse: ExpCurrent, parameters: { tau: 10 } });
  }
}

/** The CUBA-style constant drive, 11 (rest 1 mV above threshold), on both populations. */
function cubaDrive(net: Network, e: PopulationRef, i: PopulationRef): void {
  net.stimulate(e, constantCurrent(11));
  net.stimulate(i, constantCurrent(11));
}

/**
 * The seed's decision network (two excitatory populations competing through an inhibitory one:
 * LIF with additive spike traces, exponential currents, random-normal dense connectivity, the
 * report's R, C, threshold and tau_s) driven by constant currents, so it uses no random draws
 * per step: ep2 gets more current than ep1 and fires faster; ip1 is driven by both.
 */
export const decisionNetwork: ReferenceNetwork = {
  name: 'decision',
  description: 'decision network (ep1, ep2, ip1 × 100 LIF with traces, dense random-normal, ExpCurrent), constant currents, dt 1 ms',
  noisy: false,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 1, seed });
    const neuron = withSpikeTrace(LIF, { additive: true, tau: DECISION_SYNAPSE.tau, scale: DECISION_SYNAPSE.trace_scale });
    const pop = (name: string, sign: 'excitatory' | 'inhibitory') =>
      net.population(name, { model: neuron, size: 100, sign, parameters: { ...DECISION_LIF, threshold: { normal: { mean: DECISION_LIF.threshold, std: 1 } } } });
    const ep1 = pop('ep1', 'excitatory');
    const ep2 = pop('ep2', 'excitatory');
    const ip1 = pop('ip1', 'inhibitory');
    const connector = randomNormalConnect({ wmean: 20, wstd: 5, J: 1 });
    for (const [pre, post] of [[ep1, ip1], [ep2, ip1], [ip1, ep1], [ip1, ep2], [ep1, ep1], [ep2, ep2]] as const) {
      net.connect(pre, post, { connector, synapse: ExpCurrent, parameters: { tau: DECISION_SYNAPSE.tau, trace_scale: DECISION_SYNAPSE.trace_scale } });
    }
    net.stimulate(ep1, constantCurrent(32));
    net.stimulate(ep2, constantCurrent(36));
    net.stimulate(ip1, constantCurrent(20));
    return { network: net, monitors: monitorAll(net, [ep1, ep2, ip1]) };
  },
};

/**
 * A CUBA-style E/I network (Vogels & Abbott 2005, as in Brian's CUBA example, scaled to 1000
 * neurons): LIF with tau_m 20 ms, threshold −50 mV, reset −60 mV, refractory 5 ms, a constant
 * drive that puts rest above threshold, exponential currents (5 ms E, 10 ms I), fixed-probability
 * (p = 0.02) sparse connectivity, heterogeneous initial voltages. No per-step randomness.
 */
export const cubaNetwork: ReferenceNetwork = {
  name: 'cuba',
  description: 'CUBA-style E/I network (800 E + 200 I LIF, p = 0.02 CSR, ExpCurrent 5/10 ms), constant drive, dt 0.1 ms',
  noisy: false,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const { e, i } = cubaPopulations(net, 800, 200);
    cubaSynapses(net, e, i, 0.02);
    cubaDrive(net, e, i);
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/**
 * A noisy E/I network: 160 E + 40 I LIF, dense random-normal connectivity, exponential currents,
 * white-noise input currents (`I_value + std·randn()` per neuron and step, Philox draws).
 */
export const noisyNetwork: ReferenceNetwork = {
  name: 'noisy',
  description: 'noisy E/I network (160 E + 40 I LIF, dense random-normal, ExpCurrent 5 ms), step-noise input (randn), dt 0.5 ms',
  noisy: true,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.02,
  build(seed) {
    const net = new Network({ dt: 0.5, seed });
    const e = net.population('e', { model: LIF, size: 160 });
    const i = net.population('i', { model: LIF, size: 40, sign: 'inhibitory' });
    for (const [pre, post] of [[e, e], [e, i], [i, e], [i, i]] as const) {
      net.connect(pre, post, { connector: randomNormalConnect({ wmean: 10, wstd: 3 }), synapse: ExpCurrent, parameters: { tau: 5 } });
    }
    net.stimulate(e, stepNoise({ I_value: 34, std: 5 }));
    net.stimulate(i, stepNoise({ I_value: 31, std: 5 }));
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/**
 * LIF with white noise in its equation (Brian2's `xi`), integrated by Euler–Maruyama (the default
 * for an equation with noise):
 *
 *     dv/dt = (-(v - u_rest) + R·I) / tau_m + sigma·sqrt(2/tau_m)·xi
 *
 * Without a threshold crossing, v fluctuates around u_rest + R·I with standard deviation sigma
 * (Euler–Maruyama: sigma/sqrt(1 − dt/(2·tau_m))) and correlation time tau_m. Used by the `xi`
 * conformance network and the Brian2 noise checks.
 *
 * @example
 * net.population('e', { model: NOISY_LIF, size: 100, parameters: { sigma: 3, threshold: -50 } });
 */
export const NOISY_LIF: ModelDefinition = {
  name: 'NoisyLIF',
  kind: 'neuron',
  doc: 'LIF with white-noise membrane fluctuations of standard deviation sigma (dv/dt = … + sigma*sqrt(2/tau_m)*xi).',
  parameters: {
    R: { unit: 'MΩ', default: 1, positive: true, doc: 'membrane resistance' },
    C: { unit: 'nF', default: 20, positive: true, doc: 'membrane capacitance' },
    u_rest: { unit: 'mV', default: -70, doc: 'resting potential' },
    u_reset: { unit: 'mV', default: -70, doc: 'potential after a spike' },
    threshold: { unit: 'mV', default: -40, doc: 'spike threshold' },
    t_ref: { unit: 'ms', default: 0, doc: 'absolute refractory period' },
    sigma: { unit: 'mV', default: 0, doc: 'standard deviation of the free membrane potential' },
  },
  derived: { tau_m: { expr: 'R * C', unit: 'ms', timeConstant: true, doc: 'membrane time constant' } },
  state: { v: { unit: 'mV', initial: 'u_rest', doc: 'membrane potential' } },
  inputs: { I: { unit: 'nA', doc: 'total input current' } },
  equations: { v: '(-(v - u_rest) + R * I) / tau_m + sigma * sqrt(2 / tau_m) * xi' },
  threshold: 'v >= threshold',
  reset: ['v = u_reset'],
  refractory: { period: 't_ref', clamp: ['v'] },
};

/**
 * White noise in equations: 160 {@link NOISY_LIF} neurons (`xi` in dv/dt) and 40 LIF driven by an
 * Ornstein–Uhlenbeck current (`xi` in a current source), coupled by dense random-normal
 * exponential currents. Every noise draw comes from the counter-based generator at the `xi` call
 * sites, so CPU f64 (JavaScript, WebAssembly, threads) must agree bit for bit.
 */
export const xiNetwork: ReferenceNetwork = {
  name: 'xi',
  description: 'white noise in equations (160 NoisyLIF with xi + 40 LIF with an Ornstein–Uhlenbeck current, dense random-normal, ExpCurrent 5 ms), dt 0.1 ms',
  noisy: true,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.02,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const lif = { u_rest: -70, u_reset: -65, threshold: -50, t_ref: 2 };
    const e = net.population('e', { model: NOISY_LIF, size: 160, parameters: { ...lif, sigma: 4 }, initial: { v: { uniform: { min: -70, max: -50 } } } });
    const i = net.population('i', { model: LIF, size: 40, sign: 'inhibitory', parameters: lif });
    for (const [pre, post] of [[e, e], [e, i], [i, e], [i, i]] as const) {
      net.connect(pre, post, { connector: randomNormalConnect({ wmean: 0.5, wstd: 0.15 }), synapse: ExpCurrent, parameters: { tau: 5 } });
    }
    net.stimulate(e, constantCurrent(18));
    net.stimulate(i, ornsteinUhlenbeckCurrent({ mu: 20, sigma: 6, tau: 5 }));
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/**
 * A COBA-style E/I network with conductance synapses, whose outputs read the postsynaptic
 * membrane potential (`v_post`): 800 E + 200 I LIF (tau_m 20 ms as R = 100 MΩ, C = 0.2 nF; rest
 * −60 mV, threshold −50 mV, reset −60 mV, refractory 5 ms) with a constant drive of 0.11 nA (rest
 * 1 mV above threshold), p = 0.02 CSR; E→E `ExpConductance` (5 ms, 0 mV, 6 nS), E→I
 * `AlphaConductance` (2 ms, 0 mV, 6 nS), I→E and I→I `BiExpConductance` (1/10 ms, −80 mV, 67 nS);
 * initial v and E→E conductances drawn per neuron. No per-step randomness.
 */
export const cobaNetwork: ReferenceNetwork = {
  name: 'coba',
  description: 'COBA-style E/I network (800 E + 200 I LIF, p = 0.02 CSR, Exp/Alpha/BiExp conductances reading v_post), constant drive, dt 0.1 ms',
  noisy: false,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const lif = { R: 100, C: 0.2, u_rest: -60, u_reset: -60, threshold: -50, t_ref: 5 };
    const initial = { v: { uniform: { min: -60, max: -50 } } };
    const e = net.population('e', { model: LIF, size: 800, parameters: lif, initial });
    const i = net.population('i', { model: LIF, size: 200, sign: 'inhibitory', parameters: lif, initial });
    const excitatory = fixedProbabilityConnect({ p: 0.02, weight: 6 });
    const inhibitory = fixedProbabilityConnect({ p: 0.02, weight: 67 });
    net.connect(e, e, { connector: excitatory, synapse: ExpConductance, parameters: { tau: 5, E_rev: 0 }, initial: { g: { normal: { mean: '10 nS', std: '3 nS' } } } });
    net.connect(e, i, { connector: excitatory, synapse: AlphaConductance, parameters: { tau: 2, E_rev: 0 } });
    for (const post of [e, i]) {
      net.connect(i, post, { connector: inhibitory, synapse: BiExpConductance, parameters: { tau_rise: 1, tau_decay: 10, E_rev: -80 } });
    }
    net.stimulate(e, constantCurrent(0.11));
    net.stimulate(i, constantCurrent(0.11));
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/**
 * Given spike times: a `SpikeSource` of 200 inputs replays a 50 ms Poisson pattern (drawn once
 * per seed with `poissonEncode`, 20 Hz) into 100 LIF neurons through sparse exponential currents;
 * no per-step randomness, so float32 backends must give the CPU f32 spike trains exactly.
 */
export const spikeSourceNetwork: ReferenceNetwork = {
  name: 'spike-source',
  description: 'SpikeSource (200 inputs, periodic 50 ms Poisson pattern) → 100 LIF, p = 0.1 CSR, ExpCurrent 5 ms, dt 0.1 ms',
  noisy: false,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const inputs = net.population('inputs', { model: SpikeSource, size: 200 });
    const pattern = poissonEncode(new Float64Array(200).fill(1), { duration: 50, dt: 0.1, maxRate: 20, seed });
    net.stimulate(inputs, spikeTimes({ ...pattern, period: 50 }));
    const lif = net.population('lif', { model: LIF, size: 100, parameters: { R: 1, C: 10, u_rest: -65, u_reset: -65, threshold: -55, t_ref: 2 } });
    net.connect(inputs, lif, { connector: fixedProbabilityConnect({ p: 0.1, weight: 9 }), synapse: ExpCurrent, parameters: { tau: 5 } });
    net.stimulate(lif, constantCurrent(0.5));
    return { network: net, monitors: monitorAll(net, [inputs, lif]) };
  },
};

/**
 * Transmission delays: the CUBA-style E/I network of {@link cubaNetwork} (scaled to 400 E + 100 I,
 * p = 0.05) with per-synapse delays drawn uniformly from the seed on E→E (0.1–3 ms, up to 30
 * steps) and I→E (0.5–2 ms), and one delay per connection on E→I (1.5 ms, dense random-normal weights) and
 * I→I (0.1 ms, one step). No per-step randomness, so float32 backends must give the CPU f32 spike
 * trains exactly.
 */
export const delaysNetwork: ReferenceNetwork = {
  name: 'delays',
  description: 'CUBA-style E/I network with transmission delays (400 E + 100 I LIF, p = 0.05 CSR, ExpCurrent 5/10 ms; per-synapse uniform delays E→E 0.1–3 ms and I→E 0.5–2 ms, E→I 1.5 ms dense, I→I one step), constant drive, dt 0.1 ms',
  noisy: false,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const { e, i } = cubaPopulations(net, 400, 100);
    const excitatory = { connector: fixedProbabilityConnect({ p: 0.05, weight: 1.62 }), synapse: ExpCurrent, parameters: { tau: 5 } };
    const inhibitory = { connector: fixedProbabilityConnect({ p: 0.05, weight: 9 }), synapse: ExpCurrent, parameters: { tau: 10 } };
    net.connect(e, e, { ...excitatory, delay: { uniform: { min: 0.1, max: 3 } } });
    net.connect(i, e, { ...inhibitory, delay: { uniform: { min: 0.5, max: 2 } } });
    net.connect(e, i, { connector: randomNormalConnect({ wmean: 32, wstd: 8 }), synapse: ExpCurrent, parameters: { tau: 5 }, delay: 1.5 });
    net.connect(i, i, { ...inhibitory, delay: 0.1 });
    cubaDrive(net, e, i);
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/**
 * Poisson input (Brian2's `PoissonInput`): a small Brunel-style E/I network of LIF neurons with
 * voltage-jump synapses, driven by 400 independent Poisson inputs of 14 Hz (0.2 mV each) per
 * neuron, drawn as one binomial per neuron and step. The draws are integer lookups of Philox
 * words, identical on every backend, so float32 backends must give the CPU f32 spike trains exactly.
 */
export const poissonInputNetwork: ReferenceNetwork = {
  name: 'poisson-input',
  description: 'Brunel-style E/I (400 E + 100 I LIF, tau 20 ms, DeltaSynapse p = 0.1, J = 0.1 mV, g = 5) driven by PoissonInput (400 inputs × 14 Hz × 0.2 mV per neuron), dt 0.1 ms',
  noisy: false,
  steps: 1000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const lif = { R: 1, C: 20, u_rest: 0, u_reset: 10, threshold: 20, t_ref: 2 };
    const initial = { v: { uniform: { min: 0, max: 20 } } };
    const e = net.population('e', { model: LIF, size: 400, parameters: lif, initial });
    const i = net.population('i', { model: LIF, size: 100, sign: 'inhibitory', parameters: lif, initial });
    for (const [pre, weight] of [[e, 0.1], [i, 0.5]] as const) {
      for (const post of [e, i]) net.connect(pre, post, { connector: fixedProbabilityConnect({ p: 0.1, weight }), synapse: DeltaSynapse });
    }
    for (const p of [e, i]) net.stimulate(p, poissonInput({ variable: 'v', n: 400, rate: 14, weight: 0.2 }));
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/**
 * Gap junctions (`GapJunction`, a summed expression `w·(v_pre − v_post)` per synapse, every
 * step): a CUBA-style E/I network (200 E + 50 I LIF, p = 0.05 CSR ExpCurrent, constant drive 1 mV
 * above threshold) whose inhibitory neurons are coupled by junctions (p = 0.2, 10–40 nS drawn per
 * junction; no presynaptic sign) and whose excitatory ones by sparse 20 nS junctions (p = 0.02). No
 * per-step randomness, so float32 backends must give the CPU f32 spike trains exactly.
 */
export const gapJunctionNetwork: ReferenceNetwork = {
  name: 'gap-junctions',
  description: 'CUBA-style E/I network with gap junctions (200 E + 50 I LIF, p = 0.05 CSR ExpCurrent; GapJunction I→I p = 0.2, 10–40 nS, E→E p = 0.02, 20 nS), constant drive, dt 0.1 ms',
  noisy: false,
  steps: 2000,
  seeds: [1, 2],
  rateTolerance: 0.05,
  build(seed) {
    const net = new Network({ dt: 0.1, seed });
    const { e, i } = cubaPopulations(net, 200, 50);
    cubaSynapses(net, e, i, 0.05);
    net.connect(i, i, { connector: fixedProbabilityConnect({ p: 0.2, weight: { uniform: { min: 10, max: 40 } } }), synapse: GapJunction, name: 'i-i gap' });
    net.connect(e, e, { connector: fixedProbabilityConnect({ p: 0.02, weight: 20 }), synapse: GapJunction, name: 'e-e gap' });
    cubaDrive(net, e, i);
    return { network: net, monitors: monitorAll(net, [e, i]) };
  },
};

/** The networks of the conformance suite. */
export const REFERENCE_NETWORKS: readonly ReferenceNetwork[] = [decisionNetwork, cubaNetwork, noisyNetwork, xiNetwork, cobaNetwork, spikeSourceNetwork, delaysNetwork, poissonInputNetwork, stdpAdditiveNetwork, stdpMultiplicativeNetwork, gapJunctionNetwork];
