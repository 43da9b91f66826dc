import { ConfigError, type ModelDefinition, type StimulusSource, type ValueSpec } from '@spikeflow/core';
import { finiteNumber, valueSpec } from '../validate.js';

/**
 * `amplitude` nA from time `start` on, 0 before. A step whose start time `t` lies within half a
 * step of the edge counts as on, so the floating-point rounding of `t = step·dt` never moves the
 * edge: with `start = 5` ms and `dt = 0.1` ms the current is on from step 50.
 *
 * @example
 * net.stimulate(pop, { kind: 'model', model: STEP_CURRENT, parameters: { amplitude: 20, start: 500 } });
 */
export const STEP_CURRENT: ModelDefinition = {
  name: 'StepCurrent',
  kind: 'current',
  doc: '`amplitude` nA from `start` ms on, 0 before.',
  parameters: {
    amplitude: { unit: 'target', doc: 'current while on' },
    start: { unit: 'ms', default: 0, doc: 'time the current switches on (rounded to the nearest step)' },
  },
  state: {},
  output: 't >= start - 0.5*dt ? amplitude : 0',
};

/**
 * `amplitude` nA during [start, stop), 0 otherwise; edges are rounded to the nearest step as in
 * {@link STEP_CURRENT}.
 *
 * @example
 * net.stimulate(pop, { kind: 'model', model: PULSE_CURRENT, parameters: { amplitude: 20, start: 100, stop: 200 } });
 */
export const PULSE_CURRENT: ModelDefinition = {
  name: 'PulseCurrent',
  kind: 'current',
  doc: '`amplitude` nA during [start, stop) ms, 0 otherwise.',
  parameters: {
    amplitude: { unit: 'target', doc: 'current while on' },
    start: { unit: 'ms', default: 0, doc: 'time the current switches on (rounded to the nearest step)' },
    stop: { unit: 'ms', doc: 'time the current switches off again (rounded to the nearest step)' },
  },
  state: {},
  output: 't >= start - 0.5*dt && t < stop - 0.5*dt ? amplitude : 0',
};

/** Options of {@link stepCurrent}. */
export interface StepCurrentOptions {
  /** Current while on, nA (one number, one per neuron, or a distribution drawn once). */
  readonly amplitude: ValueSpec;
  /** Switch-on time, ms. */
  readonly start: number;
  /** Switch-off time, ms (exclusive); omitted or `Infinity`: stays on. Must be > start. */
  readonly stop?: number;
}

/**
 * A step (or, with `stop`, a rectangular pulse) of current: `amplitude` nA while
 * `start <= t < stop`, 0 otherwise. Times in ms, rounded to the nearest step.
 *
 * @example
 * // the seed's "+20 nA from the middle of the run (step 5·scale) on", with scale = 100, dt = 1 ms:
 * net.stimulate(ep2, stepCurrent({ amplitude: 20, start: 500 }));
 * stepCurrent({ amplitude: 1, start: 10, stop: 20 }); // a 10 ms pulse
 */
export function stepCurrent(options: StepCurrentOptions): StimulusSource {
  const amplitude = valueSpec(options.amplitude, 'stepCurrent.amplitude');
  const start = finiteNumber(options.start, 'stepCurrent.start');
  const stop = options.stop ?? Infinity;
  if (stop === Infinity) return { kind: 'model', model: STEP_CURRENT, parameters: { amplitude, start } };
  finiteNumber(stop, 'stepCurrent.stop');
  if (!(stop > start)) throw new ConfigError('bad-value', 'stepCurrent.stop', `expected stop > start (${start} ms), got ${stop} ms`);
  return { kind: 'model', model: PULSE_CURRENT, parameters: { amplitude, start, stop } };
}
