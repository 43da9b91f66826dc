import type { SpikeSink, StateSink } from '@spikeflow/core';

/**
 * Plays a backend for tests: calls `begin(steps)`, then `onSpikes` for every step from `from`
 * with the neurons `spikesAt(step)` returns, written into one reused Int32Array as a backend does.
 */
export function driveSpikes(sink: SpikeSink, from: number, steps: number, spikesAt: (step: number) => number[], width = 1024): void {
  const buf = new Int32Array(width);
  sink.begin?.(steps);
  for (let s = from; s < from + steps; s++) {
    const spiking = spikesAt(s);
    buf.fill(-99);
    spiking.forEach((i, k) => (buf[k] = i));
    sink.onSpikes(s, buf, spiking.length);
    buf.fill(-1); // the backend reuses the array: the monitor must have copied
  }
}

/**
 * Plays a backend for a state sink: `begin(steps)`, then `onState` at every global step divisible
 * by `every`, with `value(step, neuron)` for each recorded neuron, in one reused Float64Array.
 */
export function driveState(sink: StateSink, size: number, from: number, steps: number, value: (step: number, neuron: number) => number): void {
  const neurons = sink.indices ? Array.from(sink.indices) : Array.from({ length: size }, (_, i) => i);
  const buf = new Float64Array(neurons.length);
  sink.begin?.(steps);
  for (let s = from; s < from + steps; s++) {
    if (s % sink.every !== 0) continue;
    neurons.forEach((n, k) => (buf[k] = value(s, n)));
    sink.onState(s, buf);
    buf.fill(Number.NaN);
  }
}
