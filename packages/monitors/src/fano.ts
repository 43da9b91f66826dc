import { nonNegativeInteger, positiveInteger } from './check.js';
import type { SpikeMonitor } from './spike-monitor.js';

/**
 * Fano factor of spike counts (variance / mean over windows of `binSteps` steps), per neuron and
 * averaged over neurons that spiked in the counted windows. Only the `floor(totalSteps /
 * binSteps)` full windows count. Dimensionless: 0 for a regular train counted in windows of its
 * period, about 1 for a Poisson train. NaN with fewer than 2 windows or no spiking neuron.
 * Assumes spikes are recorded in step order.
 *
 * @param binSteps window in steps
 * @param totalSteps span in steps; default `monitor.observedSteps`
 *
 * @example
 * // dt = 0.1 ms: 100 ms windows
 * fanoFactor(spikes, 1000); // e.g. 1.1
 */
export function fanoFactor(monitor: SpikeMonitor, binSteps: number, totalSteps: number = monitor.observedSteps): number {
  positiveInteger(binSteps, 'fanoFactor.binSteps');
  nonNegativeInteger(totalSteps, 'fanoFactor.totalSteps');
  const bins = Math.floor(totalSteps / binSteps);
  if (bins < 2) return Number.NaN;
  const end = bins * binSteps;
  const n = monitor.size;
  // Per neuron: the open window and its count; totals of counts and squared counts (empty windows add 0).
  const bin = new Int32Array(n).fill(-1);
  const open = new Int32Array(n);
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const steps = monitor.steps;
  const neurons = monitor.neurons;
  for (let k = 0; k < steps.length; k++) {
    const i = neurons[k] as number;
    const s = steps[k] as number;
    if (i < 0 || i >= n || s < 0 || s >= end) continue;
    const b = Math.floor(s / binSteps);
    if (b !== bin[i]) {
      const c = open[i] as number;
      sumSq[i] = (sumSq[i] as number) + c * c;
      bin[i] = b;
      open[i] = 0;
    }
    open[i] = (open[i] as number) + 1;
    sum[i] = (sum[i] as number) + 1;
  }
  let total = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const c = open[i] as number;
    const sq = (sumSq[i] as number) + c * c;
    const mean = (sum[i] as number) / bins;
    if (!(mean > 0)) continue;
    total += (sq / bins - mean * mean) / mean;
    used++;
  }
  return used === 0 ? Number.NaN : total / used;
}
