import type { TopLevelSpec } from 'vega-lite';
import { ConfigError } from '@spikeflow/core';
import { positiveFinite } from './check.js';
import { CATEGORY, PANEL } from './theme.js';
import { significant } from './time.js';
import { topLevel } from './top-level.js';
import type { PanelSize } from './types.js';
import type { Datum } from './vl-types.js';

/**
 * One f–I curve: firing rate (Hz) at each input current (nA).
 *
 * @example
 * const c: FiCurve = { name: 'LIF', current: [0, 10, 20], rate: [0, 12, 40] };
 */
export interface FiCurve {
  /** Legend label. Default `curve <index>`. */
  readonly name?: string;
  /** Input currents in nA. */
  readonly current: ArrayLike<number>;
  /** Firing rate in Hz at each current, parallel to `current`. */
  readonly rate: ArrayLike<number>;
}

/**
 * Options of {@link fiCurveSpec}.
 *
 * @example
 * const o: FiCurveOptions = { curves: [{ current: [0, 10, 20], rate: [0, 12, 40] }] };
 */
export interface FiCurveOptions extends PanelSize {
  /** One curve per model or parameter set, each a line with points. */
  readonly curves: readonly FiCurve[];
  /** Figure title. */
  readonly title?: string;
  /** Title of the x axis, for drives that are not currents in nA. Default `input current (nA)`. */
  readonly xTitle?: string;
}

/**
 * Frequency–current curves as a Vega-Lite spec: rate in Hz against input current in nA, a line
 * with a point per measured current for each curve (views `fi_lines`, `fi_points`), coloured by
 * curve (legend only for several).
 * Default size 300 × 220 px.
 *
 * @example
 * const spec = fiCurveSpec({ curves: [{ name: 'LIF', current: [0, 10, 20, 30], rate: [0, 0, 25, 48] }], title: 'f–I curve' });
 */
export function fiCurveSpec(options: FiCurveOptions): TopLevelSpec {
  const path = 'fiCurveSpec';
  const names: string[] = [];
  const values: Datum[] = [];
  options.curves.forEach((curve, i) => {
    if (curve.current.length !== curve.rate.length) {
      throw new ConfigError('bad-shape', `${path}.curves[${i}]`, `${curve.current.length} currents but ${curve.rate.length} rates`);
    }
    const name = curve.name ?? `curve ${i}`;
    names.push(name);
    for (let k = 0; k < curve.current.length; k++) {
      values.push({ curve: name, I: significant(curve.current[k] as number, 8), rate: significant(curve.rate[k] as number, 8) });
    }
  });
  const color = {
    field: 'curve',
    type: 'nominal',
    title: null,
    sort: null,
    scale: { domain: names, range: names.map((_, i) => CATEGORY[i % CATEGORY.length] as string) },
    ...(names.length > 1 ? { legend: { symbolType: 'circle', symbolSize: 40 } } : { legend: null }),
  } as const;
  return topLevel(
    {
      width: positiveFinite(options.width ?? PANEL.width, `${path}.width`),
      height: positiveFinite(options.height ?? 220, `${path}.height`),
      data: { values },
      encoding: {
        x: { field: 'I', type: 'quantitative', title: options.xTitle ?? 'input current (nA)' },
        y: { field: 'rate', type: 'quantitative', title: 'firing rate (Hz)' },
        color,
      },
      layer: [
        { name: 'fi_lines', mark: { type: 'line', strokeWidth: 1.5 } },
        { name: 'fi_points', mark: { type: 'point', filled: true, size: 30, opacity: 1 } },
      ],
    },
    options.title,
  );
}
