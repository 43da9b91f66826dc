import { describe, expect, it } from 'vitest';
import { activitySpec, renderSvg, smoothedRate } from '../src/index.js';
import { linePoints, markItems, parseSvg, rectBox, texts } from './svg.js';
import { poissonSpikes } from './synthetic.js';

describe('activitySpec', () => {
  const dt = 1;
  const steps = 1000;
  const binSteps = 50;
  // Rate rising in steps of 10 Hz every 100 ms, silent for the first 100 ms.
  const spikes = poissonSpikes(11, 'activity', 50, steps, dt, (t) => Math.floor(t / 100) * 10);

  function counts(): number[] {
    const c = new Array<number>(Math.ceil(steps / binSteps)).fill(0);
    for (const s of spikes.steps) c[Math.floor(s / binSteps)]!++;
    return c;
  }

  it('draws one bar per bin, from its start to its end, as tall as its count', async () => {
    const c = counts();
    const svg = parseSvg(await renderSvg(activitySpec({ spikes, dt, binSteps, totalSteps: steps, width: 400, height: 150 })));
    const bars = markItems(svg, 'activity').map(rectBox);
    expect(bars).toHaveLength(c.length);
    bars.sort((a, b) => a.x - b.x);
    const max = Math.max(...c);
    const pxPerSpike = Math.max(...bars.map((b) => b.height)) / max;
    bars.forEach((bar, b) => {
      expect(bar.x).toBeCloseTo((b * binSteps * 400) / steps, 0);
      expect(bar.width).toBeCloseTo((binSteps * 400) / steps, 0);
      expect(bar.height).toBeCloseTo(c[b]! * pxPerSpike, 0);
      expect(bar.y + bar.height).toBeCloseTo(150, 0); // bars stand on the axis
    });
    // heights ordered like the counts
    for (let a = 0; a < c.length; a++) for (let b = 0; b < c.length; b++) if (c[a]! < c[b]!) expect(bars[a]!.height).toBeLessThan(bars[b]!.height);
    expect(c[0]).toBe(0);
    expect(bars[0]!.height).toBe(0);
  });

  it('counts as SpikeMonitor.countsPerBin does: a shorter last bin, later spikes left out', () => {
    const spec = activitySpec({ spikes: { steps: [0, 9, 10, 24, 25, 99], neurons: [0, 0, 0, 0, 0, 0] }, dt: 0.1, binSteps: 10, totalSteps: 25 }) as unknown as {
      layer: { data: { values: { t0: number; t1: number; count: number }[] } }[];
    };
    expect(spec.layer[0]!.data.values).toEqual([
      { t0: 0, t1: 1, tc: 0.5, count: 2 },
      { t0: 1, t1: 2, tc: 1.5, count: 1 },
      { t0: 2, t1: 2.5, tc: 2.25, count: 1 },
    ]);
  });

  it('draws a line through the bin centres when asked', async () => {
    const c = counts();
    const svg = parseSvg(await renderSvg(activitySpec({ spikes, dt, binSteps, totalSteps: steps, mark: 'line' })));
    const [line] = markItems(svg, 'activity');
    expect(markItems(svg, 'activity')).toHaveLength(1);
    const ys = linePoints(line!).map(([, y]) => y);
    expect(ys).toHaveLength(c.length);
    for (let b = 1; b < c.length; b++) expect(Math.sign(ys[b - 1]! - ys[b]!)).toBe(Math.sign(c[b]! - c[b - 1]!)); // y grows downwards
  });

  it('adds the smoothed rate in Hz on a second axis', async () => {
    const size = 50;
    const flat = poissonSpikes(12, 'flat', size, 2000, 0.5, () => 40); // 40 Hz for 1 s
    const spec = activitySpec({ spikes: flat, dt: 0.5, binSteps: 100, totalSteps: 2000, rate: { size, sigmaMs: 20, maxPoints: 500 } });
    const rateLayer = (spec as unknown as { layer: { data: { values: { t: number; rate: number }[] } }[] }).layer[1]!;
    const rates = rateLayer.data.values.map((v) => v.rate);
    expect(rates).toHaveLength(500);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeGreaterThan(36);
    expect(mean).toBeLessThan(44);
    const svg = parseSvg(await renderSvg(spec));
    expect(markItems(svg, 'activity_rate')).toHaveLength(1);
    expect(texts(svg)).toContain('rate (Hz)');
  });
});

describe('smoothedRate', () => {
  it('keeps the spike count (its integral) and spreads one spike as a Gaussian', () => {
    const dt = 0.1;
    const r = smoothedRate({ steps: [500], neurons: [0] }, 10, dt, 1000, 2);
    const spikes = r.reduce((a, b) => a + b, 0) * 10 * dt * 1e-3; // Hz × neurons × s
    expect(spikes).toBeCloseTo(1, 6);
    expect(r.indexOf(Math.max(...r))).toBe(500);
    expect(r[520]! / r[500]!).toBeCloseTo(Math.exp(-0.5), 6); // 2 ms = 1 σ away
  });

  it('is the raw rate without smoothing', () => {
    const r = smoothedRate({ steps: [0, 0, 3], neurons: [0, 1, 0] }, 4, 1, 5, 0);
    expect(Array.from(r)).toEqual([500, 0, 0, 250, 0]); // 2 spikes / (4 neurons × 1 ms)
  });
});
