import type { Sign } from '@spikeflow/core';
import type { Config } from 'vega-lite';

/**
 * Font list of every figure. DejaVu Sans comes first because Debian's `fonts-dejavu-core` is the
 * font most Linux machines have; resvg and browsers take the first family of the list that is
 * installed (resvg falls back to any installed font after that).
 *
 * @example
 * FONT; // 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif'
 */
export const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/**
 * Colours: excitatory populations blue, inhibitory red; populations without a sign take
 * {@link CATEGORY} in order. `ink` is text and axes, `rule` thresholds and reference lines.
 *
 * @example
 * COLORS.excitatory; // '#2f6db5'
 */
export const COLORS = {
  /** Excitatory populations. */
  excitatory: '#2f6db5',
  /** Inhibitory populations. */
  inhibitory: '#c8423b',
  /** Text and axes. */
  ink: '#333333',
  /** Secondary text (subtitles). */
  muted: '#777777',
  /** Grid lines. */
  grid: '#ececec',
  /** Thresholds and reference lines. */
  rule: '#555555',
} as const;

/**
 * Colours of series without a meaning of their own (Tableau 10, colour-blind safer order).
 *
 * @example
 * CATEGORY[0]; // '#4e79a7'
 */
export const CATEGORY: readonly string[] = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * Colour of a population: by its sign when given, else the `index`-th {@link CATEGORY} colour.
 *
 * @example
 * populationColor('inhibitory', 2); // '#c8423b'
 * populationColor(undefined, 1);    // '#f28e2b'
 */
export function populationColor(sign: Sign | undefined, index: number): string {
  if (sign === 'excitatory') return COLORS.excitatory;
  if (sign === 'inhibitory') return COLORS.inhibitory;
  return CATEGORY[index % CATEGORY.length] as string;
}

/**
 * `color` (`#rrggbb`) mixed with black: `amount` 0 keeps it, 1 gives black. Used for lines drawn
 * over a faint band of the same colour.
 *
 * @example
 * darken('#2f6db5', 0.4); // '#1c416d'
 */
export function darken(color: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (m === null) return color;
  const v = parseInt(m[1] as string, 16);
  const channel = (shift: number): string => Math.round(((v >> shift) & 255) * (1 - amount)).toString(16).padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/**
 * Default panel size in pixels (plotting area): 300 × 120.
 *
 * @example
 * const { width, height } = PANEL; // 300, 120
 */
export const PANEL = { width: 300, height: 120 } as const;

/**
 * The Vega-Lite config of every figure: white background (PNG is not transparent), {@link FONT},
 * light grid, no frame around views, quiet axes and bold left-aligned titles.
 *
 * @example
 * const spec = { config: plotConfig(), mark: 'bar' };
 */
export function plotConfig(): Config {
  return {
    background: 'white',
    padding: 12,
    font: FONT,
    view: { stroke: null },
    axis: {
      labelFontSize: 10,
      titleFontSize: 11,
      titleFontWeight: 'normal',
      labelColor: COLORS.ink,
      titleColor: COLORS.ink,
      domainColor: '#999999',
      tickColor: '#999999',
      gridColor: COLORS.grid,
    },
    legend: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', labelColor: COLORS.ink, titleColor: COLORS.ink },
    title: { fontSize: 16, fontWeight: 'bold', color: COLORS.ink, anchor: 'start', subtitleFontSize: 11, subtitleColor: COLORS.muted, offset: 10 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    concat: { spacing: 14 },
  };
}
