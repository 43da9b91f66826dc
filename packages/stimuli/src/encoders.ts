import { ConfigError } from '@spikeflow/core';
import { hostRng } from '@spikeflow/core/rng';
import type ndarray from 'ndarray';
import type { SpikeTimesOptions } from './sources/spike-times.js';

/** Values to encode: a flat array, or an ndarray of any shape (an image), read in row-major order. */
export type EncoderInput = ArrayLike<number> | ndarray.NdArray<ndarray.Data<number>>;

/** Options of {@link poissonEncode}. */
export interface PoissonEncodeOptions {
  /** How long the spike trains last, ms (> 0). */
  readonly duration: number;
  /** Time step of the network that will replay them, ms (> 0): at most one spike per step. */
  readonly dt: number;
  /** Rate of a value of 1, Hz (≥ 0): value v fires at v · maxRate. */
  readonly maxRate: number;
  /** Seed of the draws (one seed, one result). */
  readonly seed: number;
}

/** Options of {@link latencyEncode}. */
export interface LatencyEncodeOptions {
  /** The latest spike time, ms (> 0): a value of 1 fires at 0, a value near 0 close to `duration`. */
  readonly duration: number;
  /** Time step of the network, ms (> 0): times are whole steps, so they replay exactly. */
  readonly dt: number;
  /** Values ≤ `threshold` do not fire at all; default 0. */
  readonly threshold?: number;
}

/**
 * Rate (Poisson) coding: input k fires in each step of dt with probability v_k · maxRate · dt,
 * for `duration` ms, drawn from a seeded host stream — the spike trains of a Poisson group with
 * those rates, fixed in advance so they can be replayed, shared or saved. Values must lie in [0, 1];
 * the neuron of input k is k (row-major position in an image).
 *
 * @throws ConfigError for values outside [0, 1], or bad duration, dt, rate or seed.
 * @example
 * const image = ndarray(pixels, [28, 28]); // values in [0, 1]
 * const spikes = poissonEncode(image, { duration: 350, dt: 0.5, maxRate: 63.75, seed: 1 });
 * const input = net.population('input', { model: SpikeSource, size: 784 });
 * net.stimulate(input, spikeTimes(spikes));
 */
export function poissonEncode(values: EncoderInput, options: PoissonEncodeOptions): SpikeTimesOptions {
  const v = flatten(values, 'poissonEncode.values');
  const { duration, dt, maxRate, seed } = options;
  const steps = stepsOf(duration, dt, 'poissonEncode');
  if (!(Number.isFinite(maxRate) && maxRate >= 0)) throw new ConfigError('bad-rate', 'poissonEncode.maxRate', `expected a rate ≥ 0 Hz, got ${maxRate}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ConfigError('bad-seed', 'poissonEncode.seed', `expected a non-negative integer, got ${seed}`);
  const rng = hostRng(seed, 'poissonEncode');
  const times: number[] = [];
  const indices: number[] = [];
  const p = Array.from(v, (x) => (x * maxRate * dt) / 1000);
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < v.length; k++) {
      if (rng.uniform() < p[k]!) {
        times.push(s * dt);
        indices.push(k);
      }
    }
  }
  return { times, indices };
}

/**
 * Time-to-first-spike (latency) coding: input k fires once, at (1 − v_k) · duration rounded down
 * to a whole step, so larger values fire earlier; values ≤ `threshold` stay silent. Values must
 * lie in [0, 1]; the neuron of input k is k (row-major position in an image).
 *
 * @throws ConfigError for values outside [0, 1], or a bad duration or dt.
 * @example
 * latencyEncode([1, 0.5, 0], { duration: 10, dt: 1 }); // { times: [0, 5], indices: [0, 1] }
 */
export function latencyEncode(values: EncoderInput, options: LatencyEncodeOptions): SpikeTimesOptions {
  const v = flatten(values, 'latencyEncode.values');
  const { duration, dt, threshold = 0 } = options;
  const steps = stepsOf(duration, dt, 'latencyEncode');
  const times: number[] = [];
  const indices: number[] = [];
  v.forEach((x, k) => {
    if (x <= threshold) return;
    // The 1e-9 keeps (1 - 0.9) · 10 = 0.99999… from falling a whole step short.
    times.push(Math.min(steps - 1, Math.floor((1 - x) * steps + 1e-9)) * dt);
    indices.push(k);
  });
  return { times, indices };
}

function stepsOf(duration: number, dt: number, path: string): number {
  if (!(Number.isFinite(dt) && dt > 0)) throw new ConfigError('bad-dt', `${path}.dt`, `expected a time step > 0 ms, got ${dt}`);
  if (!(Number.isFinite(duration) && duration > 0)) throw new ConfigError('bad-duration', `${path}.duration`, `expected a duration > 0 ms, got ${duration}`);
  return Math.max(1, Math.round(duration / dt));
}

function flatten(values: EncoderInput, path: string): Float64Array {
  let flat: Float64Array;
  if ('shape' in values) {
    const shape = values.shape;
    flat = new Float64Array(shape.reduce((a, b) => a * b, 1));
    const index = new Array<number>(shape.length).fill(0);
    for (let k = 0; k < flat.length; k++) {
      flat[k] = values.get(...index);
      for (let d = shape.length - 1; d >= 0 && ++index[d]! === shape[d]; d--) index[d] = 0;
    }
  } else flat = Float64Array.from(values);
  flat.forEach((x, k) => {
    if (!(x >= 0 && x <= 1)) throw new ConfigError('bad-value', `${path}[${k}]`, `expected a value in [0, 1], got ${x}`);
  });
  return flat;
}
