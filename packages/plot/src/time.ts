/**
 * Time in ms of a step, rounded to 1e-9 ms so that `step × dt` prints short in the spec
 * (`0.30000000000000004` → `0.3`).
 *
 * @param step step index
 * @param dt time step in ms
 *
 * @example
 * ms(3, 0.1); // 0.3
 */
export function ms(step: number, dt: number): number {
  return round(step * dt, 9);
}

/**
 * `value` rounded to `digits` decimals (for short inline data).
 *
 * @example
 * round(1.23456, 2); // 1.23
 */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * `value` rounded to `digits` significant digits (recorded currents and voltages: 6 keep µV and
 * pA precision on mV and nA values while keeping the spec small).
 *
 * @example
 * significant(-65.123456789, 6); // -65.1235
 */
export function significant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}
