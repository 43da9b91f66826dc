import { ConfigError } from '../errors.js';
import type { BuiltStimulus, StimulusSource } from './types.js';

type EventsSource = Extract<StimulusSource, { kind: 'events' }>;
type BuiltEvents = Omit<Extract<BuiltStimulus, { kind: 'events' }>, 'name' | 'population' | 'input'>;

/** Largest step an event may fall on: steps are stored as 32-bit integers on every backend. */
const MAX_EVENT_STEP = 2 ** 31 - 2;

/**
 * Checks given events for a population of `size` neurons and sorts them by neuron, then step.
 * Times are rounded to the nearest step (Brian2's `SpikeGeneratorGroup` does the same; NEST's
 * `spike_generator` rounds to the grid too). `path` names the stimulus in errors.
 *
 * @throws ConfigError for arrays of different lengths, times that are negative or not finite,
 * indices outside the population, two events of one neuron in one step, or a period that is not a
 * whole number of steps later than every event.
 */
export function buildEvents(source: EventsSource, size: number, dt: number, path: string): BuiltEvents {
  const { times, indices } = source;
  if (times.length !== indices.length) throw new ConfigError('shape-mismatch', `${path}.indices`, `expected one neuron index per time (${times.length}), got ${indices.length}`);
  const value = source.value ?? 1;
  if (!Number.isFinite(value)) throw new ConfigError('not-finite', `${path}.value`, `expected a finite number, got ${value}`);
  const periodSteps = source.period === undefined ? 0 : periodInSteps(source.period, dt, `${path}.period`);
  const n = times.length;
  const stepOf = new Int32Array(n);
  const count = new Int32Array(size + 1);
  for (let k = 0; k < n; k++) {
    const t = times[k]!;
    const i = indices[k]!;
    if (!Number.isFinite(t) || t < 0) throw new ConfigError('bad-time', `${path}.times[${k}]`, `expected a time ≥ 0 ms, got ${t}`);
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new ConfigError('bad-index', `${path}.indices[${k}]`, `neuron index ${i} is outside 0..${size - 1}`);
    const step = Math.round(t / dt);
    if (step > MAX_EVENT_STEP) throw new ConfigError('bad-time', `${path}.times[${k}]`, `${t} ms is step ${step}, beyond the last representable step ${MAX_EVENT_STEP}`);
    if (periodSteps > 0 && step >= periodSteps) {
      throw new ConfigError('bad-time', `${path}.times[${k}]`, `${t} ms (step ${step}) is not earlier than the period, ${source.period} ms (${periodSteps} steps)`);
    }
    stepOf[k] = step;
    count[i + 1]!++;
  }
  const offsets = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) offsets[i + 1] = offsets[i]! + count[i + 1]!;
  const fill = offsets.slice(0, size);
  const steps = new Int32Array(n);
  const origin = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const at = fill[indices[k]!]!++;
    steps[at] = stepOf[k]!;
    origin[at] = k;
  }
  for (let i = 0; i < size; i++) {
    const lo = offsets[i]!;
    const hi = offsets[i + 1]!;
    sortSegment(steps, origin, lo, hi);
    for (let at = lo + 1; at < hi; at++) {
      if (steps[at] === steps[at - 1]) {
        throw new ConfigError(
          'duplicate-event',
          `${path}.times[${origin[at]}]`,
          `neuron ${i} has two events in step ${steps[at]} (times ${times[origin[at - 1]!]} and ${times[origin[at]!]} ms at dt = ${dt} ms); a neuron spikes at most once per step`,
        );
      }
    }
  }
  return { kind: 'events', offsets, steps, periodSteps, value };
}

function periodInSteps(period: number, dt: number, path: string): number {
  const steps = Math.round(period / dt);
  if (!Number.isFinite(period) || steps < 1 || Math.abs(steps * dt - period) > 1e-9 * Math.max(1, period)) {
    throw new ConfigError('bad-period', path, `expected a period > 0 ms that is a whole number of steps of dt = ${dt} ms, got ${period}`);
  }
  if (steps > MAX_EVENT_STEP) throw new ConfigError('bad-period', path, `${period} ms is more than ${MAX_EVENT_STEP} steps`);
  return steps;
}

/** Sorts `keys[lo..hi)` ascending, carrying `tags` along (stable; segments are one neuron's events). */
function sortSegment(keys: Int32Array, tags: Int32Array, lo: number, hi: number): void {
  if (hi - lo < 2) return;
  const order = Array.from({ length: hi - lo }, (_, k) => lo + k).sort((a, b) => keys[a]! - keys[b]! || tags[a]! - tags[b]!);
  const k2 = order.map((a) => keys[a]!);
  const t2 = order.map((a) => tags[a]!);
  keys.set(k2, lo);
  tags.set(t2, lo);
}
