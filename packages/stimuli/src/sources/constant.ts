import type { ModelDefinition, StimulusSource, ValueSpec } from '@spikeflow/core';
import { valueSpec } from '../validate.js';

/**
 * A current that never changes: `amplitude` nA every step (the seed's hand-made zeros are
 * `constantCurrent(0)`).
 *
 * @example
 * net.stimulate(pop, { kind: 'model', model: CONSTANT_CURRENT, parameters: { amplitude: 35 } });
 */
export const CONSTANT_CURRENT: ModelDefinition = {
  name: 'ConstantCurrent',
  kind: 'current',
  doc: 'A constant current of `amplitude` nA.',
  parameters: {
    amplitude: { unit: 'target', doc: 'the current, every step' },
  },
  state: {},
  output: 'amplitude',
};

/**
 * A constant current source.
 *
 * @param amplitude current in nA: one number, one per neuron, or a distribution drawn once
 * @example
 * net.stimulate(ip1, constantCurrent(0));     // the seed's "zero current"
 * materialize(constantCurrent(35), { steps: 10, size: 4, dt: 1, seed: 0 }); // 10 × 4 of 35
 */
export function constantCurrent(amplitude: ValueSpec): StimulusSource {
  return { kind: 'model', model: CONSTANT_CURRENT, parameters: { amplitude: valueSpec(amplitude, 'constantCurrent.amplitude') } };
}
