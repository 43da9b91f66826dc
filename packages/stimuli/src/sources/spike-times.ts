import { ConfigError, type StimulusSource } from '@spikeflow/core';

/** Given spikes: times in ms, each with its neuron, optionally repeating. */
export interface SpikeTimesOptions {
  /** Spike times in ms, ≥ 0 (rounded to the nearest step when the network is built). */
  readonly times: ArrayLike<number>;
  /** The neuron of each spike, in the same order as `times`. */
  readonly indices: ArrayLike<number>;
  /** Repeat the whole pattern every `period` ms (a whole number of steps, later than every time). */
  readonly period?: number;
}

/** The events variant of `StimulusSource`, with its arrays copied. */
export type SpikeTimesSource = Extract<
  StimulusSource,
  {
    /** Picks the events variant of `StimulusSource`. */
    kind: 'events';
  }
>;

/**
 * Given spike times for a `SpikeSource` population (Brian2's `SpikeGeneratorGroup`): neuron
 * `indices[k]` spikes at `times[k]`. Times are rounded to the nearest step of the network's dt;
 * a neuron with two spikes in one step is an error when the network is built, as in Brian2.
 * The arrays are copied.
 *
 * @throws ConfigError (path `spikeTimes.times` or `.indices`, or `path`) for arrays of different
 * lengths, a time that is negative or not finite, or an index that is not a whole number ≥ 0.
 * @example
 * const input = net.population('input', { model: SpikeSource, size: 2 });
 * net.stimulate(input, spikeTimes({ times: [0, 10, 20], indices: [0, 1, 0], period: 50 }));
 */
export function spikeTimes(options: SpikeTimesOptions, path = 'spikeTimes'): SpikeTimesSource {
  const { times, indices, period } = options;
  if (times.length !== indices.length) throw new ConfigError('shape-mismatch', `${path}.indices`, `expected one neuron index per time (${times.length}), got ${indices.length}`);
  const t = Float64Array.from(times);
  const i = Int32Array.from(indices);
  t.forEach((x, k) => {
    if (!Number.isFinite(x) || x < 0) throw new ConfigError('bad-time', `${path}.times[${k}]`, `expected a time ≥ 0 ms, got ${x}`);
    if (!Number.isInteger(indices[k]) || indices[k]! < 0) throw new ConfigError('bad-index', `${path}.indices[${k}]`, `expected a neuron index (a whole number ≥ 0), got ${indices[k]}`);
  });
  if (period !== undefined && !(Number.isFinite(period) && period > 0)) throw new ConfigError('bad-period', `${path}.period`, `expected a period > 0 ms, got ${period}`);
  return { kind: 'events', times: t, indices: i, ...(period !== undefined ? { period } : {}) };
}
