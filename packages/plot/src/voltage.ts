import type { TopLevelSpec } from 'vega-lite';
import { ConfigError } from '@spikeflow/core';
import { finite, positiveFinite, positiveInteger } from './check.js';
import { downsampleRows } from './downsample.js';
import { readState } from './matrix.js';
import { spikeCount } from './spikes.js';
import { CATEGORY, COLORS, PANEL } from './theme.js';
import { ms, significant } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize, SpikeData, StateInput } from './types.js';
import type { Datum, LayerSpec, UnitSpec } from './vl-types.js';

/**
 * Options of {@link voltageSpec}.
 *
 * @example
 * const o: VoltageOptions = { v: { values: vMon.values(), steps: vMon.times }, dt: 0.1, neurons: vMon.indices, threshold: -40, spikes };
 */
export interface VoltageOptions extends PanelSize {
  /** Membrane potential in mV, [rows × recorded neurons]. */
  readonly v: StateInput;
  /** Time step in ms (row time = step × dt). */
  readonly dt: number;
  /** Neuron index of each column (`StateMonitor.indices`). Default column k is neuron k. */
  readonly neurons?: ArrayLike<number>;
  /** Firing threshold in mV, drawn as a dashed horizontal rule. */
  readonly threshold?: number;
  /** Spikes of the population; those of the drawn neurons inside the recorded span are drawn as vertical strokes. */
  readonly spikes?: SpikeData;
  /** Length of a spike stroke in mV, upwards from the threshold (or from the highest value without one). Default 20. */
  readonly spikeHeight?: number;
  /** Most points per trace (min/max decimation, see `downsampleRows`). Default 2000. */
  readonly maxPoints?: number;
  /** Figure title. */
  readonly title?: string;
  /** Vega-Lite name of the view; spike strokes get the SVG class `<name>_spikes_marks`. Default `voltage`. */
  readonly name?: string;
}

/**
 * The voltage view (traces, threshold rule, spike strokes). Used by {@link voltageSpec}.
 *
 * @example
 * const view = voltageView({ v: { data: new Float64Array(100), shape: [100, 1] }, dt: 1, threshold: -40 });
 */
export function voltageView(o: VoltageOptions): LayerSpec {
  const path = 'voltageSpec';
  const { matrix, stepOf } = readState(o.v, `${path}.v`);
  const dt = positiveFinite(o.dt, `${path}.dt`);
  const maxPoints = positiveInteger(o.maxPoints ?? 2000, `${path}.maxPoints`);
  const spikeHeight = positiveFinite(o.spikeHeight ?? 20, `${path}.spikeHeight`);
  const width = positiveFinite(o.width ?? PANEL.width, `${path}.width`);
  const height = positiveFinite(o.height ?? PANEL.height, `${path}.height`);
  const name = o.name ?? 'voltage';
  const { rows, columns } = matrix;
  const ids = o.neurons === undefined ? Array.from({ length: columns }, (_, c) => c) : Array.from(o.neurons);
  if (ids.length !== columns) throw new ConfigError('bad-shape', `${path}.neurons`, `${ids.length} neuron indices for ${columns} columns`);
  const label = (id: number): string => `neuron ${id}`;

  let highest = -Infinity;
  const traces: Datum[] = [];
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) highest = Math.max(highest, matrix.at(r, c));
    for (const r of downsampleRows(rows, (row) => matrix.at(row, c), maxPoints)) {
      traces.push({ t: ms(stepOf(r), dt), neuron: label(ids[c] as number), v: significant(matrix.at(r, c), 6) });
    }
  }
  const threshold = o.threshold === undefined ? undefined : finite(o.threshold, `${path}.threshold`);
  const base = threshold ?? (Number.isFinite(highest) ? highest : 0);
  const strokes: Datum[] = [];
  if (o.spikes !== undefined && rows > 0) {
    const n = spikeCount(o.spikes, `${path}.spikes`);
    const first = stepOf(0);
    const last = stepOf(rows - 1);
    const drawn = new Set(ids);
    for (let k = 0; k < n; k++) {
      const s = o.spikes.steps[k] as number;
      const id = o.spikes.neurons[k] as number;
      if (s >= first && s <= last && drawn.has(id)) strokes.push({ t: ms(s, dt), neuron: label(id), v0: base, v1: base + spikeHeight });
    }
  }
  const colorScale = { domain: ids.map(label), range: ids.map((_, c) => CATEGORY[c % CATEGORY.length] as string) };
  const span = rows > 0 ? [ms(stepOf(0), dt), ms(stepOf(rows - 1), dt)] : [0, 1];
  const x = { field: 't', type: 'quantitative', title: 'time (ms)', scale: { domain: span, nice: false } } as const;
  const layers: UnitSpec[] = [
    {
      name: `${name}_traces`,
      data: { values: traces },
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x,
        y: { field: 'v', type: 'quantitative', title: 'membrane potential (mV)', scale: { zero: false } },
        color: { field: 'neuron', type: 'nominal', title: null, scale: colorScale, sort: null },
      },
    },
  ];
  if (strokes.length > 0) {
    layers.push({
      name: `${name}_spikes`,
      data: { values: strokes },
      mark: { type: 'rule', strokeWidth: 1.2 },
      encoding: { x, y: { field: 'v0', type: 'quantitative', title: 'membrane potential (mV)' }, y2: { field: 'v1' }, color: { field: 'neuron', type: 'nominal', title: null, scale: colorScale, sort: null } },
    });
  }
  if (threshold !== undefined) {
    layers.push({
      name: `${name}_threshold`,
      data: { values: [{ v: threshold }] },
      mark: { type: 'rule', color: COLORS.rule, strokeDash: [4, 3], strokeWidth: 1 },
      encoding: { y: { field: 'v', type: 'quantitative', title: 'membrane potential (mV)' } },
    });
  }
  return { width, height, layer: layers };
}

/**
 * Membrane potential traces as a Vega-Lite spec: one coloured line per recorded neuron (mV against
 * ms, at most `maxPoints` points each by min/max decimation), the threshold as a dashed rule, and
 * each spike of a drawn neuron as a vertical stroke `spikeHeight` mV tall rising from the threshold
 * (an integrate-and-fire trace resets at once, so the stroke shows where it fired).
 *
 * @example
 * const spec = voltageSpec({ v: { values: vMon.values(), steps: vMon.times }, dt: 0.1, neurons: vMon.indices, threshold: -40, spikes: spikeMon });
 */
export function voltageSpec(options: VoltageOptions): TopLevelSpec {
  return topLevel(voltageView(options), options.title);
}
