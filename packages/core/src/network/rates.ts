import { ConfigError } from '../errors.js';
import type { BuiltPopulation, BuiltStimulus } from './types.js';

/**
 * Checks a stimulus into an input declared `nonNegativeWith: <parameter>` (PoissonNeuron's `r`,
 * which adds to `rate`): with a user array, parameter + value must be ≥ 0 at every step and
 * neuron; with given events, parameter + the event's value at each neuron that has events. Model
 * sources and synapses are not known before the run (their negative totals never fire: a spike
 * probability ≤ 0). `path` names the stimulus.
 *
 * @throws ConfigError (code `negative-rate`) naming the step and neuron of the first negative total.
 */
export function checkNonNegativeInput(pop: BuiltPopulation, s: BuiltStimulus, path: string): void {
  const model = pop.instance.model;
  const base = model.definition.inputs?.[s.input]?.nonNegativeWith;
  if (base === undefined || (s.kind !== 'array' && s.kind !== 'events')) return;
  const v = pop.instance.values.get(base);
  if (v === undefined) return;
  const n = pop.instance.size;
  const at = (i: number) => (typeof v === 'number' ? v : (v[i] as number));
  const fail = (i: number, extra: number, where: string) => {
    throw new ConfigError('negative-rate', path, `${base} + ${s.input} of population ${pop.name} (model ${model.name}) must stay >= 0, got ${at(i)} + ${extra} = ${at(i) + extra} (internal units) at ${where}neuron ${i}`);
  };
  if (s.kind === 'array') {
    for (let step = 0; step < s.steps; step++) {
      for (let i = 0; i < n; i++) if (at(i) + s.data[step * n + i]! < 0) fail(i, s.data[step * n + i]!, `step ${step}, `);
    }
  } else if (s.value < 0) {
    for (let i = 0; i < n; i++) if (s.offsets[i + 1]! > s.offsets[i]! && at(i) + s.value < 0) fail(i, s.value, `an event of `);
  }
}
