import type { SpikeCounts } from '@spikeflow/monitors';
import type { DecisionNetwork } from './decision.js';

export type Winner = 'ep1' | 'ep2' | 'tie' | 'none';

export interface DecisionBin {
  /** First step of the bin and the step after its last. */
  readonly startStep: number;
  readonly endStep: number;
  readonly spikes: { readonly ep1: number; readonly ep2: number; readonly ip1: number };
  /** The excitatory population with more spikes in this bin. */
  readonly winner: Winner;
}

export interface DecisionSummary {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly steps: number;
  readonly dt: number;
  readonly size: number;
  readonly binSteps: number;
  readonly totals: { readonly ep1: number; readonly ep2: number; readonly ip1: number };
  /** Mean firing rate per neuron in Hz. */
  readonly rates: { readonly ep1: number; readonly ep2: number; readonly ip1: number };
  readonly bins: readonly DecisionBin[];
  /** Winner over the whole run. */
  readonly winner: Winner;
}

export const winnerOf = (ep1: number, ep2: number): Winner => (ep1 === 0 && ep2 === 0 ? 'none' : ep1 > ep2 ? 'ep1' : ep2 > ep1 ? 'ep2' : 'tie');

/**
 * Spikes per population per bin of `binSteps` (default: the seed's `scale`) and who wins each bin.
 * `d.spikes` may be the network's spike monitors or `SpikeCounter`s (counts only): the same summary.
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
