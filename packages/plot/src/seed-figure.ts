import type { Sign } from '@spikeflow/core';
import { ConfigError } from '@spikeflow/core';
import type { TopLevelSpec } from 'vega-lite';
import { activityView } from './activity.js';
import { nonNegativeInteger, positiveFinite, positiveInteger } from './check.js';
import { currentView } from './current.js';
import { readState } from './matrix.js';
import { rasterView } from './raster.js';
import { binCounts, spikeCount } from './spikes.js';
import { populationColor } from './theme.js';
import { ms } from './time.js';
import { topLevel } from './top-level.js';
import type { SpikeData, StateInput } from './types.js';
import type { InnerSpec } from './vl-types.js';

/**
 * One population (one column) of the seed figure.
 *
 * @example
 * const p: SeedPopulation = { name: 'ep1', size: 100, sign: 'excitatory', spikes: ep1Spikes, current: { values: i1.values(), steps: i1.times } };
 */
export interface SeedPopulation {
  /** Column title. */
  readonly name: string;
  /** Neurons in the population (raster rows). */
  readonly size: number;
  /** Spike events (a `SpikeMonitor` works). */
  readonly spikes: SpikeData;
  /** Recorded input current in nA [rows × neurons]; without it the column has no current panel. */
  readonly current?: StateInput;
  /** Colours the column: excitatory blue, inhibitory red. Without it, populations take distinct colours. */
  readonly sign?: Sign;
}

/**
 * Options of {@link seedFigureSpec}.
 *
 * @example
 * const o: SeedFigureOptions = { title: 'one-strong-current', dt: 1, binSteps: 100, totalSteps: 1000, populations };
 */
export interface SeedFigureOptions {
  /** Figure title, usually the scenario name. */
  readonly title: string;
  /** Time step in ms. */
  readonly dt: number;
  /** The columns of the figure, left to right: one population each. */
  readonly populations: readonly SeedPopulation[];
  /** Steps per activity bin. */
  readonly binSteps: number;
  /** Span in steps (the shared time axis runs over `[0, totalSteps × dt]` ms). */
  readonly totalSteps: number;
  /** Plot width of every panel in px. Default 300. */
  readonly panelWidth?: number;
  /** Plot heights of the activity, raster and current rows in px. Default 70, 120, 90 (short axis titles fit them). */
  readonly panelHeights?: {
    /** Height of the activity (spikes per bin) row, px. */
    readonly activity?: number;
    /** Height of the raster row, px. */
    readonly raster?: number;
    /** Height of the input-current row, px. */
    readonly current?: number;
  };
  /** Most points per current line (min/max decimation). Default 600 (two per pixel of a 300 px panel). */
  readonly maxPoints?: number;
  /** Most neurons drawn as faint current lines per population. Default 40. */
  readonly maxNeurons?: number;
  /** Subtitle. Default: dt, duration and bin width. */
  readonly subtitle?: string;
}

/**
 * Smallest and largest value over every current, padded by 4 % (the shared current axis, nA);
 * undefined without values.
 *
 * @example
 * currentRange([{ data: Float64Array.of(1, 5), shape: [2, 1] }]); // [0.84, 5.16]
 */
function currentRange(inputs: readonly StateInput[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  inputs.forEach((input, i) => {
    const { matrix } = readState(input, `seedFigureSpec.populations[${i}].current`);
    for (let r = 0; r < matrix.rows; r++) {
      for (let c = 0; c < matrix.columns; c++) {
        const v = matrix.at(r, c);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  });
  if (!(lo <= hi)) return undefined;
  const pad = hi > lo ? 0.04 * (hi - lo) : 1;
  return [lo - pad, hi + pad];
}

/**
 * The seed report's figure as a Vega-Lite spec: one column per population (titled with its name,
 * size and sign), rows activity (spikes per bin, one count axis shared by all columns), raster
 * (neuron against time) and input current (neurons faint, mean bold, one current axis shared by
 * all columns); every panel has the same time axis `[0, totalSteps × dt]` ms, labelled once at the
 * bottom of each column. Colours follow the sign. Panel views are named `activity_<i>`,
 * `raster_<i>` and `current_<i>` for population i (their SVG mark groups get `<name>_marks`).
 *
 * @example
 * const spec = seedFigureSpec({
 *   title: 'one-strong-current', dt: 1, binSteps: 100, totalSteps: 1000,
 *   populations: [
 *     { name: 'ep1', size: 100, sign: 'excitatory', spikes: ep1, current: { values: i1.values(), steps: i1.times } },
 *     { name: 'ep2', size: 100, sign: 'excitatory', spikes: ep2 },
 *     { name: 'ip1', size: 100, sign: 'inhibitory', spikes: ip1 },
 *   ],
 * });
 * await writeFile('seed.png', await renderPng(spec));
 */
export function seedFigureSpec(options: SeedFigureOptions): TopLevelSpec {
  const path = 'seedFigureSpec';
  const dt = positiveFinite(options.dt, `${path}.dt`);
  const binSteps = positiveInteger(options.binSteps, `${path}.binSteps`);
  const totalSteps = nonNegativeInteger(options.totalSteps, `${path}.totalSteps`);
  const width = positiveFinite(options.panelWidth ?? 300, `${path}.panelWidth`);
  const heights = {
    activity: positiveFinite(options.panelHeights?.activity ?? 70, `${path}.panelHeights.activity`),
    raster: positiveFinite(options.panelHeights?.raster ?? 120, `${path}.panelHeights.raster`),
    current: positiveFinite(options.panelHeights?.current ?? 90, `${path}.panelHeights.current`),
  };
  const pops = options.populations;
  if (pops.length === 0) throw new ConfigError('bad-option', `${path}.populations`, 'expected at least one population');
  let countMax = 1;
  pops.forEach((p, i) => {
    spikeCount(p.spikes, `${path}.populations[${i}].spikes`);
    for (const c of binCounts(p.spikes, binSteps, totalSteps)) countMax = Math.max(countMax, c);
  });
  const currents = pops.flatMap((p) => (p.current === undefined ? [] : [p.current]));
  const domain = currentRange(currents);

  const columns: InnerSpec[] = pops.map((p, i) => {
    const color = populationColor(p.sign, i);
    const size = positiveInteger(p.size, `${path}.populations[${i}].size`);
    const first = i === 0;
    const subtitle = `${size} neurons${p.sign === undefined ? '' : `, ${p.sign}`}`;
    const title = { text: p.name, subtitle, anchor: 'middle', frame: 'group', fontSize: 13, color, subtitleColor: '#777777', subtitleFontSize: 10, offset: 6 };
    const activity = activityView(
      { spikes: p.spikes, dt, binSteps, totalSteps, color, countMax, width, height: heights.activity, name: `activity_${i}` },
      { timeAxis: false, valueTitle: first && 'spikes' },
    );
    const panels: InnerSpec[] = [
      { ...activity, title } as InnerSpec, // the column title sits on its top panel, centred over the plot
      rasterView({ spikes: p.spikes, dt, size, totalSteps, color, width, height: heights.raster, name: `raster_${i}` }, { timeAxis: p.current === undefined, valueTitle: first && 'neuron' }),
    ];
    if (p.current !== undefined) {
      panels.push(
        currentView(
          { current: p.current, dt, totalSteps, color, width, height: heights.current, name: `current_${i}`, maxPoints: options.maxPoints ?? 600, maxNeurons: options.maxNeurons ?? 40, ...(domain ? { domain } : {}) },
          { valueTitle: first && 'I (nA)' },
        ),
      );
    }
    return { spacing: 8, bounds: 'flush', vconcat: panels } as InnerSpec;
  });
  const parts = [`dt = ${dt} ms`, `${ms(totalSteps, dt)} ms (${totalSteps} steps)`, `spikes per ${ms(binSteps, dt)} ms bin`];
  if (currents.length > 0) parts.push('input current I: each neuron faint, mean bold');
  const subtitle = options.subtitle ?? parts.join(' · ');
  return topLevel({ hconcat: columns, spacing: 18 } as InnerSpec, options.title, subtitle);
}
