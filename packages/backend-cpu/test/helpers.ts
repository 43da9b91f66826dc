import type { ModelDefinition, SpikeSink, StateSink } from '@spikeflow/core';

/** A constant current per neuron (array or scalar), defined inline so these tests need only core. */
export const Const: ModelDefinition = {
  name: 'TestConst',
  kind: 'current',
  parameters: { I0: { unit: 'target', default: 0 } },
  state: {},
  output: 'I0',
};

/** Collects (step, neuron) pairs. */
export function spikeCollector(population: string): SpikeSink & { events: [number, number][] } {
  const events: [number, number][] = [];
  return {
    kind: 'spikes',
    population,
    events,
    onSpikes(step, idx, count) {
      for (let q = 0; q < count; q++) events.push([step, idx[q]!]);
    },
  };
}

/** Records one variable of all neurons every step. */
export function stateCollector(population: string, variable: string): StateSink & { rows: Float64Array[] } {
  const rows: Float64Array[] = [];
  return { kind: 'state', population, variable, every: 1, rows, onState: (_s, v) => void rows.push(Float64Array.from(v)) };
}
