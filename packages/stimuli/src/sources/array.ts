import { ConfigError, type StimulusSource } from '@spikeflow/core';
import type ndarray from 'ndarray';

/**
 * A source given as numbers: [steps × size], row-major (`data[step*size + neuron]`), nA — the
 * array variant of `StimulusSource`, with the values already checked and copied.
 *
 * @example
 * const src: ArraySource = arrayCurrent({ data: [1, 2, 3, 4], steps: 2, size: 2 });
 * src.data; // Float64Array [1, 2, 3, 4]
 */
export type ArraySource = Extract<
  StimulusSource,
  {
    /** Picks the array variant of `StimulusSource`. */
    kind: 'array';
  }
> & {
  /** The checked copy: `steps × size` finite values in nA, row-major. */
  readonly data: Float64Array;
};

/**
 * A plain row-major matrix: `data[step*size + neuron]`, nA.
 *
 * @example
 * const I: RowMajorCurrent = { data: [0, 1, 0, 1], steps: 2, size: 2 }; // neuron 1 gets 1 nA
 */
export interface RowMajorCurrent {
  /** `steps × size` values in nA, row-major; each must be finite. */
  readonly data: ArrayLike<number>;
  /** Number of rows (steps), a positive integer: the longest run (from step 0) the current covers. */
  readonly steps: number;
  /** Number of columns (neurons), a positive integer equal to the stimulated population's size. */
  readonly size: number;
}

/**
 * A user-supplied current, one row per step and one column per neuron, in nA — e.g. a matrix
 * from `materialize`, edited by hand as the seed did. Accepts a 2-d ndarray of shape
 * [steps × size] (any strides, e.g. a transposed view) or `{ data, steps, size }` row-major.
 * The values are copied into a Float64Array. A run longer than `steps` is an error.
 *
 * Throws `ConfigError` (path `arrayCurrent.data` unless `path` is given) for a wrong shape, and
 * for NaN or ±Infinity naming the step and neuron.
 *
 * @example
 * const I = materialize(incrementalStepNoise({ I_value: 20, scale: 100, gap: 6 }), { steps: 1000, size: 100, dt: 1, seed: 1 });
 * for (let s = 500; s < 1000; s++) for (let n = 0; n < 100; n++) I.set(s, n, I.get(s, n) + 20);
 * net.stimulate(ep2, arrayCurrent(I));
 * arrayCurrent({ data: new Float64Array(1000 * 100), steps: 1000, size: 100 }); // zeros
 */
export function arrayCurrent(data: ndarray.NdArray<ndarray.Data<number>> | RowMajorCurrent, path = 'arrayCurrent.data'): ArraySource {
  if (data === null || typeof data !== 'object') throw new ConfigError('bad-value', path, 'expected a 2-d ndarray [steps × size] or { data, steps, size }');
  if ('shape' in data) {
    const shape = data.shape;
    if (shape.length !== 2) throw new ConfigError('shape-mismatch', path, `expected a 2-d ndarray [steps × size], got shape [${shape.join(' × ')}]`);
    const [steps, size] = shape as [number, number];
    checkDims(steps, size, path);
    const out = new Float64Array(steps * size);
    for (let s = 0; s < steps; s++) {
      for (let n = 0; n < size; n++) out[s * size + n] = checkValue(data.get(s, n), s, n, path);
    }
    return { kind: 'array', data: out, steps, size };
  }
  const { steps, size } = data;
  checkDims(steps, size, path);
  const src = data.data;
  if (src === null || typeof src !== 'object' || typeof src.length !== 'number') {
    throw new ConfigError('bad-value', path, `expected an array of ${steps} × ${size} numbers`);
  }
  if (src.length !== steps * size) {
    throw new ConfigError('shape-mismatch', path, `expected ${steps} × ${size} = ${steps * size} values (steps × size, row-major), got ${src.length}`);
  }
  const out = new Float64Array(steps * size);
  for (let k = 0; k < out.length; k++) out[k] = checkValue(src[k] as number, Math.floor(k / size), k % size, path);
  return { kind: 'array', data: out, steps, size };
}

function checkDims(steps: number, size: number, path: string): void {
  if (!Number.isInteger(steps) || steps <= 0) throw new ConfigError('shape-mismatch', path, `expected a positive whole number of steps (rows), got ${String(steps)}`);
  if (!Number.isInteger(size) || size <= 0) throw new ConfigError('shape-mismatch', path, `expected a positive whole number of neurons (columns), got ${String(size)}`);
}

function checkValue(v: number, step: number, neuron: number, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ConfigError('not-finite', path, `value at step ${step}, neuron ${neuron} is ${String(v)}; expected a finite current (nA)`);
  }
  return v;
}
