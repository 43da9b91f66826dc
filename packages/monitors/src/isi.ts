import { positiveInteger } from './check.js';
import type { SpikeMonitor } from './spike-monitor.js';

/**
 * Coefficient of variation of inter-spike intervals (std / mean, population standard deviation)
 * computed per neuron and averaged over neurons with at least `minSpikes` spikes (default 3, i.e.
 * at least two intervals). Dimensionless: 0 for a perfectly regular train, about 1 for a Poisson
 * train. NaN when no neuron qualifies. Assumes each neuron's spikes are recorded in step order.
 *
 * @example
 * isiCv(spikes); // e.g. 0.98 for irregular asynchronous firing
 */
export function isiCv(monitor: SpikeMonitor, minSpikes = 3): number {
  positiveInteger(minSpikes, 'isiCv.minSpikes');
  const n = monitor.size;
  const last = new Int32Array(n).fill(-1);
  // Welford running mean and sum of squared deviations of each neuron's intervals.
  const intervals = new Int32Array(n);
  const mean = new Float64Array(n);
  const m2 = new Float64Array(n);
  const seen = new Int32Array(n);
  const steps = monitor.steps;
  const neurons = monitor.neurons;
  for (let k = 0; k < steps.length; k++) {
    const i = neurons[k] as number;
    if (i < 0 || i >= n) continue;
    const s = steps[k] as number;
    seen[i] = (seen[i] as number) + 1;
    const prev = last[i] as number;
    last[i] = s;
    if (prev < 0) continue;
    const isi = s - prev;
    const c = (intervals[i] as number) + 1;
    intervals[i] = c;
    const delta = isi - (mean[i] as number);
    const m = (mean[i] as number) + delta / c;
    mean[i] = m;
    m2[i] = (m2[i] as number) + delta * (isi - m);
  }
  let sum = 0;
  let neuronsUsed = 0;
  for (let i = 0; i < n; i++) {
    const c = intervals[i] as number;
    if ((seen[i] as number) < Math.max(minSpikes, 2) || !((mean[i] as number) > 0)) continue;
    sum += Math.sqrt((m2[i] as number) / c) / (mean[i] as number);
    neuronsUsed++;
  }
  return neuronsUsed === 0 ? Number.NaN : sum / neuronsUsed;
}
