import { ConfigError } from '@spikeflow/core';
import type { DenseTable } from '@spikeflow/core/backend';

/**
 * Allocates the zeroed weight array of a dense [nPre × nPost] table (8 bytes per pair), turning
 * an impossible allocation into a `ConfigError` that suggests a sparse connector.
 *
 * @example
 * const w = allocateDense(100, 100, 'connection a->b.connector'); // Float64Array(10000)
 */
export function allocateDense(nPre: number, nPost: number, path: string): Float64Array {
  const pairs = nPre * nPost;
  try {
    return new Float64Array(pairs);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const gib = (pairs * 8) / 2 ** 30;
    throw new ConfigError(
      'too-large',
      path,
      `a dense ${nPre} × ${nPost} table (${gib.toFixed(1)} GiB of float64 weights) cannot be allocated; use a sparse connector such as fixedProbabilityConnect`,
    );
  }
}

/**
 * Sums a dense row-major [nPre × nPost] array over the presynaptic axis: one sum per
 * postsynaptic neuron (the seed's `Σ_pre c`).
 *
 * @example
 * columnSums(Float64Array.of(1, 2, 3, 4), 2, 2); // Float64Array [4, 6]
 */
export function columnSums(values: Float64Array, nPre: number, nPost: number): Float64Array {
  const sums = new Float64Array(nPost);
  for (let i = 0; i < nPre; i++) {
    const row = i * nPost;
    for (let j = 0; j < nPost; j++) sums[j] = (sums[j] as number) + (values[row + j] as number);
  }
  return sums;
}

/**
 * Wraps a weight array into a `DenseTable`.
 *
 * @example
 * denseTable(2, 3, new Float64Array(6)); // { format: 'dense', nPre: 2, nPost: 3, weights }
 */
export function denseTable(nPre: number, nPost: number, weights: Float64Array): DenseTable {
  return { format: 'dense', nPre, nPost, weights };
}
