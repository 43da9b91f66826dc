import { ConfigError } from '@spikeflow/core';

/**
 * A finite number > 0 (a time step in ms, a size in pixels, a scale factor). Throws a
 * `ConfigError` ('bad-option') naming `path` otherwise.
 *
 * @example
 * positiveFinite(0.1, 'rasterSpec.dt'); // 0.1
 */
export function positiveFinite(value: number, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new ConfigError('bad-option', path, `expected a positive finite number, got ${String(value)}`);
  return value;
}

/**
 * A whole number > 0 (a bin width in steps, a number of points).
 *
 * @example
 * positiveInteger(100, 'activitySpec.binSteps'); // 100
 */
export function positiveInteger(value: number, path: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigError('bad-option', path, `expected a positive integer, got ${String(value)}`);
  return value;
}

/**
 * A whole number ≥ 0 (a step count).
 *
 * @example
 * nonNegativeInteger(0, 'activitySpec.totalSteps'); // 0
 */
export function nonNegativeInteger(value: number, path: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError('bad-option', path, `expected a non-negative integer, got ${String(value)}`);
  return value;
}

/**
 * A finite number (a threshold in mV).
 *
 * @example
 * finite(-40, 'voltageSpec.threshold'); // -40
 */
export function finite(value: number, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError('bad-option', path, `expected a finite number, got ${String(value)}`);
  return value;
}
