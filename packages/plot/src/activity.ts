import type { TopLevelSpec } from 'vega-lite';
import { nonNegativeInteger, positiveFinite, positiveInteger } from './check.js';
import { timeAxisOf, valueTitleOf, type ViewLayout } from './layout.js';
import { binCounts, spikeCount } from './spikes.js';
import { smoothedRate } from './smooth.js';
import { COLORS, PANEL } from './theme.js';
import { ms, round } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize, SpikeData } from './types.js';
import type { Datum, InnerSpec, UnitSpec } from './vl-types.js';

/**
 * The smoothed population rate drawn over the spike counts of {@link activitySpec}.
 *
 * @example
 * const rate: ActivityRate = { size: 100, sigmaMs: 5 };
 */
export interface ActivityRate {
  /** Neurons in the population (the rate is per neuron). */
  readonly size: number;
  /** Standard deviation of the Gaussian window in ms. Default one bin (`binSteps × dt`). */
  readonly sigmaMs?: number;
  /** Most points of the rate line (sampled evenly from the per-step rate). Default 2000. */
  readonly maxPoints?: number;
}

/**
 * Options of {@link activitySpec}.
 *
 * @example
 * const o: ActivityOptions = { spikes: monitor, dt: 1, binSteps: 100, totalSteps: 1000 };
 */
export interface ActivityOptions extends PanelSize {
  /** Spike events (a `SpikeMonitor` works). */
  readonly spikes: SpikeData;
  /** Time step in ms. */
  readonly dt: number;
  /** Steps per bin. */
  readonly binSteps: number;
  /** Span in steps: `ceil(totalSteps / binSteps)` bins, as `SpikeMonitor.countsPerBin`. */
  readonly totalSteps: number;
  /** `bar` (one bar per bin, from its start to its end in ms; default) or `line` (through bin centres). */
  readonly mark?: 'bar' | 'line';
  /** Also draw the smoothed population rate in Hz, on a right-hand axis. */
  readonly rate?: ActivityRate;
  /** Colour (CSS). Default the excitatory blue. */
  readonly color?: string;
  /** Upper end of the count axis (to share it between panels). Default: the largest count. */
  readonly countMax?: number;
  /** Figure title. */
  readonly title?: string;
  /** Vega-Lite name of the count view; its marks get the SVG class `<name>_marks`. Default `activity`. */
  readonly name?: string;
}

/**
 * The activity view: spikes per bin (and the smoothed rate when asked). Used by
 * {@link activitySpec} and the seed figure; `layout` hides axis parts of stacked panels.
 *
 * @example
 * const view = activityView({ spikes, dt: 1, binSteps: 100, totalSteps: 1000 });
 */
export function activityView(o: ActivityOptions, layout: ViewLayout = {}): InnerSpec {
  const path = 'activitySpec';
  spikeCount(o.spikes, `${path}.spikes`);
  const dt = positiveFinite(o.dt, `${path}.dt`);
  const binSteps = positiveInteger(o.binSteps, `${path}.binSteps`);
  const total = nonNegativeInteger(o.totalSteps, `${path}.totalSteps`);
  const width = positiveFinite(o.width ?? PANEL.width, `${path}.width`);
  const height = positiveFinite(o.height ?? PANEL.height, `${path}.height`);
  const color = o.color ?? COLORS.excitatory;
  const counts = binCounts(o.spikes, binSteps, total);
  const values: Datum[] = Array.from(counts, (count, b) => {
    const t0 = ms(b * binSteps, dt);
    const t1 = ms(Math.min((b + 1) * binSteps, total), dt);
    return { t0, t1, tc: round((t0 + t1) / 2, 9), count };
  });
  const binMs = ms(binSteps, dt);
  const xDomain = [0, ms(total, dt)];
  const countTitle = valueTitleOf(layout, `spikes / ${binMs} ms`);
  const countScale = o.countMax === undefined ? {} : { scale: { domain: [0, positiveFinite(o.countMax, `${path}.countMax`)], nice: true } };
  const countView: UnitSpec =
    o.mark === 'line'
      ? {
          name: o.name ?? 'activity',
          data: { values },
          mark: { type: 'line', color, strokeWidth: 1.5 },
          encoding: {
            x: { field: 'tc', type: 'quantitative', title: 'time (ms)', scale: { domain: xDomain, nice: false }, ...timeAxisOf(layout) },
            y: { field: 'count', type: 'quantitative', title: countTitle, ...countScale },
          },
        }
      : {
          name: o.name ?? 'activity',
          data: { values },
          mark: { type: 'bar', color, opacity: 0.85, stroke: 'white', strokeWidth: 0.5 },
          encoding: {
            x: { field: 't0', type: 'quantitative', title: 'time (ms)', scale: { domain: xDomain, nice: false }, ...timeAxisOf(layout) },
            x2: { field: 't1' },
            y: { field: 'count', type: 'quantitative', title: countTitle, ...countScale },
            y2: { datum: 0 },
            tooltip: [{ field: 't0', title: 'from (ms)' }, { field: 't1', title: 'to (ms)' }, { field: 'count', title: 'spikes' }],
          },
        };
  if (o.rate === undefined) return { width, height, layer: [countView] };
  const size = positiveInteger(o.rate.size, `${path}.rate.size`);
  const sigmaMs = o.rate.sigmaMs === undefined ? binMs : positiveFinite(o.rate.sigmaMs, `${path}.rate.sigmaMs`);
  const maxPoints = positiveInteger(o.rate.maxPoints ?? 2000, `${path}.rate.maxPoints`);
  const rate = smoothedRate(o.spikes, size, dt, total, sigmaMs);
  const stride = Math.max(1, Math.ceil(total / maxPoints));
  const rateValues: Datum[] = [];
  for (let s = 0; s < total; s += stride) rateValues.push({ t: ms(s, dt), rate: round(rate[s] as number, 6) });
  const rateView: UnitSpec = {
    name: `${o.name ?? 'activity'}_rate`,
    data: { values: rateValues },
    mark: { type: 'line', color: COLORS.ink, strokeWidth: 1.5 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (ms)', scale: { domain: xDomain, nice: false }, ...timeAxisOf(layout) },
      y: { field: 'rate', type: 'quantitative', title: valueTitleOf(layout, 'rate (Hz)'), axis: { orient: 'right' } },
    },
  };
  return { width, height, layer: [countView, rateView], resolve: { scale: { y: 'independent' } } };
}

/**
 * Population activity as a Vega-Lite spec: spikes per bin of `binSteps` steps over
 * `[0, totalSteps × dt]` ms (bars from each bin's start to its end, or a line), optionally with the
 * Gaussian-smoothed population rate in Hz on a second axis. One bar per bin, empty bins included.
 *
 * @example
 * // 10 ms bins over 1 s at dt = 0.1 ms, with the rate smoothed over 5 ms
 * const spec = activitySpec({ spikes: monitor, dt: 0.1, binSteps: 100, totalSteps: 10_000, rate: { size: 100, sigmaMs: 5 } });
 */
export function activitySpec(options: ActivityOptions): TopLevelSpec {
  return topLevel(activityView(options), options.title);
}
