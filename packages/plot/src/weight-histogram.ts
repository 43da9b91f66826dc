import type { TopLevelSpec } from 'vega-lite';
import { positiveFinite, positiveInteger } from './check.js';
import { COLORS, PANEL } from './theme.js';
import { significant } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize } from './types.js';
import type { Datum } from './vl-types.js';
import { synapseWeights, type WeightInput } from './weights.js';

/**
 * Options of {@link weightHistogramSpec}.
 *
 * @example
 * const o: WeightHistogramOptions = { weights: table, bins: 30 };
 */
export interface WeightHistogramOptions extends PanelSize {
  /** A synapse table, a [pre × post] matrix, or the weights themselves, in the synapse's weight unit. */
  readonly weights: WeightInput | ArrayLike<number>;
  /** Number of equal-width bins from the smallest to the largest weight. Default 40. */
  readonly bins?: number;
  /** Count a dense table's zeros (absent synapses). Default false. */
  readonly includeZeros?: boolean;
  /** Axis title of the weights. Default `weight`. */
  readonly label?: string;
  /** Bar colour (CSS). Default the excitatory blue. */
  readonly color?: string;
  /** Figure title. */
  readonly title?: string;
}

/**
 * Weight histogram as a Vega-Lite spec: synapses per weight bin, `bins` equal-width bins over
 * [min, max] of the weights (binned here, so the spec holds `bins` rows, not every synapse); all
 * weights equal give one bin of width 1 around them. Default size 300 × 160 px.
 *
 * @example
 * const spec = weightHistogramSpec({ weights: table, bins: 30, title: 'ep1 → ip1 weights' });
 */
export function weightHistogramSpec(options: WeightHistogramOptions): TopLevelSpec {
  const path = 'weightHistogramSpec';
  const bins = positiveInteger(options.bins ?? 40, `${path}.bins`);
  const w = synapseWeights(options.weights, options.includeZeros ?? false);
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of w) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const values: Datum[] = [];
  if (w.length > 0) {
    const n = lo === hi ? 1 : bins;
    const from = lo === hi ? lo - 0.5 : lo;
    const width = lo === hi ? 1 : (hi - lo) / n;
    const counts = new Int32Array(n);
    for (const x of w) {
      const b = Math.min(n - 1, Math.floor((x - from) / width));
      counts[b] = (counts[b] as number) + 1;
    }
    counts.forEach((count, b) => values.push({ w0: significant(from + b * width, 8), w1: significant(from + (b + 1) * width, 8), count }));
  }
  return topLevel(
    {
      width: positiveFinite(options.width ?? PANEL.width, `${path}.width`),
      height: positiveFinite(options.height ?? 160, `${path}.height`),
      name: 'histogram',
      data: { values },
      mark: { type: 'bar', color: options.color ?? COLORS.excitatory, stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'w0', type: 'quantitative', title: options.label ?? 'weight', scale: { zero: false } },
        x2: { field: 'w1' },
        y: { field: 'count', type: 'quantitative', title: 'synapses' },
        y2: { datum: 0 },
      },
    },
    options.title,
  );
}
