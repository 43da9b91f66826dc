import { ConfigError, type StimulusSource } from '@spikeflow/core';
import ndarray from 'ndarray';
import { createRunner, type RunnerOptions, type SourceRunner } from './runner.js';

/** Options of {@link chunks}. */
export interface ChunkOptions extends RunnerOptions {
  /** Rows per chunk (positive whole number). */
  readonly chunkSteps: number;
  /**
   * Total steps; the last chunk is shorter when it does not divide evenly. Default: the array's
   * length for array sources, no end for model sources (stop iterating when done).
   */
  readonly steps?: number;
}

/**
 * A source's current as consecutive [chunkSteps × size] ndarrays (Float64Array, nA), so a long
 * stimulus never needs its whole matrix. Concatenated, the chunks equal `materialize` with the
 * same options, number for number. Options are checked when `chunks` is called; each chunk is a
 * fresh array you may keep.
 *
 * @example
 * for (const block of chunks(randomWalkNoise({}), { size: 100, dt: 1, seed: 1, chunkSteps: 1000, steps: 1_000_000 })) {
 *   // block.shape: [1000, 100]; block.get(k, n) is step (chunk·1000 + k), neuron n
 * }
 */
export function chunks(source: StimulusSource, options: ChunkOptions): IterableIterator<ndarray.NdArray<Float64Array>> {
  const where = `stimulus ${options.name ?? 'materialized'}`;
  const { chunkSteps } = options;
  if (!Number.isInteger(chunkSteps) || chunkSteps <= 0) throw new ConfigError('bad-value', `${where}.chunkSteps`, `expected a positive whole number, got ${String(chunkSteps)}`);
  const runner = createRunner(source, options);
  const total = options.steps ?? runner.steps;
  if (total !== Infinity && (!Number.isInteger(total) || total < 0)) {
    throw new ConfigError('bad-duration', `${where}.steps`, `expected a non-negative whole number of steps, got ${String(total)}`);
  }
  if (total > runner.steps) {
    throw new ConfigError('stimulus-too-short', `${where}.data`, `the array has ${runner.steps} steps; asked for ${total}`);
  }
  return generate(runner, total, chunkSteps);
}

function* generate(runner: SourceRunner, total: number, chunkSteps: number): IterableIterator<ndarray.NdArray<Float64Array>> {
  while (runner.position < total) {
    const rows = Math.min(chunkSteps, total - runner.position);
    const data = new Float64Array(rows * runner.size);
    runner.fill(data, rows);
    yield ndarray(data, [rows, runner.size]);
  }
}
