import { ConfigError } from '../errors.js';
import { binomialTable } from '../rng/binomial.js';
import { streamId } from '../rng/philox.js';
import { parseUnit } from '../units/parse.js';
import { formatUnit, type Unit } from '../units/unit.js';
import { toInternal } from '../units/values.js';
import type { BuiltPopulation, BuiltStimulus, StimulusSource } from './types.js';

type PoissonInputSource = Extract<StimulusSource, { kind: 'poisson-input' }>;
type BuiltPoissonInput = Extract<BuiltStimulus, { kind: 'poisson-input' }>;

const HZ = parseUnit('Hz', 'Hz');

/**
 * Checks a Poisson input (Brian2's `PoissonInput`) against its population and dt, and builds the
 * binomial table its draws invert. `path` names the stimulus in errors (`stimulus <name>`).
 *
 * @throws ConfigError for an input given (it moves a state variable, not an input), an unknown
 * variable (naming the population, model and the known ones), n not a whole number ≥ 1, a rate
 * that is negative, not finite or has rate·dt > 1, or a weight that is not finite or of the wrong unit.
 */
export function buildPoissonInput(source: PoissonInputSource, name: string, pop: BuiltPopulation, dt: number, input: string | undefined, path: string): BuiltPoissonInput {
  const model = pop.instance.model;
  if (input !== undefined) throw new ConfigError('bad-input', `${path}.input`, `a Poisson input moves the state variable '${source.variable}' of population ${pop.name}; it feeds no input (leave 'input' out)`);
  if (typeof source.variable !== 'string' || !model.states.includes(source.variable)) {
    throw new ConfigError('unknown-state', `${path}.variable`, `population ${pop.name} (model ${model.name}) has no state variable '${String(source.variable)}'; known: ${model.states.join(', ') || '(none)'}`);
  }
  const n = source.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new ConfigError('bad-value', `${path}.n`, `expected the number of inputs, a whole number >= 1, got ${String(n)}`);
  const rate = toInternal(source.rate, HZ, 'Hz', `${path}.rate`); // 1/ms
  if (!(rate >= 0)) throw new ConfigError('negative-rate', `${path}.rate`, `expected a rate >= 0 Hz, got ${String(source.rate)}`);
  // rate·dt = 1 written as rate = 1/dt may round a hair above 1: that much is rounding, not a mistake.
  const p = Math.min(1, rate * dt);
  if (rate * dt > 1 + 1e-9) throw new ConfigError('bad-rate', `${path}.rate`, `rate·dt = ${rate * 1000} Hz × ${dt} ms = ${rate * dt} > 1: an input cannot spike more than once per step (lower the rate or dt)`);
  const unit = model.units.of.get(source.variable) as Unit;
  const weight = toInternal(source.weight, unit, formatUnit(unit), `${path}.weight`);
  const table = binomialTable(n, p, path);
  return { name, population: pop.name, input: '', kind: 'poisson-input', variable: source.variable, n, rate, p, weight, stream: streamId(source.stream ?? name), table };
}
