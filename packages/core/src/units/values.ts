import { ConfigError } from '../errors.js';
import { parseUnit } from './parse.js';
import { formatDimension, mentionsTarget, sameDimension, substituteTarget, toInternalFactor, type Unit } from './unit.js';

/** A number in the field's documented unit, or a string with its own unit: `"20 ms"`, `"6 nS"`, `"-65 mV"`. */
export type Quantity = number | string;

const QUANTITY = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/;

/** Splits `"6 nS"` into 6 and the unit nS; `path` names the field in errors. */
export function parseQuantity(
  text: string,
  path: string,
): {
  /** The number as written (not converted). */
  value: number;
  /** The unit written after it (dimensionless when none). */
  unit: Unit;
} {
  const m = QUANTITY.exec(text);
  if (!m) throw new ConfigError('bad-quantity', path, `expected a number or a number with a unit such as "20 ms" or "-65 mV", got "${text}"`);
  const value = Number(m[1]);
  if (!Number.isFinite(value)) throw new ConfigError('not-finite', path, `expected a finite number, got "${text}"`);
  return { value, unit: parseUnit(m[2] as string, path) };
}

/**
 * Converts a quantity into the internal unit of the dimension of `unit` (the field's declared unit):
 * a bare number is taken to be in `unit` itself; a string must have the same dimension.
 * `unitText` is the declared spelling, for messages. `target`, if known, replaces the `target`
 * placeholder (the unit of the input a synapse or current source feeds).
 *
 * @example
 * toInternal('6 nS', parseUnit('µS', ''), 'µS', 'population p.parameters.g'); // 0.006
 * toInternal(20, parseUnit('Hz', ''), 'Hz', 'p.rate');                          // 0.02 (per ms)
 */
export function toInternal(q: Quantity, unit: Unit, unitText: string, path: string, target?: Unit): number {
  const declared = target ? substituteTarget(unit, target) : unit;
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new ConfigError('not-finite', path, `expected a finite number, got ${String(q)}`);
    if (mentionsTarget(declared)) return q; // the fed input's unit is not known here: taken as it is
    return q * toInternalFactor(declared);
  }
  if (typeof q !== 'string') throw new ConfigError('bad-value', path, `expected a number or a string with a unit, got ${String(q)}`);
  const { value, unit: given } = parseQuantity(q, path);
  // The fed input is not known here (e.g. materialising a source for a figure): take the value in
  // the internal unit of its own dimension; the network checks the dimension when it is built.
  if (mentionsTarget(declared)) return value * toInternalFactor(given);
  if (!sameDimension(given, declared)) {
    throw new ConfigError('wrong-unit', path, `expected a value in ${describe(declared, unitText)}, got "${q}" (${formatDimension(given)} is another dimension)`);
  }
  return value * toInternalFactor(given);
}

function describe(u: Unit, text: string): string {
  const internal = formatDimension(u);
  return text === internal || text === '' ? internal || '1' : `${text} (internal unit ${internal})`;
}
