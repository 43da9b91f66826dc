import { ConfigError, type StimulusSource } from '@spikeflow/core';
import ndarray from 'ndarray';
import { createRunner, type RunnerOptions } from './runner.js';

/** Options of {@link materialize}: the run length plus where the source is evaluated. */
export interface MaterializeOptions extends RunnerOptions {
  /** Number of steps (rows). */
  readonly steps: number;
}

/**
 * The whole current of a source as a [steps × size] ndarray (Float64Array, row-major), in nA —
 * the same numbers the CPU backend feeds the population for the same seed and stream (see
 * {@link createRunner} for the contract). Look at it, edit it as the seed did, and give it back
 * to a network with `arrayCurrent`. For long runs prefer {@link chunks}.
 *
 * Which stream: the source's own `stream`, else `options.stream`, else `options.name`. To match
 * an unnamed source in a network, pass the stimulus name the network gave it.
 *
 * @example
 * const I = materialize(stepNoise({ I_value: 20 }), { steps: 1000, size: 100, dt: 1, seed: 1 });
 * I.shape;        // [1000, 100]
 * I.get(0, 3);    // current of neuron 3 at step 0, nA
 */
export function materialize(source: StimulusSource, options: MaterializeOptions): ndarray.NdArray<Float64Array> {
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new ConfigError('bad-duration', `stimulus ${options.name ?? 'materialized'}.steps`, `expected a non-negative whole number of steps, got ${String(steps)}`);
  }
  const runner = createRunner(source, options);
  const data = new Float64Array(steps * runner.size);
  runner.fill(data, steps);
  return ndarray(data, [steps, runner.size]);
}
