// The synapses guide's figure: the synaptic current and v of passive targets, one column per panel.
import type { StateMonitor } from '@spikeflow/monitors';
import { CATEGORY, COLORS, plotConfig, type renderSvg } from '@spikeflow/plot';

/** A Vega-Lite spec, as `renderSvg` takes it. */
export type Spec = Parameters<typeof renderSvg>[0];

/** One recorded target neuron: its current and v monitors, the column it is drawn in, its line's name. */
export interface Trace {
  readonly panel: string;
  readonly line: string;
  readonly I: StateMonitor;
  readonly v: StateMonitor;
  readonly neuron: number;
}

/**
 * A Vega-Lite figure: the synaptic current (top row) and membrane potential (bottom row) of each
 * trace against time, one column per panel, a colour per line; `spikes` (ms) are drawn as dashed
 * rules (the presynaptic spikes).
 */
export function responseSpec(traces: readonly Trace[], o: { dt: number; title: string; spikes?: readonly number[] }): Spec {
  const panels = [...new Set(traces.map((t) => t.panel))];
  const lines = [...new Set(traces.map((t) => t.line))];
  const rows: Record<string, string | number>[] = traces.flatMap((t) => {
    const I = t.I.column(t.neuron);
    const v = t.v.column(t.neuron);
    return Array.from(t.I.times, (step, k) => ({ kind: 'trace', panel: t.panel, line: t.line, t: +(step * o.dt).toFixed(6), I: +I[k]!.toPrecision(5), v: +v[k]!.toPrecision(5) }));
  });
  for (const panel of panels) for (const t of o.spikes ?? []) rows.push({ kind: 'spike', panel, t });
  const width = Math.min(440, Math.floor(600 / panels.length) - 20);
  const color = { field: 'line', type: 'nominal', title: null, sort: lines, scale: { domain: lines, range: CATEGORY.slice(0, lines.length) }, legend: { orient: 'top', labelLimit: 400 } };
  const row = (field: 'I' | 'v', title: string, bottom: boolean) => {
    const x = { field: 't', type: 'quantitative', title: bottom ? 'time (ms)' : null };
    const line = { transform: [{ filter: "datum.kind === 'trace'" }], mark: { type: 'line', strokeWidth: 1.4 }, encoding: { x, y: { field, type: 'quantitative', title, scale: { zero: false } }, color } };
    const rules = { transform: [{ filter: "datum.kind === 'spike'" }], mark: { type: 'rule', color: COLORS.muted, strokeDash: [3, 3], strokeWidth: 0.8 }, encoding: { x } };
    return {
      data: { values: rows },
      facet: { column: { field: 'panel', title: null, sort: panels, header: bottom ? { labels: false } : {} } },
      spec: { width, height: 100, layer: o.spikes?.length ? [line, rules] : [line] },
    };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: plotConfig(),
    title: { text: o.title },
    vconcat: [row('I', 'synaptic current (nA)', false), row('v', 'v (mV)', true)],
    resolve: { scale: { color: 'shared' } },
  } as Spec;
}
