import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { positiveFinite } from './check.js';
import { requireTextFont, resvgFonts, type FontOptions } from './fonts.js';
import { renderSvg } from './render-svg.js';

/**
 * Options of {@link renderPng}.
 *
 * @example
 * const o: PngOptions = { scale: 3, fontFiles: ['./fonts/DejaVuSans.ttf'] };
 */
export interface PngOptions extends FontOptions {
  /** Pixels per SVG px: the PNG is `round(width × scale)` × `round(height × scale)`. Default 2 (sharp on HiDPI screens and in print at ~190 dpi). */
  readonly scale?: number;
}

/**
 * Renders a Vega-Lite spec to PNG bytes in Node: {@link renderSvg}, then resvg (a Rust SVG
 * renderer shipped as a prebuilt binary in its npm package) rasterises it at `scale`. Text needs a
 * font: system fonts are used (DejaVu Sans first; `fontFiles` adds others), and a `ConfigError`
 * ('no-font') is thrown when none is found instead of returning a figure without labels. White
 * background, 8-bit RGBA.
 *
 * @example
 * const png = await renderPng(seedFigureSpec({ ... }), { scale: 2 });
 * await writeFile('seed.png', png);
 */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Uint8Array> {
  const scale = positiveFinite(options.scale ?? 2, 'renderPng.scale');
  requireTextFont(options);
  const svg = await renderSvg(spec);
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: resvgFonts(options), logLevel: 'off' }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
