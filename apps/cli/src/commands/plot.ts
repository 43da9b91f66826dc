import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { csrOf, readSpikes, readState, readSynapses } from '@spikeflow/monitors';
import { writeFigure } from '../output/figure.js';
import { writeWeightFigures, type WeightSnapshot } from '../output/weight-figures.js';
import type { Manifest } from '../output/results.js';
import { MAX_FIGURE_SPIKES } from './run.js';

/** `spikeflow plot <results-dir>`: re-renders the figure from saved data, without re-running. */
export async function plotCommand(dir: string, options: { quiet?: boolean }): Promise<number> {
  const manifestPath = join(dir, 'run.json');
  if (!existsSync(manifestPath)) throw new InvalidArgumentError(`'${dir}' holds no run.json; give a directory written by 'spikeflow run'`);
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const byPopulation = new Map<string, { steps: Int32Array; neurons: Int32Array }>();
  for (const file of new Set(Object.values(m.files.spikes))) {
    const bytes = readFileSync(join(dir, file));
    if (m.format === 'csv') {
      // The shared CSV has a population column: split it.
      const lines = bytes.toString('utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
      for (const name of Object.keys(m.files.spikes)) {
        const rows = lines.filter((r) => r[0] === name);
        byPopulation.set(name, { steps: Int32Array.from(rows, (r) => Number(r[1])), neurons: Int32Array.from(rows, (r) => Number(r[3])) });
      }
    } else {
      const name = Object.keys(m.files.spikes).find((n) => m.files.spikes[n] === file)!;
      byPopulation.set(name, readSpikes(bytes, m.format, join(dir, file)));
    }
  }
  const populations = m.populations
    .filter((p) => byPopulation.has(p.name))
    .map((p) => {
      const c = m.files.currents[p.name];
      const current = c ? readState(readFileSync(join(dir, c.file)), m.format, c.every, join(dir, c.file)) : undefined;
      return { ...p, spikes: byPopulation.get(p.name)!, ...(current ? { current: { steps: current.steps, size: current.width, values: current.values } } : {}) };
    });
  const spikes = [...byPopulation.values()].reduce((n, d) => n + d.steps.length, 0);
  if (spikes > MAX_FIGURE_SPIKES) throw new InvalidArgumentError(`${dir} holds ${spikes} spikes, more than a raster can show (${MAX_FIGURE_SPIKES}); plot a shorter run`);
  const written = await writeFigure(dir, { title: m.title, dt: m.dt, binSteps: m.binSteps, totalSteps: m.stepsRun, populations });
  written.push(...(await writeWeightFigures(dir, m.dt, savedWeights(dir, m))));
  if (!options.quiet) console.log(`wrote ${written.join(', ')}`);
  return 0;
}

/** The last snapshot of each saved synapse recording of `w` that has rows and its population sizes. */
function savedWeights(dir: string, m: Manifest): WeightSnapshot[] {
  return (m.files.synapses ?? []).flatMap((s) => {
    if (s.variable !== 'w' || s.nPre === undefined || s.nPost === undefined) return [];
    const d = readSynapses(readFileSync(join(dir, s.file)), m.format, s.every, join(dir, s.file), s.columns ? readFileSync(join(dir, s.columns)) : undefined);
    const rows = d.steps.length;
    if (rows === 0) return [];
    const table = csrOf({ nPre: s.nPre, nPost: s.nPost, pre: d.pre, post: d.post }, Int32Array.from(d.synapses.keys()), d.values.subarray((rows - 1) * d.width, rows * d.width));
    return [{ file: s.file, connection: s.connection, step: d.steps[rows - 1]!, table }];
  });
}
