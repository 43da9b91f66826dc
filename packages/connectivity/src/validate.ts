import { ConfigError } from '@spikeflow/core';

/**
 * Checks of connector settings. Every failure is a `ConfigError` whose path names the field,
 * e.g. `connection ep1->ip1.connector.wstd`, so a mistake in an experiment file points at its line.
 */

/**
 * Rejects setting names the connector does not know (catches typos such as `wsd` for `wstd`).
 *
 * @example
 * checkKnownSettings({ wmean: 1, wsd: 2 }, ['wmean', 'wstd', 'J'], 'c'); // throws ConfigError 'c.wsd: …'
 */
export function checkKnownSettings(settings: object, known: readonly string[], path: string): void {
  if (settings === null || typeof settings !== 'object') {
    throw new ConfigError('bad-value', path, `expected a settings object with ${known.join(', ')}`);
  }
  for (const key of Object.keys(settings)) {
    if (!known.includes(key)) throw new ConfigError('unknown-setting', `${path}.${key}`, `unknown setting '${key}'; known: ${known.join(', ')}`);
  }
}

/**
 * A finite number (not NaN, not ±Infinity, not a string).
 *
 * @example
 * finiteNumber(20, 'c.wmean'); // 20
 */
export function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError('not-finite', path, `expected a finite number, got ${String(value)}`);
  }
  return value;
}

/**
 * A finite number ≥ 0 (e.g. a standard deviation).
 *
 * @example
 * nonNegative(5, 'c.wstd'); // 5
 */
export function nonNegative(value: unknown, path: string): number {
  const v = finiteNumber(value, path);
  if (v < 0) throw new ConfigError('negative', path, `expected a value >= 0, got ${v}`);
  return v;
}

/**
 * A probability in [0, 1].
 *
 * @example
 * probability(0.02, 'c.p'); // 0.02
 */
export function probability(value: unknown, path: string): number {
  const v = finiteNumber(value, path);
  if (v < 0 || v > 1) throw new ConfigError('bad-probability', path, `expected a probability in [0, 1], got ${v}`);
  return v;
}

/**
 * A non-negative integer (a count).
 *
 * @example
 * nonNegativeInteger(100, 'c.k'); // 100
 */
export function nonNegativeInteger(value: unknown, path: string): number {
  const v = finiteNumber(value, path);
  if (!Number.isInteger(v) || v < 0) throw new ConfigError('bad-count', path, `expected a non-negative integer, got ${v}`);
  return v;
}

/**
 * A boolean flag (experiment files may hold anything).
 *
 * @example
 * flag(false, 'c.allowSelfConnections'); // false
 */
export function flag(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError('bad-value', path, `expected true or false, got ${String(value)}`);
  return value;
}

/**
 * Population sizes handed to `Connector.build`: positive integers.
 *
 * @example
 * checkSizes(100, 50, 'connection a->b.connector');
 */
export function checkSizes(nPre: number, nPost: number, path: string): void {
  for (const [name, n] of [['nPre', nPre], ['nPost', nPost]] as const) {
    if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError('bad-size', `${path} (${name})`, `expected a positive integer population size, got ${n}`);
  }
}
