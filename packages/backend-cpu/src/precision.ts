/**
 * Number format of a CPU simulation. `f64` is the reference. `f32` rounds every arithmetic result,
 * function value, constant and stored value to single precision (Math.fround), which reproduces
 * IEEE float32 arithmetic exactly for + − × ÷ and so mirrors what a GPU computes.
 */
export interface Precision {
  /** `f64` or `f32`: the backend option that selects it. */
  readonly name: 'f64' | 'f32';
  /** Wraps a printed arithmetic expression so its value is rounded to this format. */
  round(code: string): string;
  /** Rounds a host value (parameter, derived value, constant). */
  value(x: number): number;
  /** Allocates a state or data array. */
  array(length: number): Float64Array | Float32Array;
  /** Converts a host array to this format (same object for f64). */
  convert(values: Float64Array | Float32Array): Float64Array | Float32Array;
}

/** Double precision, the reference: values are JavaScript numbers, arrays Float64Array. */
export const F64: Precision = {
  name: 'f64',
  round: (code) => code,
  value: (x) => x,
  array: (n) => new Float64Array(n),
  convert: (v) => v,
};

/** Single precision: every result rounded with Math.fround, arrays Float32Array (as on a GPU). */
export const F32: Precision = {
  name: 'f32',
  round: (code) => `Math.fround(${code})`,
  value: (x) => Math.fround(x),
  array: (n) => new Float32Array(n),
  convert: (v) => (v instanceof Float32Array ? v : Float32Array.from(v)),
};
