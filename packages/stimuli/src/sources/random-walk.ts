import type { ModelDefinition, StimulusSource } from '@spikeflow/core';
import { finiteNumber, nonNegative } from '../validate.js';
import type { SourceOptions } from './options.js';

/**
 * The seed's `noise_function`, a reflected random walk:
 *
 *     I[0] = start
 *     I[s] = | I[s-1] + std·Normal(0,1) per neuron + shared_std·Normal(0,1) shared by the row |   (s >= 1)
 *
 * Step 0 delivers `start` itself, as the seed's row 0; the first increment is applied at step 1.
 * (The draws a backend may make at step 0 are discarded; they are addressed by step, so this
 * changes no other number.)
 *
 * @example
 * net.stimulate(ep1, { kind: 'model', model: RANDOM_WALK_NOISE, parameters: { start: 200 } });
 */
export const RANDOM_WALK_NOISE: ModelDefinition = {
  name: 'RandomWalkNoise',
  kind: 'current',
  doc: 'Reflected random walk from `start`: I = |I + std·randn() + shared_std·randn_shared()| each step after step 0.',
  parameters: {
    start: { unit: 'target', default: 200, doc: 'current at step 0' },
    std: { unit: 'target', default: 1, doc: 'standard deviation of the per-neuron increment' },
    shared_std: { unit: 'target', default: 2, doc: 'standard deviation of the increment shared by all neurons' },
  },
  state: {
    I: { unit: 'target', initial: 'start', doc: 'current delivered this step' },
  },
  update: ['I = step > 0 ? abs(I + std*randn() + shared_std*randn_shared()) : I'],
  output: 'I',
};

/** Options of {@link randomWalkNoise}. */
export interface RandomWalkNoiseOptions extends SourceOptions {
  /** Current at step 0, nA (default 200). */
  readonly start?: number;
  /** Standard deviation of each neuron's own increment per step, nA (default 1). */
  readonly std?: number;
  /** Standard deviation of the increment shared by all neurons per step, nA (default 2). */
  readonly sharedStd?: number;
}

/**
 * The seed's random-walk noise (`noise_function`): row 0 is `start`; each later row is
 * |previous row + Normal(0, std²) per neuron + Normal(0, sharedStd²) shared| nA. Increments
 * therefore have variance std² + sharedStd² (1 + 4 by default), and the current stays >= 0.
 *
 * @example
 * net.stimulate(ep1, randomWalkNoise({}));                  // scenario 3
 * net.stimulate(ep2, randomWalkNoise({ start: 150 }));
 */
export function randomWalkNoise(options: RandomWalkNoiseOptions = {}): StimulusSource {
  return {
    kind: 'model',
    model: RANDOM_WALK_NOISE,
    parameters: {
      start: finiteNumber(options.start ?? 200, 'randomWalkNoise.start'),
      std: nonNegative(options.std ?? 1, 'randomWalkNoise.std'),
      shared_std: nonNegative(options.sharedStd ?? 2, 'randomWalkNoise.sharedStd'),
    },
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  };
}
