import { ConfigError } from '@spikeflow/core';
import type { TopLevelSpec } from 'vega-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  COLORS,
  activitySpec,
  currentSpec,
  fiCurveSpec,
  rasterSpec,
  renderSvg,
  seedFigureSpec,
  voltageSpec,
  weightHistogramSpec,
  weightMatrixSpec,
} from '../src/index.js';
import { hasTextFont, renderPng } from '../src/png.js';
import { PNG_SIGNATURE, decodePng, pngSize } from './png.js';
import { requireDependency } from '../../../test-support/dependency.js';
import { decisionLike, noisyCurrent, poissonSpikes } from './synthetic.js';

const populations = decisionLike();
const seed = seedFigureSpec({ title: 'one-strong-current', dt: 1, binSteps: 100, totalSteps: 1000, populations });

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

// resvg needs a font for text. Debian's fonts-dejavu-core (on this project's machines) gives one;
// where there is none, renderPng refuses to draw, and that is what gets tested instead.
const fonts = requireDependency('a font for PNG text', hasTextFont({}), 'PNG rendering tests need one: apt-get install fonts-dejavu-core');

describe.runIf(!fonts)('renderPng without any font', () => {
  it('refuses with a ConfigError that names the fix', async () => {
    await expect(renderPng(seed)).rejects.toThrow(/no font for text.*fonts-dejavu-core/);
  });
});

describe.runIf(fonts)('renderPng', () => {
  it('writes a PNG of the SVG size × scale', async () => {
    const small = rasterSpec({ spikes: poissonSpikes(2, 'png', 10, 200, 1, () => 50), dt: 1, size: 10, width: 203, height: 77 });
    for (const [spec, scale] of [[seed, 2], [small, 1], [small, 1.5], [small, 2.5]] as const) {
      const { width, height } = svgSize(await renderSvg(spec));
      const png = await renderPng(spec, { scale });
      expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
      expect(pngSize(png)).toEqual({ width: Math.round(width * scale), height: Math.round(height * scale) });
    }
  });

  it('paints the data in the population colours and the titles in ink', async () => {
    const { width, height, rgba } = decodePng(await renderPng(seed, { scale: 1 }));
    const near = (x: number, y: number, hex: string, tol = 40) => {
      const k = (y * width + x) * 4;
      return [1, 3, 5].every((h, c) => Math.abs(rgba[k + c]! - parseInt(hex.slice(h, h + 2), 16)) <= tol);
    };
    let blue = 0;
    let red = 0;
    let inkInTitle = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (near(x, y, COLORS.excitatory)) blue++;
        if (near(x, y, COLORS.inhibitory)) red++;
        if (y < 30 && x < 250 && near(x, y, COLORS.ink, 60)) inkInTitle++;
      }
    }
    expect(blue).toBeGreaterThan(2000);
    expect(red).toBeGreaterThan(1000);
    expect(inkInTitle).toBeGreaterThan(100); // 'one-strong-current' in bold 16 px
    expect(rgba[3]).toBe(255); // opaque white background
    expect(Array.from(rgba.subarray(0, 3))).toEqual([255, 255, 255]);
  });

  it('refuses a non-positive scale', async () => {
    await expect(renderPng(seed, { scale: 0 })).rejects.toThrow(/renderPng\.scale/);
  });
});

describe('renderSvg', () => {
  it('is deterministic: the same data gives the same SVG and PNG, also when rendered concurrently', async () => {
    // Small figures (few current lines): determinism does not depend on size.
    const figure = (title: string, seedValue: number) =>
      seedFigureSpec({ title, dt: 1, binSteps: 100, totalSteps: 1000, populations: decisionLike(seedValue), maxNeurons: 5, maxPoints: 200 });
    const a = figure('a', 3);
    const b = figure('b', 4);
    const a1 = await renderSvg(a);
    const b1 = await renderSvg(b);
    const [a2, b2, a3] = await Promise.all([renderSvg(a), renderSvg(b), renderSvg(figure('a', 3))]);
    expect(a2).toBe(a1);
    expect(a3).toBe(a1);
    expect(b2).toBe(b1);
    expect(b1).not.toBe(a1);
    // Vega numbers clip paths per process; renderSvg numbers them per document.
    const clipped = (n: number) =>
      ({ data: { values: [{ x: 1 }, { x: n }] }, mark: { type: 'point', clip: true }, encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0, 2] } } } }) as TopLevelSpec;
    const [c1, c2, c3] = await Promise.all([renderSvg(clipped(5)), renderSvg(clipped(7)), renderSvg(clipped(5))]);
    for (const c of [c1, c2, c3]) {
      expect(c).toContain('clip-path="url(#clip1)"');
      expect(c).toContain('<clipPath id="clip1">');
    }
    expect(c3).toBe(c1);
    if (fonts) expect(Buffer.from(await renderPng(a)).equals(Buffer.from(await renderPng(figure('a', 3))))).toBe(true);
  });

  it('loads no external data', async () => {
    const spec = { data: { url: 'https://example.com/spikes.json' }, mark: 'point' } as TopLevelSpec;
    const err = await renderSvg(spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('no-loading');
  });

  describe('every builder gives a spec that Vega-Lite and Vega take without a warning', () => {
    const spied: string[] = [];
    afterEach(() => vi.restoreAllMocks());
    const spikes = poissonSpikes(1, 'all', 20, 500, 0.5, () => 30);
    const specs: Record<string, TopLevelSpec> = {
      raster: rasterSpec({ spikes, dt: 0.5, size: 20, title: 'raster' }),
      activity: activitySpec({ spikes, dt: 0.5, binSteps: 20, totalSteps: 500, rate: { size: 20 } }),
      activityLine: activitySpec({ spikes, dt: 0.5, binSteps: 20, totalSteps: 500, mark: 'line' }),
      current: currentSpec({ current: noisyCurrent(1, 'all', 5, 500, 0.5, () => 10), dt: 0.5 }),
      voltage: voltageSpec({ v: noisyCurrent(1, 'v', 2, 500, 0.5, () => -60), dt: 0.5, threshold: -50, spikes }),
      fi: fiCurveSpec({ curves: [{ current: [0, 1], rate: [0, 5] }] }),
      matrix: weightMatrixSpec({ weights: noisyCurrent(1, 'w', 10, 10, 1, () => 0) }),
      histogram: weightHistogramSpec({ weights: [1, 2, 2, 3] }),
      seed,
    };
    for (const [name, spec] of Object.entries(specs)) {
      it(name, async () => {
        const warn = vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void spied.push(a.join(' ')));
        const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void spied.push(a.join(' ')));
        const svg = await renderSvg(spec);
        expect(svg.startsWith('<svg')).toBe(true);
        expect(warn).not.toHaveBeenCalled();
        expect(error).not.toHaveBeenCalled();
      });
    }
  });
});
