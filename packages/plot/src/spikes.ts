import { ConfigError } from '@spikeflow/core';
import type { SpikeData } from './types.js';

/**
 * Number of spikes in `spikes`, after checking that `steps` and `neurons` are parallel. Throws a
 * `ConfigError` ('bad-shape') naming `path` otherwise.
 *
 * @example
 * spikeCount({ steps: [1, 2], neurons: [0, 0] }, 'rasterSpec.spikes'); // 2
 */
export function spikeCount(spikes: SpikeData, path: string): number {
  if (spikes === null || typeof spikes !== 'object' || spikes.steps === undefined || spikes.neurons === undefined) {
    throw new ConfigError('bad-option', path, 'expected spike events { steps, neurons } (a SpikeMonitor works)');
  }
  if (spikes.steps.length !== spikes.neurons.length) {
    throw new ConfigError('bad-shape', path, `${spikes.steps.length} steps but ${spikes.neurons.length} neurons`);
  }
  return spikes.steps.length;
}

/**
 * Spikes per bin of `binSteps` steps over steps `[0, totalSteps)`, as `SpikeMonitor.countsPerBin`
 * counts them: `ceil(totalSteps / binSteps)` bins, bin b covering steps `[b·binSteps,
 * (b+1)·binSteps)` (the last one shorter when `binSteps` does not divide `totalSteps`); spikes
 * outside the span are left out.
 *
 * @example
 * binCounts({ steps: [0, 5, 12], neurons: [0, 1, 0] }, 10, 20); // Int32Array [2, 1]
 */
export function binCounts(spikes: SpikeData, binSteps: number, totalSteps: number): Int32Array {
  const counts = new Int32Array(Math.ceil(totalSteps / binSteps));
  const steps = spikes.steps;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k] as number;
    if (s < 0 || s >= totalSteps) continue;
    const b = Math.floor(s / binSteps);
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}

/**
 * Last step with a spike + 1 (0 without spikes): the default span of a raster.
 *
 * @example
 * observedSteps({ steps: [4, 9], neurons: [0, 1] }); // 10
 */
export function observedSteps(spikes: SpikeData): number {
  let last = -1;
  const steps = spikes.steps;
  for (let k = 0; k < steps.length; k++) if ((steps[k] as number) > last) last = steps[k] as number;
  return last + 1;
}
