import type { TopLevelSpec } from 'vega-lite';
import { nonNegativeInteger, positiveFinite, positiveInteger } from './check.js';
import { timeAxisOf, valueTitleOf, type ViewLayout } from './layout.js';
import { spikeCount } from './spikes.js';
import { PANEL, COLORS } from './theme.js';
import { ms } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize, SpikeData } from './types.js';
import type { Datum, SizedUnitSpec } from './vl-types.js';

/**
 * Options of {@link rasterSpec}.
 *
 * @example
 * const o: RasterOptions = { spikes: monitor, dt: 0.1, size: 100, totalSteps: 10_000 };
 */
export interface RasterOptions extends PanelSize {
  /** Spike events (a `SpikeMonitor` works). */
  readonly spikes: SpikeData;
  /** Time step in ms. */
  readonly dt: number;
  /** Neurons in the population: y runs over `[0, size)` and spikes of other indices are left out. */
  readonly size?: number;
  /** Span in steps: x runs over `[0, totalSteps × dt]` ms and later spikes are left out. */
  readonly totalSteps?: number;
  /** Mark colour (CSS). Default the excitatory blue. */
  readonly color?: string;
  /** `tick` (a short vertical stroke per spike, default) or `point` (a dot per spike). */
  readonly mark?: 'tick' | 'point';
  /** Figure title. */
  readonly title?: string;
  /** Vega-Lite name of the view; its marks get the SVG class `<name>_marks`. Default `raster`. */
  readonly name?: string;
}

/**
 * The raster view: one mark per spike at (time in ms, neuron index). Used by {@link rasterSpec}
 * and the seed figure; `layout` hides axis parts of stacked panels.
 *
 * @example
 * const view = rasterView({ spikes, dt: 1, size: 100 });
 */
export function rasterView(o: RasterOptions, layout: ViewLayout = {}): SizedUnitSpec {
  const path = 'rasterSpec';
  const count = spikeCount(o.spikes, `${path}.spikes`);
  const dt = positiveFinite(o.dt, `${path}.dt`);
  const size = o.size === undefined ? undefined : positiveInteger(o.size, `${path}.size`);
  const total = o.totalSteps === undefined ? undefined : nonNegativeInteger(o.totalSteps, `${path}.totalSteps`);
  const width = positiveFinite(o.width ?? PANEL.width, `${path}.width`);
  const height = positiveFinite(o.height ?? PANEL.height, `${path}.height`);
  const values: Datum[] = [];
  for (let k = 0; k < count; k++) {
    const s = o.spikes.steps[k] as number;
    const n = o.spikes.neurons[k] as number;
    if (total !== undefined && (s < 0 || s >= total)) continue;
    if (size !== undefined && (n < 0 || n >= size)) continue;
    values.push({ t: ms(s, dt), n });
  }
  const color = o.color ?? COLORS.excitatory;
  const rowPx = size === undefined ? 4 : height / size;
  const mark =
    o.mark === 'point'
      ? ({ type: 'point', filled: true, size: Math.min(16, Math.max(2, rowPx * rowPx)), opacity: 0.9, color, aria: false } as const)
      : ({ type: 'tick', orient: 'vertical', thickness: 1, size: Math.min(8, Math.max(1, rowPx)), opacity: 1, color, aria: false } as const);
  return {
    name: o.name ?? 'raster',
    width,
    height,
    data: { values },
    mark,
    encoding: {
      x: {
        field: 't',
        type: 'quantitative',
        title: 'time (ms)',
        ...timeAxisOf(layout),
        ...(total === undefined ? {} : { scale: { domain: [0, ms(total, dt)], nice: false } }),
      },
      y: {
        field: 'n',
        type: 'quantitative',
        title: valueTitleOf(layout, 'neuron'),
        axis: { format: 'd', tickMinStep: 1 },
        ...(size === undefined ? {} : { scale: { domain: [-0.5, size - 0.5], nice: false, zero: false } }),
      },
    },
  };
}

/**
 * Spike raster as a Vega-Lite spec: time in ms across, neuron index up, one mark per spike (so
 * the SVG has exactly as many mark items as spikes drawn). Inline data holds `{ t, n }` per spike.
 *
 * @example
 * const spec = rasterSpec({ spikes: monitor, dt: 0.1, size: 100, totalSteps: 10_000, title: 'exc' });
 * const svg = await renderSvg(spec);
 */
export function rasterSpec(options: RasterOptions): TopLevelSpec {
  return topLevel(rasterView(options), options.title);
}
