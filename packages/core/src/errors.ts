/**
 * Errors for user mistakes. Each names the thing at fault (model, parameter, field path,
 * expression token) and what was expected. The CLI prints `message` only — no stack — for
 * any `SpikeflowError`.
 */
export class SpikeflowError extends Error {
  /** Stable machine-readable code, e.g. `unknown-parameter`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SpikeflowError';
    this.code = code;
  }
}

/** An expression in a model definition could not be parsed or refers to something unknown. */
export class ExpressionError extends SpikeflowError {
  constructor(
    code: string,
    /** Where the expression lives, e.g. `model LIF, equation dv/dt`. */
    readonly where: string,
    /** The expression's source text. */
    readonly expression: string,
    /** The offending token (a name, function or operator), when one is at fault. */
    readonly token: string | undefined,
    detail: string,
  ) {
    super(code, `${where}: ${detail}${token !== undefined ? ` (token '${token}')` : ''} in expression '${expression}'`);
    this.name = 'ExpressionError';
  }
}

/** Invalid configuration: a parameter, size, shape, time step or value is unacceptable. */
export class ConfigError extends SpikeflowError {
  constructor(
    code: string,
    /** The field at fault, e.g. `population exc.parameters.R` or `network.dt`. */
    readonly path: string,
    detail: string,
  ) {
    super(code, `${path}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Something that works but is probably not what the user meant (e.g. dt close to a time constant). */
export interface SpikeflowWarning {
  /** Stable machine-readable code, e.g. `dt-too-large`. */
  code: string;
  /** The thing warned about, e.g. `population exc`. */
  path: string;
  /** What is probably wrong, in a sentence. */
  message: string;
}

/**
 * Receives warnings (`NetworkOptions.onWarning`); the default, {@link printWarning}, prints them.
 *
 * @example
 * const warnings: SpikeflowWarning[] = [];
 * const net = new Network({ dt: 0.1, onWarning: (w) => warnings.push(w) });
 */
export type WarningHandler = (warning: SpikeflowWarning) => void;

/** Default warning handler: prints one line to stderr. */
export const printWarning: WarningHandler = (w) => {
  console.warn(`warning: ${w.path}: ${w.message}`);
};
