import type { ModelDefinition } from '@spikeflow/core';

/**
 * A spike source with given spike times (Brian2's `SpikeGeneratorGroup`, NEST's
 * `spike_generator`): it has no dynamics and spikes in exactly the steps its input `given`
 * carries an event. Feed it a `spikeTimes(...)` stimulus from `@spikeflow/stimuli`; it is a
 * population like any other — connectable, monitorable, drawn in figures.
 *
 * @example
 * const input = net.population('input', { model: SpikeSource, size: 3 });
 * net.stimulate(input, spikeTimes({ times: [1, 5, 5.5], indices: [0, 2, 1] })); // ms, neurons
 */
export const SpikeSource: ModelDefinition = {
  name: 'SpikeSource',
  kind: 'neuron',
  doc: 'Spike source with given spike times (a spikeTimes stimulus): spikes exactly in the steps its input carries an event.',
  parameters: {},
  state: {},
  inputs: { given: { unit: '1', doc: 'events this step (a spikeTimes stimulus delivers 1 at each given time)' } },
  threshold: 'given > 0.5',
  reset: [],
};
