import type { SpikeData } from './types.js';

/**
 * Population rate in Hz at every step `0 … totalSteps-1`, smoothed with a Gaussian window of
 * standard deviation `sigmaMs` (cut at ±3σ, renormalised near the ends so the first and last ms
 * are not pulled towards 0): spikes per step / (size × dt × 1e-3), then smoothed — Brian2's
 * `PopulationRateMonitor.smooth_rate(window='gaussian')`.
 *
 * @param spikes spike events; steps outside `[0, totalSteps)` are left out
 * @param size neurons in the population
 * @param dt time step in ms
 * @param totalSteps span in steps
 * @param sigmaMs standard deviation of the window in ms (0: no smoothing)
 *
 * @example
 * // 100 neurons, dt = 0.1 ms, 1 s, 5 ms window
 * smoothedRate(monitor, 100, 0.1, 10_000, 5); // Float64Array(10000), Hz
 */
export function smoothedRate(spikes: SpikeData, size: number, dt: number, totalSteps: number, sigmaMs: number): Float64Array {
  const perStep = new Float64Array(totalSteps);
  const steps = spikes.steps;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k] as number;
    if (s >= 0 && s < totalSteps) perStep[s] = (perStep[s] as number) + 1;
  }
  const toHz = 1 / (size * dt * 1e-3);
  const sigma = sigmaMs / dt; // in steps
  const half = Math.ceil(3 * sigma);
  if (half === 0) return perStep.map((c) => c * toHz);
  const kernel = Float64Array.from({ length: 2 * half + 1 }, (_, j) => Math.exp(-0.5 * ((j - half) / sigma) ** 2));
  const out = new Float64Array(totalSteps);
  for (let s = 0; s < totalSteps; s++) {
    let sum = 0;
    let mass = 0;
    const from = Math.max(0, s - half);
    const to = Math.min(totalSteps - 1, s + half);
    for (let u = from; u <= to; u++) {
      const w = kernel[u - s + half] as number;
      sum += w * (perStep[u] as number);
      mass += w;
    }
    out[s] = (sum / mass) * toHz;
  }
  return out;
}
