/**
 * @spikeflow/plot — figures of spikes, currents, membrane potentials and weights as declarative
 * Vega-Lite specs (plain JSON you can also open in the Vega editor), rendered in Node to SVG
 * (Vega, headless) and PNG (resvg) without a browser or network. Inputs are plain data: spike
 * events `{ steps, neurons }` (a `SpikeMonitor`), recorded state [rows × neurons] (a matrix, an
 * ndarray or `{ values, steps }`), synapse tables, and dt in ms. This entry runs anywhere
 * (browsers too); PNG output, which needs resvg's native addon, is `@spikeflow/plot/png` (Node).
 *
 * @example
 * import { renderSvg, rasterSpec } from '@spikeflow/plot';
 * import { renderPng } from '@spikeflow/plot/png';
 * const spec = rasterSpec({ spikes: monitor, dt: 0.1, size: 100, totalSteps: 10_000 });
 * await writeFile('raster.svg', await renderSvg(spec));
 * await writeFile('raster.png', await renderPng(spec, { scale: 2 }));
 */
export type { SpikeData, DenseMatrix, NdArray2D, Matrix, Recording, StateRecorder, StateInput, PanelSize } from './types.js';
export { rasterSpec, type RasterOptions } from './raster.js';
export { activitySpec, type ActivityOptions, type ActivityRate } from './activity.js';
export { currentSpec, type CurrentOptions } from './current.js';
export { voltageSpec, type VoltageOptions } from './voltage.js';
export { fiCurveSpec, type FiCurve, type FiCurveOptions } from './fi-curve.js';
export { weightMatrixSpec, type WeightMatrixOptions } from './weight-matrix.js';
export { weightHistogramSpec, type WeightHistogramOptions } from './weight-histogram.js';
export type { WeightInput } from './weights.js';
export { seedFigureSpec, type SeedFigureOptions, type SeedPopulation } from './seed-figure.js';
export { renderSvg } from './render-svg.js';
export { smoothedRate } from './smooth.js';
export { downsampleRows } from './downsample.js';
export { COLORS, CATEGORY, FONT, populationColor, plotConfig } from './theme.js';
