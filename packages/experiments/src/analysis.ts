import type { SpikeCounts } from '@spikeflow/monitors';
import type { DecisionNetwork } from './decision.js';

/** Which excitatory population spiked more: `ep1`, `ep2`, `tie` (equal, not zero) or `none` (neither spiked). */
export type Winner = 'ep1' | 'ep2' | 'tie' | 'none';

/** Spike counts of one analysis bin of the decision network. */
export interface DecisionBin {
  /** First step of the bin and the step after its last. */
  readonly startStep: number;
  /** The step after the bin's last (exclusive; the run's end for a shorter last bin). */
  readonly endStep: number;
  /** Spikes of each population in the bin. */
  readonly spikes: {
    /** Spikes of ep1. */
    readonly ep1: number;
    /** Spikes of ep2. */
    readonly ep2: number;
    /** Spikes of ip1. */
    readonly ip1: number;
  };
  /** The excitatory population with more spikes in this bin. */
  readonly winner: Winner;
}

/** What {@link summarizeDecision} returns: spikes per population, per bin and in all, and who won. */
export interface DecisionSummary {
  /** Scenario name. */
  readonly scenario: string;
  /** The report's section title of the scenario. */
  readonly title: string;
  /** Seed the network was built with. */
  readonly seed: number;
  /** Steps summarised. */
  readonly steps: number;
  /** Time step, ms. */
  readonly dt: number;
  /** Neurons per population. */
  readonly size: number;
  /** Steps per bin. */
  readonly binSteps: number;
  /** Spikes of each population over the run. */
  readonly totals: {
    /** Spikes of ep1. */
    readonly ep1: number;
    /** Spikes of ep2. */
    readonly ep2: number;
    /** Spikes of ip1. */
    readonly ip1: number;
  };
  /** Mean firing rate per neuron in Hz. */
  readonly rates: {
    /** Mean rate of ep1, Hz. */
    readonly ep1: number;
    /** Mean rate of ep2, Hz. */
    readonly ep2: number;
    /** Mean rate of ip1, Hz. */
    readonly ip1: number;
  };
  /** One entry per bin of `binSteps` steps, in order (ceil(steps / binSteps) bins). */
  readonly bins: readonly DecisionBin[];
  /** Winner over the whole run. */
  readonly winner: Winner;
}

/**
 * The {@link Winner} of two spike counts.
 *
 * @example
 * winnerOf(12, 30); // 'ep2'
 * winnerOf(0, 0); // 'none'
 */
export const winnerOf = (ep1: number, ep2: number): Winner => (ep1 === 0 && ep2 === 0 ? 'none' : ep1 > ep2 ? 'ep1' : ep2 > ep1 ? 'ep2' : 'tie');

/**
 * Spikes per population per bin of `binSteps` (default: the seed's `scale`) and who wins each bin,
 * after a run of `steps` steps. `d.spikes` may be the network's spike monitors or `SpikeCounter`s
 * (counts only): the same summary.
 *
 * @example
 * const d = buildDecisionNetwork();
 * await d.network.run({ steps: 1000 }, createCpuBackend());
 * summarizeDecision(d, 1000).bins.map((b) => b.winner);
 */
export function summarizeDecision(
  d: Pick<DecisionNetwork, 'scenario' | 'options'> & { readonly spikes: { readonly ep1: SpikeCounts; readonly ep2: SpikeCounts; readonly ip1: SpikeCounts } },
  steps: number,
  binSteps = d.options.scale,
): DecisionSummary {
  const counts = {
    ep1: d.spikes.ep1.countsPerBin(binSteps, steps),
    ep2: d.spikes.ep2.countsPerBin(binSteps, steps),
    ip1: d.spikes.ip1.countsPerBin(binSteps, steps),
  };
  const bins: DecisionBin[] = Array.from(counts.ep1, (_, k) => {
    const spikes = { ep1: counts.ep1[k]!, ep2: counts.ep2[k]!, ip1: counts.ip1[k]! };
    return { startStep: k * binSteps, endStep: Math.min(steps, (k + 1) * binSteps), spikes, winner: winnerOf(spikes.ep1, spikes.ep2) };
  });
  const totals = { ep1: d.spikes.ep1.count, ep2: d.spikes.ep2.count, ip1: d.spikes.ip1.count };
  const seconds = (steps * d.options.dt) / 1000;
  const rate = (n: number) => n / d.options.size / seconds;
  return {
    scenario: d.scenario.name,
    title: d.scenario.title,
    seed: d.options.seed,
    steps,
    dt: d.options.dt,
    size: d.options.size,
    binSteps,
    totals,
    rates: { ep1: rate(totals.ep1), ep2: rate(totals.ep2), ip1: rate(totals.ip1) },
    bins,
    winner: winnerOf(totals.ep1, totals.ep2),
  };
}
