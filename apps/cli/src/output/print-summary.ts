import type { RunResult } from '@spikeflow/core';

/** Bins printed in full; longer runs show the first and last half of this many. */
const MAX_ROWS = 20;

interface Table {
  readonly names: string[];
  readonly binSteps: number;
  readonly bins: { counts: number[]; winner?: string }[];
  readonly totals: number[];
  readonly winner?: string;
}

type DecisionLike = { binSteps: number; bins: { spikes: Record<string, number>; winner: string }[]; totals: Record<string, number>; winner: string };
type FileLike = { binSteps: number; populations: Record<string, { total: number; bins: number[] }>; compare?: { bins: string[]; winner: string } };

/** Spikes per bin per population (and the winner per bin when there is one), from either summary shape. */
function tableOf(summary: object): Table {
  if ('totals' in summary) {
    const s = summary as DecisionLike;
    const names = Object.keys(s.totals);
    return { names, binSteps: s.binSteps, bins: s.bins.map((b) => ({ counts: names.map((n) => b.spikes[n]!), winner: b.winner })), totals: names.map((n) => s.totals[n]!), winner: s.winner };
  }
  const s = summary as FileLike;
  const names = Object.keys(s.populations);
  const nBins = Math.max(0, ...names.map((n) => s.populations[n]!.bins.length));
  return {
    names,
    binSteps: s.binSteps,
    bins: Array.from({ length: nBins }, (_, k) => ({ counts: names.map((n) => s.populations[n]!.bins[k] ?? 0), ...(s.compare ? { winner: s.compare.bins[k]! } : {}) })),
    totals: names.map((n) => s.populations[n]!.total),
    ...(s.compare ? { winner: s.compare.winner } : {}),
  };
}

/** Prints the run's spikes per bin and per population, and what was written. */
export function printSummary(title: string, summary: object, result: RunResult, written: readonly string[]): void {
  const t = tableOf(summary);
  const w = Math.max(7, ...t.names.map((n) => n.length + 1), ...t.totals.map((n) => String(n).length + 1));
  const cell = (x: string | number) => String(x).padStart(w);
  const hasWinner = t.bins.some((b) => b.winner !== undefined);
  console.log(`${title}: ${result.steps} steps in ${(result.seconds * 1000).toFixed(1)} ms${result.aborted ? ' (interrupted)' : ''}`);
  console.log(`  ${'steps'.padEnd(13)}${t.names.map(cell).join('')}${hasWinner ? '  winner' : ''}`);
  const shown = (k: number) => t.bins.length <= MAX_ROWS || k < MAX_ROWS / 2 || k >= t.bins.length - MAX_ROWS / 2;
  t.bins.forEach((b, k) => {
    if (!shown(k)) {
      if (k === MAX_ROWS / 2) console.log(`  … ${t.bins.length - MAX_ROWS} more bins in summary.json`);
      return;
    }
    const range = `${k * t.binSteps}–${Math.min(result.steps, (k + 1) * t.binSteps)}`;
    console.log(`  ${range.padEnd(13)}${b.counts.map(cell).join('')}${b.winner ? `  ${b.winner}` : ''}`);
  });
  console.log(`  ${'total'.padEnd(13)}${t.totals.map(cell).join('')}${t.winner ? `  ${t.winner}` : ''}`);
  console.log(`wrote ${written.join(', ')}`);
}
