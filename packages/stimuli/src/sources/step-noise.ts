import type { ModelDefinition, StimulusSource, ValueSpec } from '@spikeflow/core';
import { nonNegative, valueSpec } from '../validate.js';
import type { SourceOptions } from './options.js';

/**
 * The seed's `step_noise_function`: every neuron, every step, an independent draw from
 * Normal(I_value, std²) nA.
 *
 * @example
 * net.stimulate(ip1, { kind: 'model', model: STEP_NOISE, parameters: { I_value: 20 } });
 */
export const STEP_NOISE: ModelDefinition = {
  name: 'StepNoise',
  kind: 'current',
  doc: 'Normal(I_value, std²) nA, drawn afresh per neuron and step.',
  parameters: {
    I_value: { unit: 'target', doc: 'mean current' },
    std: { unit: 'target', default: 1, doc: 'standard deviation of the current' },
  },
  state: {},
  output: 'I_value + std*randn()',
};

/** Options of {@link stepNoise}. */
export interface StepNoiseOptions extends SourceOptions {
  /** Mean current, nA. */
  readonly I_value: ValueSpec;
  /** Standard deviation, nA (default 1, as in the seed). */
  readonly std?: number;
}

/**
 * White noise around a mean: Normal(I_value, std²) nA per neuron per step (the seed's
 * `step_noise_function`; its unused `scale` argument is dropped).
 *
 * @example
 * net.stimulate(ip1, stepNoise({ I_value: 20 }));   // scenario 1's inhibitory drive
 */
export function stepNoise(options: StepNoiseOptions): StimulusSource {
  return {
    kind: 'model',
    model: STEP_NOISE,
    parameters: { I_value: valueSpec(options.I_value, 'stepNoise.I_value'), std: nonNegative(options.std ?? 1, 'stepNoise.std') },
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  };
}
