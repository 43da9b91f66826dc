import type { SpikeCounts } from '@spikeflow/monitors';
import type { Experiment } from './types.js';

/** Default bin of {@link summarizeExperiment}: 100 steps. */
export const DEFAULT_BIN_STEPS = 100;

/** Spike counts of one spike-monitored population, in {@link ExperimentSummary}. */
export interface PopulationSummary {
  /** Spikes over the run. */
  readonly total: number;
  /** Mean firing rate per neuron, Hz. */
  readonly rate: number;
  /** Spikes per bin of `binSteps` steps. */
  readonly bins: readonly number[];
}

/** What {@link summarizeExperiment} returns: spike counts per population and bin, and the comparison asked for. */
export interface ExperimentSummary {
  /** The experiment's `name`, when it has one. */
  readonly name?: string;
  /** The experiment's seed. */
  readonly seed: number;
  /** Time step, ms. */
  readonly dt: number;
  /** Steps run. */
  readonly steps: number;
  /** Steps per bin of `bins` (`analysis.binSteps`, default 100); the last bin may be shorter. */
  readonly binSteps: number;
  /** Every population with a spike monitor. */
  readonly populations: Readonly<Record<string, PopulationSummary>>;
  /** With `analysis.compare`: which of the two populations spiked more, per bin and overall. */
  readonly compare?: {
    /** The two populations compared (`analysis.compare`). */
    readonly populations: readonly [string, string];
    /** Per bin: the name of the population with more spikes, `tie`, or `none` (neither spiked). */
    readonly bins: readonly string[];
    /** Over the whole run: the population with more spikes, `tie`, or `none`. */
    readonly winner: string;
  };
}

/**
 * Spikes per population per bin (`analysis.binSteps`, default 100) after a run, and, with
 * `analysis.compare: [a, b]`, which of the two wins each bin (as the decision network's analysis).
 * `built.monitors.spikes` may hold the built spike monitors or, for long runs, `SpikeCounter`s
 * (counts only, constant memory per bin): the summary is the same.
 *
 * @example
 * const built = buildExperiment(experiment);
 * await built.network.run({ steps: built.steps }, backend);
 * summarizeExperiment(experiment, built).compare?.winner; // 'ep2'
 */
export function summarizeExperiment(experiment: Experiment, built: { readonly monitors: { readonly spikes: Readonly<Record<string, SpikeCounts>> }; readonly steps: number }): ExperimentSummary {
  const binSteps = experiment.analysis?.binSteps ?? DEFAULT_BIN_STEPS;
  const { steps } = built;
  const seconds = (steps * experiment.dt) / 1000;
  const populations = Object.fromEntries(
    Object.entries(built.monitors.spikes).map(([name, m]) => {
      const total = m.count;
      return [name, { total, rate: seconds > 0 ? total / m.size / seconds : 0, bins: Array.from(m.countsPerBin(binSteps, steps)) }];
    }),
  );
  const winner = (a: string, b: string, na: number, nb: number) => (na === 0 && nb === 0 ? 'none' : na > nb ? a : nb > na ? b : 'tie');
  const pair = experiment.analysis?.compare;
  const compare =
    pair && populations[pair[0]] && populations[pair[1]]
      ? {
          populations: pair,
          bins: populations[pair[0]]!.bins.map((n, k) => winner(pair[0], pair[1], n, populations[pair[1]]!.bins[k]!)),
          winner: winner(pair[0], pair[1], populations[pair[0]]!.total, populations[pair[1]]!.total),
        }
      : undefined;
  return {
    ...(experiment.name !== undefined ? { name: experiment.name } : {}),
    seed: experiment.seed,
    dt: experiment.dt,
    steps,
    binSteps,
    populations,
    ...(compare ? { compare } : {}),
  };
}
