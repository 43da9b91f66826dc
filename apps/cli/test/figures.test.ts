/** The seed's figure from `spikeflow run` and `spikeflow plot`: one raster mark per spike, every data format.
 * Through the built CLI's `main` in this process (the binary's own start, with a figure, is covered
 * by cli.test.ts): rendering is the work here, Node's start per call is not.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '@spikeflow/experiments';
import { cliInProcess as cli, fresh, rasterMarks, show } from './helpers.js';

describe('figures', () => {
  // Four scenarios with different figure contents (ramps, a step, noise, full connectivity); the
  // other three differ only in their input currents' values.
  const FIGURE_SCENARIOS = SCENARIO_NAMES.filter((s) => ['default', 'one-strong-current', 'random-noise', 'full-connectivity'].includes(s));
  it('the four scenarios are known', () => expect(FIGURE_SCENARIOS).toHaveLength(4));
  it.each(FIGURE_SCENARIOS)('%s: figure.png is written and the raster draws one mark per spike', async (scenario) => {
    const out = fresh();
    // A shorter, smaller run: rendering dominates, and the check (one mark per spike) needs no size.
    const r = await cli('run', 'decision', '--scenario', scenario, '--out', out, '--seed', '5', '--steps', '400', '--size', '40');
    expect(r.status, show(r)).toBe(0);
    const png = readFileSync(join(out, 'figure.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // IHDR width in px
    const svg = readFileSync(join(out, 'figure.svg'), 'utf8');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    ['ep1', 'ep2', 'ip1'].forEach((pop, k) => expect(rasterMarks(svg, k), pop).toBe(summary.totals[pop]));
    expect(svg).toContain(scenario);
  });

  // CSV and NPY: the text and the binary reader (JSON's reader has its own tests in @spikeflow/monitors).
  it('spikeflow plot re-renders the same figure from saved data, from CSV and from NPY', async () => {
    for (const format of ['csv', 'npy']) {
      const out = fresh();
      expect((await cli('run', 'decision', '--scenario', 'default', '--out', out, '--format', format, '--steps', '400', '--size', '40')).status).toBe(0);
      const first = readFileSync(join(out, 'figure.svg'), 'utf8');
      rmSync(join(out, 'figure.svg'));
      rmSync(join(out, 'figure.png'));
      const r = await cli('plot', out);
      expect(r.status, show(r)).toBe(0);
      expect(existsSync(join(out, 'figure.png'))).toBe(true);
      const again = readFileSync(join(out, 'figure.svg'), 'utf8');
      for (const k of [0, 1, 2]) expect(rasterMarks(again, k), `${format} raster ${k}`).toBe(rasterMarks(first, k));
    }
  });
});
