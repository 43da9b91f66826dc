/**
 * How a view sits in a grid of panels: stacked panels share the time labels of the bottom one,
 * and a row of panels the value-axis title of the first one. Both default to true (a standalone
 * figure shows everything).
 *
 * @example
 * rasterView(options, { timeAxis: false }); // no time labels or title: a panel above others
 */
export interface ViewLayout {
  /** Show the time axis labels, ticks and title. */
  readonly timeAxis?: boolean;
  /** Show the value axis title (true), hide it (false), or show this text instead. */
  readonly valueTitle?: boolean | string;
}

/**
 * The `axis` of a time encoding under `layout`: nothing to change when shown; without labels,
 * ticks or title (grid and baseline kept, so panels still line up by eye) when hidden.
 *
 * @example
 * timeAxisOf({ timeAxis: false }); // { axis: { labels: false, ticks: false, title: null } }
 */
export function timeAxisOf(layout: ViewLayout): { axis?: { labels: false; ticks: false; title: null } } {
  return layout.timeAxis === false ? { axis: { labels: false, ticks: false, title: null } } : {};
}

/**
 * The value-axis title under `layout`: `title`, null (no title) when hidden, or the text given.
 *
 * @example
 * valueTitleOf({ valueTitle: false }, 'neuron'); // null
 * valueTitleOf({ valueTitle: 'nA' }, 'current (nA)'); // 'nA'
 */
export function valueTitleOf(layout: ViewLayout, title: string): string | null {
  if (layout.valueTitle === false) return null;
  return typeof layout.valueTitle === 'string' ? layout.valueTitle : title;
}
