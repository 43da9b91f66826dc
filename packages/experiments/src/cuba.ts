import { ConfigError, Network, type Backend, type PopulationRef, type RunOptions, type RunResult } from '@spikeflow/core';
import { synapseCount } from '@spikeflow/core/backend';
import { CubaLIF } from '@spikeflow/neurons';
import { ExpCurrent, fixedProbabilityConnect } from '@spikeflow/connectivity';
import { SpikeMonitor, isiCv } from '@spikeflow/monitors';

/**
 * Settings of the CUBA benchmark network; defaults are Brian2's `examples/CUBA.py` (Brette et al.
 * 2007, benchmark 2): 4000 neurons, 80 % excitatory, p = 0.02, dt = 0.1 ms, 1 s.
 */
export interface CubaOptions {
  /** Neurons in all (the first 80 % excitatory). Default 4000. */
  readonly size?: number;
  /** Connection probability. Default 80 / size: 0.02 at 4000, so every neuron has ~80 inputs at any size. */
  readonly p?: number;
  /** Seed of every random choice (connectivity, initial v). Default 1. */
  readonly seed?: number;
  /** Time step in ms. Default 0.1. */
  readonly dt?: number;
  /** Simulated time in ms. Default 1000. */
  readonly duration?: number;
}

/** Defaults of {@link CubaOptions} (`p` is derived from `size`: 80 / size). */
export const CUBA_DEFAULTS = {
  /** Neurons in all. */
  size: 4000,
  /** Seed of every random choice. */
  seed: 1,
  /** Time step, ms. */
  dt: 0.1,
  /** Simulated time, ms. */
  duration: 1000,
} as const;

/**
 * CUBA's constants, as in Brian2's example: taum 20 ms, taue 5 ms, taui 10 ms, Vt −50 mV, Vr −60
 * mV, El −49 mV, refractory 5 ms, we = 60·0.27/10 mV, wi = −20·4.5/10 mV (the inhibitory sign comes
 * from the inhibitory population, so `wi` here is its magnitude).
 */
export const CUBA = {
  /** Membrane time constant, ms (Brian2's taum). */
  tau_m: 20,
  /** Decay time constant of excitatory synaptic input `ge`, ms (taue). */
  tau_e: 5,
  /** Decay time constant of inhibitory synaptic input `gi`, ms (taui). */
  tau_i: 10,
  /** Spike threshold, mV (Vt). */
  v_th: -50,
  /** Potential after a spike, mV (Vr). */
  v_reset: -60,
  /** Resting potential, mV (El): above threshold, so the network fires without external input. */
  v_rest: -49,
  /** Absolute refractory period, ms. */
  t_ref: 5,
  /** Jump of `ge` per excitatory spike, mV: 60·0.27/10 = 1.62. */
  we: (60 * 0.27) / 10,
  /** Magnitude of the jump of `gi` per inhibitory spike, mV: 20·4.5/10 = 9 (applied as −9). */
  wi: (20 * 4.5) / 10,
  /** Fraction of the neurons that are excitatory (the first ones). */
  excitatoryFraction: 0.8,
} as const;

/** The CUBA network as {@link buildCubaNetwork} returns it, not yet run. */
export interface CubaNetwork {
  /** The network; run it with `network.run({ duration }, backend)`. */
  readonly network: Network;
  /** The settings used, defaults filled in. */
  readonly options: Required<CubaOptions>;
  /** The two populations. */
  readonly populations: {
    /** Excitatory `CubaLIF` neurons (80 % of `size`, rounded). */
    readonly exc: PopulationRef;
    /** Inhibitory `CubaLIF` neurons (the rest). */
    readonly inh: PopulationRef;
  };
  /** Spike monitors on both populations, attached to `network`. */
  readonly spikes: {
    /** Spikes of the excitatory population. */
    readonly exc: SpikeMonitor;
    /** Spikes of the inhibitory population. */
    readonly inh: SpikeMonitor;
  };
}

/**
 * Builds the CUBA network: an excitatory (80 %) and an inhibitory population of `CubaLIF` neurons,
 * all four pairs connected with probability p (autapses allowed, as in Brian2's `connect(p=…)`),
 * exponential current synapses onto `ge` (tau 5 ms, 1.62 mV) and `gi` (tau 10 ms, −9 mV), initial v
 * uniform in [v_reset, v_th). No external input: v_rest is above threshold.
 *
 * Throws `ConfigError` (`bad-size`) when `size` is not a whole number >= 2.
 *
 * Differences from Brian2 that remain (both small, see the CUBA cross-check test): spikeflow's
 * `exact` integrator holds ge and gi constant over a step where Brian2 integrates their decay
 * within it; and a 5 ms refractory period holds v for 50 steps in spikeflow, 49 in Brian2.
 *
 * @example
 * const cuba = buildCubaNetwork({ seed: 3 });
 * await cuba.network.run({ duration: 1000 }, createCpuBackend());
 * summarizeCuba(cuba).meanRate; // Hz
 */
export function buildCubaNetwork(options: CubaOptions = {}): CubaNetwork {
  const size = options.size ?? CUBA_DEFAULTS.size;
  if (!Number.isInteger(size) || size < 2) throw new ConfigError('bad-size', 'cuba.size', `expected a whole number of neurons >= 2, got ${size}`);
  const o: Required<CubaOptions> = { ...CUBA_DEFAULTS, p: 80 / size, ...options };
  const nExc = Math.round(CUBA.excitatoryFraction * size);
  const net = new Network({ dt: o.dt, seed: o.seed });
  const parameters = { tau_m: CUBA.tau_m, v_rest: CUBA.v_rest, v_reset: CUBA.v_reset, v_th: CUBA.v_th, t_ref: CUBA.t_ref };
  const initial = { v: { uniform: { min: CUBA.v_reset, max: CUBA.v_th } } };
  const exc = net.population('exc', { model: CubaLIF, size: nExc, parameters, initial });
  const inh = net.population('inh', { model: CubaLIF, size: size - nExc, parameters, initial, sign: 'inhibitory' });
  const excitatory = fixedProbabilityConnect({ p: o.p, weight: CUBA.we });
  const inhibitory = fixedProbabilityConnect({ p: o.p, weight: CUBA.wi });
  for (const post of [exc, inh]) {
    net.connect(exc, post, { connector: excitatory, synapse: ExpCurrent, parameters: { tau: CUBA.tau_e }, input: 'ge' });
    net.connect(inh, post, { connector: inhibitory, synapse: ExpCurrent, parameters: { tau: CUBA.tau_i }, input: 'gi' });
  }
  const spikes = { exc: net.monitor(new SpikeMonitor(exc)), inh: net.monitor(new SpikeMonitor(inh)) };
  return { network: net, options: o, populations: { exc, inh }, spikes };
}

/** Activity of a CUBA run over both populations, from {@link summarizeCuba}. */
export interface CubaSummary {
  /** Neurons in all. */
  readonly size: number;
  /** Seed the network was built with. */
  readonly seed: number;
  /** Steps summarised. */
  readonly steps: number;
  /** Spikes of all neurons over those steps. */
  readonly spikes: number;
  /** Spikes per neuron per second over the run, all neurons (Hz). */
  readonly meanRate: number;
  /** Mean ISI coefficient of variation over all neurons with >= 3 spikes (`isiCv`). */
  readonly isiCv: number;
}

/**
 * Spike count, mean rate and ISI CV over both populations, after a run of `steps` steps (default:
 * the steps the monitors observed).
 *
 * @example
 * const cuba = buildCubaNetwork({ size: 1000 });
 * await cuba.network.run({ duration: 200 }, createCpuBackend());
 * const { meanRate, isiCv } = summarizeCuba(cuba);
 */
export function summarizeCuba(c: CubaNetwork, steps = c.spikes.exc.observedSteps): CubaSummary {
  const { exc, inh } = c.spikes;
  const duration = steps * c.options.dt;
  const spikes = exc.count + inh.count;
  // isiCv averages over qualifying neurons; combine the two populations weighted by theirs.
  const qualifying = (m: SpikeMonitor) => m.spikesPerNeuron().reduce((n, k) => n + (k >= 3 ? 1 : 0), 0);
  const qe = qualifying(exc);
  const qi = qualifying(inh);
  const cv = qe + qi === 0 ? Number.NaN : ((qe ? isiCv(exc) * qe : 0) + (qi ? isiCv(inh) * qi : 0)) / (qe + qi);
  return { size: c.options.size, seed: c.options.seed, steps, spikes, meanRate: spikes / c.options.size / (duration / 1000), isiCv: cv };
}

/** What {@link runCuba} returns: the network after its run, its summary and timings. */
export interface CubaRun {
  /** The network that ran, with its monitors filled. */
  readonly cuba: CubaNetwork;
  /** Spikes, mean rate and ISI CV of the run. */
  readonly summary: CubaSummary;
  /** The backend's result: steps run, whether aborted, seconds in the step loop. */
  readonly result: RunResult;
  /** Synapses in all four connections. */
  readonly synapses: number;
  /** Seconds to build the network (connectivity, parameters) and compile it on the backend. */
  readonly buildSeconds: number;
}

/**
 * Builds, compiles and runs CUBA for `options.duration` ms on a backend, and summarises it; the
 * benchmark's entry point (build and step-loop times are reported separately).
 *
 * @example
 * const { summary, result, buildSeconds } = await runCuba(createCpuBackend(), { size: 1000, duration: 100 });
 */
export async function runCuba(backend: Backend, options: CubaOptions = {}, run: RunOptions = {}): Promise<CubaRun> {
  const cuba = buildCubaNetwork(options);
  const started = performance.now();
  const built = cuba.network.build();
  const simulation = await backend.compile(built);
  const buildSeconds = (performance.now() - started) / 1000;
  const steps = cuba.network.steps({ duration: cuba.options.duration });
  const result = await simulation.run(steps, run);
  simulation.dispose();
  const synapses = built.connections.reduce((n, c) => n + synapseCount(c.table), 0);
  return { cuba, result, synapses, buildSeconds, summary: summarizeCuba(cuba, result.steps) };
}
