import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { readSpikes, readState } from '@spikeflow/monitors';
import { writeFigure } from '../output/figure.js';
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
  if (!options.quiet) console.log(`wrote ${written.join(', ')}`);
  return 0;
}
