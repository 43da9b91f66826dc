import { positiveFinite, positiveInteger } from './check.js';
import type { SpikeMonitor } from './spike-monitor.js';

/**
 * Population firing rate in Hz per bin, like Brian2's `PopulationRateMonitor` smoothed over
 * `binSteps`: spikes in the bin / (size × bin width in s). Bins as in
 * `SpikeMonitor.countsPerBin`: `ceil(totalSteps / binSteps)` bins, the last one divided by its own
 * (possibly shorter) width.
 *
 * @param monitor spikes of the population
 * @param size neurons in the population (usually `monitor.size`)
 * @param binSteps steps per bin (positive integer)
 * @param dt time step in ms
 * @param totalSteps span in steps; default `monitor.observedSteps`
 *
 * @example
 * // 100 neurons, dt = 0.1 ms, 10 ms bins
 * populationRate(spikes, 100, 100, 0.1); // Float64Array, Hz
 */
export function populationRate(monitor: SpikeMonitor, size: number, binSteps: number, dt: number, totalSteps: number = monitor.observedSteps): Float64Array {
  positiveInteger(size, 'populationRate.size');
  positiveFinite(dt, 'populationRate.dt');
  const counts = monitor.countsPerBin(binSteps, totalSteps);
  const out = new Float64Array(counts.length);
  for (let b = 0; b < counts.length; b++) {
    const width = Math.min(binSteps, totalSteps - b * binSteps);
    out[b] = (counts[b] as number) / (size * width * dt * 1e-3);
  }
  return out;
}
