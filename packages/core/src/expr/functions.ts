/**
 * The functions a model expression may call. Printers map these names to their own targets;
 * anything not listed here is rejected at parse time.
 */
export interface FunctionSpec {
  /** Number of arguments. */
  readonly arity: number;
  /** Random functions draw a fresh value per neuron (or per step when shared) at each call site. */
  readonly random?: 'per-neuron' | 'shared';
  /** What the function computes, one line (for docs and `spikeflow models`). */
  readonly doc: string;
}

/** The model language's functions by name: the only ones an expression may call. */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze({
  exp: { arity: 1, doc: 'e to the power x' },
  expm1: { arity: 1, doc: 'exp(x) - 1, accurate near 0' },
  log: { arity: 1, doc: 'natural logarithm' },
  log1p: { arity: 1, doc: 'log(1 + x), accurate near 0' },
  sqrt: { arity: 1, doc: 'square root' },
  abs: { arity: 1, doc: 'absolute value' },
  sin: { arity: 1, doc: 'sine (radians)' },
  cos: { arity: 1, doc: 'cosine (radians)' },
  tan: { arity: 1, doc: 'tangent (radians)' },
  tanh: { arity: 1, doc: 'hyperbolic tangent' },
  floor: { arity: 1, doc: 'round down' },
  ceil: { arity: 1, doc: 'round up' },
  sign: { arity: 1, doc: '-1, 0 or 1' },
  min: { arity: 2, doc: 'smaller of two values' },
  max: { arity: 2, doc: 'larger of two values' },
  clip: { arity: 3, doc: 'clip(x, low, high)' },
  rand: { arity: 0, random: 'per-neuron', doc: 'uniform [0, 1), a fresh draw per neuron and step' },
  randn: { arity: 0, random: 'per-neuron', doc: 'standard normal, a fresh draw per neuron and step' },
  rand_shared: { arity: 0, random: 'shared', doc: 'uniform [0, 1), one draw per step shared by all neurons' },
  randn_shared: { arity: 0, random: 'shared', doc: 'standard normal, one draw per step shared by all neurons' },
});

/** Named constants an expression may use: `pi` and `e`. */
export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze({ pi: Math.PI, e: Math.E });

/**
 * True for the random functions (`rand`, `randn`, `rand_shared`, `randn_shared`).
 *
 * @example
 * isRandomFunction('randn'); // true
 * isRandomFunction('exp');   // false
 */
export const isRandomFunction = (fn: string): boolean => FUNCTIONS[fn]?.random !== undefined;

/**
 * Names of Gaussian white noise in equations: `xi`, or `xi_` followed by letters, digits and `_`
 * (`xi_1`, `xi_e`), as in Brian2. Each name is one independent noise, in 1/sqrt(time) (ms^-1/2);
 * the integrator turns it into one standard-normal draw per neuron and step (Euler–Maruyama).
 * Reserved: no parameter, state or input may be called so.
 */
export const NOISE_NAME = /^xi(?:_[A-Za-z0-9_]+)?$/;

/**
 * True for the white-noise names of {@link NOISE_NAME}.
 *
 * @example
 * isNoiseName('xi_e'); // true
 * isNoiseName('xis');  // false
 */
export const isNoiseName = (name: string): boolean => NOISE_NAME.test(name);
