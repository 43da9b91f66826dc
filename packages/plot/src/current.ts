import type { TopLevelSpec } from 'vega-lite';
import { nonNegativeInteger, positiveFinite, positiveInteger } from './check.js';
import { downsampleRows, evenlySpaced } from './downsample.js';
import { timeAxisOf, valueTitleOf, type ViewLayout } from './layout.js';
import { readState } from './matrix.js';
import { COLORS, PANEL, darken } from './theme.js';
import { ms, significant } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize, StateInput } from './types.js';
import type { Datum, LayerSpec } from './vl-types.js';

/**
 * Options of {@link currentSpec}.
 *
 * @example
 * const o: CurrentOptions = { current: { values: iMon.values(), steps: iMon.times }, dt: 0.1 };
 */
export interface CurrentOptions extends PanelSize {
  /** Input current in nA, [rows × neurons] (a matrix, an ndarray, or a recording with row steps). */
  readonly current: StateInput;
  /** Time step in ms (row time = step × dt). */
  readonly dt: number;
  /** Most points per line (min/max decimation, see `downsampleRows`). Default 2000. */
  readonly maxPoints?: number;
  /** Most neurons drawn as faint lines, evenly spaced over the columns; the mean uses all. Default 50. */
  readonly maxNeurons?: number;
  /** Span in steps: x runs over `[0, totalSteps × dt]` ms. Default: the recorded span. */
  readonly totalSteps?: number;
  /** Current axis range in nA (to share it between panels). Default: the data's. */
  readonly domain?: readonly [number, number];
  /** Colour (CSS). Default the excitatory blue. */
  readonly color?: string;
  /** Figure title. */
  readonly title?: string;
  /** Vega-Lite name of the view; the mean line's marks get the SVG class `<name>_mean_marks`. Default `current`. */
  readonly name?: string;
}

/**
 * The current view: each drawn neuron a faint line, the population mean a bold one. Used by
 * {@link currentSpec} and the seed figure; `layout` hides axis parts of stacked panels.
 *
 * @example
 * const view = currentView({ current: { data: new Float64Array(2000), shape: [1000, 2] }, dt: 1 });
 */
export function currentView(o: CurrentOptions, layout: ViewLayout = {}): LayerSpec {
  const path = 'currentSpec';
  const { matrix, stepOf } = readState(o.current, `${path}.current`);
  const dt = positiveFinite(o.dt, `${path}.dt`);
  const maxPoints = positiveInteger(o.maxPoints ?? 2000, `${path}.maxPoints`);
  const maxNeurons = nonNegativeInteger(o.maxNeurons ?? 50, `${path}.maxNeurons`);
  const width = positiveFinite(o.width ?? PANEL.width, `${path}.width`);
  const height = positiveFinite(o.height ?? PANEL.height, `${path}.height`);
  const color = o.color ?? COLORS.excitatory;
  const name = o.name ?? 'current';
  const { rows, columns } = matrix;

  const mean = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < columns; c++) sum += matrix.at(r, c);
    mean[r] = columns === 0 ? Number.NaN : sum / columns;
  }
  const meanValues: Datum[] = Array.from(downsampleRows(rows, (r) => mean[r] as number, maxPoints), (r) => ({
    t: ms(stepOf(r), dt),
    I: significant(mean[r] as number, 6),
  }));
  const neuronValues: Datum[] = [];
  for (const c of evenlySpaced(columns, maxNeurons)) {
    for (const r of downsampleRows(rows, (row) => matrix.at(row, c), maxPoints)) {
      neuronValues.push({ t: ms(stepOf(r), dt), n: c, I: significant(matrix.at(r, c), 6) });
    }
  }
  const span = o.totalSteps === undefined ? undefined : nonNegativeInteger(o.totalSteps, `${path}.totalSteps`);
  const xScale = span === undefined ? {} : { scale: { domain: [0, ms(span, dt)], nice: false } };
  const yScale = o.domain === undefined ? { scale: { zero: false } } : { scale: { domain: [...o.domain], nice: false, zero: false } };
  const x = { field: 't', type: 'quantitative', title: 'time (ms)', ...xScale, ...timeAxisOf(layout) } as const;
  const y = { field: 'I', type: 'quantitative', title: valueTitleOf(layout, 'current (nA)'), ...yScale } as const;
  return {
    width,
    height,
    layer: [
      {
        name: `${name}_neurons`,
        data: { values: neuronValues },
        mark: { type: 'line', color, strokeWidth: 0.6, opacity: 0.12, aria: false },
        encoding: { x, y, detail: { field: 'n', type: 'nominal' } },
      },
      {
        name: `${name}_mean`,
        data: { values: meanValues },
        mark: { type: 'line', color: darken(color, 0.35), strokeWidth: 1.6 },
        encoding: { x, y },
      },
    ],
  };
}

/**
 * Input currents as a Vega-Lite spec: every neuron (at most `maxNeurons`, evenly spaced) a faint
 * line, the mean over all neurons a bold line (a darker shade); time in ms across, current in nA up. Each line is
 * downsampled to at most `maxPoints` points (default 2000) by min/max decimation, so a long
 * recording of many neurons gives a spec of at most `(maxNeurons + 1) × maxPoints` points while
 * keeping every peak and dip.
 *
 * @example
 * const spec = currentSpec({ current: { values: iMon.values(), steps: iMon.times }, dt: 0.1, title: 'input to exc' });
 */
export function currentSpec(options: CurrentOptions): TopLevelSpec {
  return topLevel(currentView(options), options.title);
}
