/**
 * @spikeflow/plot/png — figures as PNG in Node, through resvg (a Rust SVG renderer shipped as a
 * native addon, hence not in the browser-safe main entry).
 *
 * @example
 * import { rasterSpec } from '@spikeflow/plot';
 * import { renderPng } from '@spikeflow/plot/png';
 * await writeFile('raster.png', await renderPng(rasterSpec({ spikes, dt: 0.1, size: 100 }), { scale: 2 }));
 */
export { renderPng, type PngOptions } from './render-png.js';
export { hasTextFont, type FontOptions } from './fonts.js';
