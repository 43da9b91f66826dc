import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CsrTable } from '@spikeflow/core/backend';
import type { SynapseWriter } from '@spikeflow/monitors';
import { renderSvg, weightHistogramSpec, weightMatrixSpec } from '@spikeflow/plot';
import { renderPng } from '@spikeflow/plot/png';

/** One synapse recording to draw: its data file (names the figures), connection and the last snapshot. */
export interface WeightSnapshot {
  readonly file: string;
  readonly connection: string;
  readonly step: number;
  readonly table: CsrTable;
}

/**
 * The weight figures of a run's synapse monitors of `w`: for each, the last snapshot as a weight
 * matrix (pre × post heatmap) and a weight histogram, each as SVG and PNG, named after its data
 * file: `synapses_<c>_w.csv` → `weights_<c>_w.svg`, `weights_<c>_w_histogram.svg` (and `.png`).
 * Only the recorded synapses are drawn. Returns the paths written.
 */
export async function writeWeightFigures(dir: string, dt: number, snapshots: readonly WeightSnapshot[]): Promise<string[]> {
  const written: string[] = [];
  for (const s of snapshots) {
    const base = s.file.replace(/\.[a-z]+$/, '').replace(/^synapses_/, 'weights_');
    const when = `t = ${Number((s.step * dt).toPrecision(10))} ms`;
    const specs = [
      { name: base, spec: weightMatrixSpec({ weights: s.table, title: `${s.connection} weights at ${when}` }) },
      { name: `${base}_histogram`, spec: weightHistogramSpec({ weights: s.table, bins: 40, width: 420, title: `${s.connection} weights at ${when}`, label: `weight (${s.table.weights.length} synapses)` }) },
    ];
    for (const { name, spec } of specs) {
      const svg = join(dir, `${name}.svg`);
      const png = join(dir, `${name}.png`);
      await writeFile(svg, await renderSvg(spec));
      await writeFile(png, await renderPng(spec));
      written.push(svg, png);
    }
  }
  return written;
}

/** The last snapshots of the streamed synapse monitors of `w` that recorded at least one row. */
export function lastWeights(writers: readonly { readonly writer: SynapseWriter; readonly file: string }[]): WeightSnapshot[] {
  return writers.flatMap(({ writer, file }) => {
    const last = writer.variable === 'w' ? writer.last() : undefined;
    return last ? [{ file, connection: writer.connection, step: last.step, table: last.table }] : [];
  });
}
