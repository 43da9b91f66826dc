import { positiveFinite } from './check.js';
import type { SpikeMonitor } from './spike-monitor.js';
import type { StateMonitor } from './state-monitor.js';

/**
 * Options of the CSV writers.
 *
 * @example
 * spikesToCsv(m, { dt: 0.1 } satisfies CsvOptions);
 */
export interface CsvOptions {
  /** Time step in ms, for the `time_ms` column (time = step × dt). */
  readonly dt: number;
}

/** Rows joined per block, so large recordings are not built from one huge array of lines. */
const BLOCK_ROWS = 65_536;

/**
 * Time in ms of `step`, rounded to 12 significant digits so that 3 × 0.1 prints as `0.3`, not
 * `0.30000000000000004`.
 *
 * @example
 * timeMs(3, 0.1); // '0.3'
 */
export function timeMs(step: number, dt: number): string {
  return String(Number((step * dt).toPrecision(12)));
}

/**
 * All recorded spikes as CSV text: header `step,time_ms,neuron`, then one line per spike in
 * recording order, each line ending in `\n`. The whole text is built in memory; for very large
 * recordings, prefer the typed-array views (`steps`, `neurons`).
 *
 * @example
 * spikesToCsv(monitor, { dt: 0.1 });
 * // 'step,time_ms,neuron\n3,0.3,7\n'
 */
export function spikesToCsv(monitor: SpikeMonitor, options: CsvOptions): string {
  const dt = positiveFinite(options.dt, 'spikesToCsv.dt');
  const steps = monitor.steps;
  const neurons = monitor.neurons;
  const blocks = ['step,time_ms,neuron\n'];
  let lines: string[] = [];
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k] as number;
    lines.push(`${s},${timeMs(s, dt)},${neurons[k] as number}\n`);
    if (lines.length === BLOCK_ROWS) {
      blocks.push(lines.join(''));
      lines = [];
    }
  }
  blocks.push(lines.join(''));
  return blocks.join('');
}

/**
 * Recorded states as wide CSV text: header `step,time_ms,<variable>[<neuron>]…` (one column per
 * recorded neuron, in column order), then one line per recorded row, each ending in `\n`. Values
 * print in JavaScript's shortest round-trip form, so they read back exactly.
 *
 * @example
 * stateToCsv(monitor, { dt: 0.5 }); // monitor of v, indices [2, 5]
 * // 'step,time_ms,v[2],v[5]\n0,0,-65,-70.5\n'
 */
export function stateToCsv(monitor: StateMonitor, options: CsvOptions): string {
  const dt = positiveFinite(options.dt, 'stateToCsv.dt');
  const w = monitor.width;
  const columns = monitor.indices ? Array.from(monitor.indices) : Array.from({ length: w }, (_, i) => i);
  const blocks = [`step,time_ms,${columns.map((i) => `${monitor.variable}[${i}]`).join(',')}\n`];
  const times = monitor.times;
  const data = monitor.values().data;
  let lines: string[] = [];
  const row: string[] = new Array<string>(w + 2);
  for (let r = 0; r < times.length; r++) {
    const s = times[r] as number;
    row[0] = String(s);
    row[1] = timeMs(s, dt);
    for (let c = 0; c < w; c++) row[c + 2] = String(data[r * w + c] as number);
    lines.push(`${row.join(',')}\n`);
    if (lines.length === BLOCK_ROWS) {
      blocks.push(lines.join(''));
      lines = [];
    }
  }
  blocks.push(lines.join(''));
  return blocks.join('');
}
