import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sign } from '@spikeflow/core';
import { renderSvg, seedFigureSpec, type SpikeData } from '@spikeflow/plot';
import { renderPng } from '@spikeflow/plot/png';
import type { CurrentTrace } from './currents.js';

export interface FigurePopulation {
  readonly name: string;
  readonly size: number;
  readonly sign: Sign;
  readonly spikes: SpikeData;
  readonly current?: CurrentTrace;
}

/**
 * Renders the seed's figure — one column per population; activity, raster and input current —
 * to `figure.svg` and `figure.png` in `dir`.
 */
export async function writeFigure(dir: string, o: { title: string; dt: number; binSteps: number; totalSteps: number; populations: readonly FigurePopulation[] }): Promise<string[]> {
  const spec = seedFigureSpec({
    title: o.title,
    dt: o.dt,
    binSteps: o.binSteps,
    totalSteps: o.totalSteps,
    populations: o.populations.map((p) => ({
      name: p.name,
      size: p.size,
      sign: p.sign,
      spikes: p.spikes,
      ...(p.current ? { current: { values: { data: p.current.values, shape: [p.current.steps.length, p.current.size] as const }, steps: p.current.steps } } : {}),
    })),
  });
  const svgPath = join(dir, 'figure.svg');
  const pngPath = join(dir, 'figure.png');
  await writeFile(svgPath, await renderSvg(spec));
  await writeFile(pngPath, await renderPng(spec));
  return [svgPath, pngPath];
}
