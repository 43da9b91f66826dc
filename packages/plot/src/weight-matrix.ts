import type { TopLevelSpec } from 'vega-lite';
import { positiveFinite, positiveInteger } from './check.js';
import { PANEL } from './theme.js';
import { significant } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize } from './types.js';
import type { Datum } from './vl-types.js';
import { weightMatrix, type WeightInput } from './weights.js';

/**
 * Options of {@link weightMatrixSpec}.
 *
 * @example
 * const o: WeightMatrixOptions = { weights: table, maxCells: 50, title: 'ep1 → ip1' };
 */
export interface WeightMatrixOptions extends PanelSize {
  /** Weights [pre × post]: a synapse table (dense or CSR) or a matrix, in the synapse's weight unit. */
  readonly weights: WeightInput;
  /** Most cells per side; larger matrices are shown as the mean of square-ish blocks. Default 100. */
  readonly maxCells?: number;
  /** Colour legend title. Default `weight`. */
  readonly label?: string;
  /** Figure title. */
  readonly title?: string;
}

/**
 * Weight matrix heatmap as a Vega-Lite spec: postsynaptic neuron across, presynaptic neuron down
 * (row 0 at the top, as the matrix reads), one rect per cell (view name `weights`). Signed weights use a diverging
 * red–blue scale centred on 0 (inhibitory red, excitatory blue, as the population colours);
 * one-signed weights use viridis. Matrices wider or taller than `maxCells` are averaged over blocks
 * of `ceil(n / maxCells)` neurons per side (absent synapses count as 0), so the spec holds at most
 * `maxCells²` cells. Default size 300 × 300 px.
 *
 * @example
 * const spec = weightMatrixSpec({ weights: net.connections[0].table, title: 'ep1 → ip1' });
 */
export function weightMatrixSpec(options: WeightMatrixOptions): TopLevelSpec {
  const path = 'weightMatrixSpec';
  const m = weightMatrix(options.weights, `${path}.weights`);
  const maxCells = positiveInteger(options.maxCells ?? 100, `${path}.maxCells`);
  const rowBlock = Math.max(1, Math.ceil(m.rows / maxCells));
  const colBlock = Math.max(1, Math.ceil(m.columns / maxCells));
  const values: Datum[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let r0 = 0; r0 < m.rows; r0 += rowBlock) {
    const r1 = Math.min(m.rows, r0 + rowBlock);
    for (let c0 = 0; c0 < m.columns; c0 += colBlock) {
      const c1 = Math.min(m.columns, c0 + colBlock);
      let sum = 0;
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) sum += m.at(r, c);
      const w = significant(sum / ((r1 - r0) * (c1 - c0)), 6);
      lo = Math.min(lo, w);
      hi = Math.max(hi, w);
      values.push({ pre0: r0, pre1: r1, post0: c0, post1: c1, w });
    }
  }
  const signed = lo < 0 && hi > 0;
  const blocks = rowBlock > 1 || colBlock > 1;
  const label = options.label ?? 'weight';
  return topLevel(
    {
      width: positiveFinite(options.width ?? PANEL.width, `${path}.width`),
      height: positiveFinite(options.height ?? PANEL.width, `${path}.height`),
      name: 'weights',
      data: { values },
      mark: { type: 'rect', aria: false },
      encoding: {
        x: { field: 'post0', type: 'quantitative', title: 'postsynaptic neuron', scale: { domain: [0, m.columns], nice: false, zero: true }, axis: { format: 'd' } },
        x2: { field: 'post1' },
        y: { field: 'pre0', type: 'quantitative', title: 'presynaptic neuron', scale: { domain: [0, m.rows], nice: false, reverse: true }, axis: { format: 'd' } },
        y2: { field: 'pre1' },
        color: {
          field: 'w',
          type: 'quantitative',
          title: blocks ? [`mean ${label}`, `(${rowBlock}×${colBlock} blocks)`] : label,
          scale: signed ? { scheme: 'redblue', domainMid: 0 } : { scheme: 'viridis' },
        },
      },
    },
    options.title,
  );
}
