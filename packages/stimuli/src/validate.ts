import { ConfigError, type ValueSpec } from '@spikeflow/core';

/**
 * Option checks shared by the source factories. Each throws a `ConfigError` whose path names
 * the factory and option, e.g. `incrementalStepNoise.scale`.
 *
 * @example
 * positiveInteger(100, 'incrementalStepNoise.scale'); // 100
 */
export function positiveInteger(value: number, path: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError('bad-value', path, `expected a positive whole number, got ${String(value)}`);
  return value;
}

/**
 * A finite number (no NaN, no ±Infinity).
 *
 * @example
 * finiteNumber(5, 'stepCurrent.start'); // 5
 */
export function finiteNumber(value: number, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError('not-finite', path, `expected a finite number, got ${String(value)}`);
  return value;
}

/**
 * A per-neuron value spec: plain numbers are checked here, arrays and distributions are checked
 * (against the population size) when the network or `materialize` instantiates the model.
 *
 * @example
 * valueSpec({ normal: { mean: 20, std: 2 } }, 'stepNoise.I_value');
 */
export function valueSpec(value: ValueSpec, path: string): ValueSpec {
  if (typeof value === 'number') finiteNumber(value, path);
  else if (typeof value === 'string') return value; // "0.5 nA": converted, and checked, into the fed input's unit when the network is built
  else if (value === null || typeof value !== 'object') {
    throw new ConfigError('bad-value', path, 'expected a number, a string with a unit ("0.5 nA"), an array, {normal:{mean,std}} or {uniform:{min,max}}');
  }
  return value;
}

/**
 * A non-negative number (e.g. a standard deviation).
 *
 * @example
 * nonNegative(1, 'stepNoise.std'); // 1
 */
export function nonNegative(value: number, path: string): number {
  if (!(finiteNumber(value, path) >= 0)) throw new ConfigError('bad-value', path, `expected a number >= 0, got ${value}`);
  return value;
}
