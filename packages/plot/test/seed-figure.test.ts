import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY, COLORS, renderSvg, seedFigureSpec } from '../src/index.js';
import { descendants, markGroups, markItems, parseSvg, rectBox, texts, type SvgNode } from './svg.js';
import { decisionLike } from './synthetic.js';

describe('seedFigureSpec', () => {
  const populations = decisionLike();
  const options = { title: 'one-strong-current', dt: 1, binSteps: 100, totalSteps: 1000, populations };
  let rendered: SvgNode;
  beforeAll(async () => {
    rendered = parseSvg(await renderSvg(seedFigureSpec(options)));
  });

  it('lays out 3 columns × 3 rows of panels: one column per population, rows activity / raster / current', () => {
    const svg = rendered;
    const origin = (name: string): { x: number; y: number } => {
      const groups = markGroups(svg, name);
      expect(groups.length).toBeGreaterThan(0);
      return { x: groups[0]!.x, y: groups[0]!.y };
    };
    const rows = ['activity', 'raster', 'current_mean'] as const;
    const grid = rows.map((row) => [0, 1, 2].map((i) => origin(row === 'current_mean' ? `current_${i}_mean` : `${row}_${i}`)));
    for (const [r, cells] of grid.entries()) {
      // a row: same top edge, columns left to right a panel width (300 px) and more apart
      for (const cell of cells) expect(cell.y).toBeCloseTo(cells[0]!.y, 6);
      expect(cells[1]!.x - cells[0]!.x).toBeGreaterThan(300);
      expect(cells[2]!.x - cells[1]!.x).toBeGreaterThan(300);
      // a column: same left edge; rows top to bottom by the panel heights (70, 120, 90 px)
      if (r > 0) cells.forEach((cell, c) => {
        expect(cell.x).toBeCloseTo(grid[0]![c]!.x, 6);
        expect(cell.y).toBeGreaterThanOrEqual(grid[r - 1]![c]!.y + [70, 120][r - 1]!);
      });
    }
  });

  it('titles the figure by scenario and each column by its population, centred over it', () => {
    const svg = rendered;
    const all = texts(svg);
    const title = descendants(svg).find((n) => n.tag === 'text' && n.text === 'one-strong-current')!;
    expect(title.y).toBeLessThan(Math.min(...descendants(svg).filter((n) => n.tag === 'text' && n !== title).map((n) => n.y))); // on top
    expect(all).toEqual(expect.arrayContaining(['ep1', 'ep2', 'ip1', '100 neurons, excitatory', '100 neurons, inhibitory', 'spikes', 'neuron', 'I (nA)']));
    expect(all.filter((t) => t === 'time (ms)')).toHaveLength(3); // one time axis title per column, at the bottom
    const titleNode = (text: string): SvgNode => descendants(svg).find((n) => n.tag === 'text' && n.text === text)!;
    populations.forEach((p, i) => {
      const panel = markGroups(svg, `raster_${i}`)[0]!;
      expect(titleNode(p.name).x).toBeCloseTo(panel.x + 150, 0);
    });
  });

  it('draws every spike, one bar per bin on a count axis shared by the columns, and the currents', () => {
    const svg = rendered;
    const pxPerSpike: number[] = [];
    populations.forEach((p, i) => {
      expect(markItems(svg, `raster_${i}`)).toHaveLength(p.spikes.steps.length);
      const bars = markItems(svg, `activity_${i}`).map(rectBox).sort((a, b) => a.x - b.x);
      expect(bars).toHaveLength(10);
      const counts = new Array<number>(10).fill(0);
      for (const s of p.spikes.steps) counts[Math.floor(s / 100)]!++;
      bars.forEach((bar, b) => pxPerSpike.push(bar.height / counts[b]!));
      expect(markItems(svg, `current_${i}_neurons`)).toHaveLength(40);
      expect(markItems(svg, `current_${i}_mean`)).toHaveLength(1);
    });
    // same scale in every column: px per spike agrees across all 30 bars (to rounding)
    for (const k of pxPerSpike) expect(k).toBeCloseTo(pxPerSpike[0]!, 2);
  });

  it('colours by sign: excitatory blue, inhibitory red; without signs, one colour per population', async () => {
    const signed = rendered;
    expect(markItems(signed, 'raster_0')[0]!.attrs.fill).toBe(COLORS.excitatory);
    expect(markItems(signed, 'raster_1')[0]!.attrs.fill).toBe(COLORS.excitatory);
    expect(markItems(signed, 'raster_2')[0]!.attrs.fill).toBe(COLORS.inhibitory);
    const unsigned = seedFigureSpec({ ...options, populations: populations.map(({ sign: _sign, current: _current, ...rest }) => rest) });
    const svg = parseSvg(await renderSvg(unsigned));
    [0, 1, 2].forEach((i) => expect(markItems(svg, `raster_${i}`)[0]!.attrs.fill).toBe(CATEGORY[i]));
    expect(markGroups(svg, 'current_0_mean')).toHaveLength(0); // no currents, no current row
    expect(texts(svg).filter((t) => t === 'time (ms)')).toHaveLength(3); // the raster then carries the time axis
  });
});
