import { ConfigError } from '@spikeflow/core';
import type { PopulationRef } from '@spikeflow/core';

/**
 * Argument checks shared by the monitors, writers and analysis helpers. Each throws a
 * `ConfigError` naming `path` (e.g. `monitor exc.v.every`) and what was expected.
 *
 * @example
 * positiveInteger(3, 'monitor exc.v.every'); // ok
 * positiveInteger(0, 'monitor exc.v.every'); // throws ConfigError 'bad-option'
 */
export function positiveInteger(value: number, path: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigError('bad-option', path, `expected a positive integer, got ${value}`);
  return value;
}

/**
 * A whole number ≥ 0 (a step count).
 *
 * @example
 * nonNegativeInteger(0, 'countsPerStep.totalSteps'); // 0
 */
export function nonNegativeInteger(value: number, path: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError('bad-option', path, `expected a non-negative integer, got ${value}`);
  return value;
}

/**
 * A finite number > 0 (a time step or duration in ms, a byte bound).
 *
 * @example
 * positiveFinite(0.1, 'rates.dtMs'); // 0.1
 */
export function positiveFinite(value: number, path: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError('bad-option', path, `expected a finite number > 0, got ${value}`);
  return value;
}

/**
 * A population handle as returned by `Network.population`: a non-empty name and a positive size.
 *
 * @example
 * checkPopulation({ name: 'exc', size: 800 }, 'spike monitor'); // ok
 */
export function checkPopulation(population: PopulationRef, path: string): void {
  if (typeof population?.name !== 'string' || population.name === '') {
    throw new ConfigError('bad-population', path, 'expected a population handle { name, size } from Network.population');
  }
  positiveInteger(population.size, `${path}.size`);
}
