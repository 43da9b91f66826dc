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
    readonly where: string,
    readonly expression: string,
    readonly token: string | undefined,
    detail: string,
  ) {
    super(code, `${where}: ${detail}${token !== undefined ? ` (token '${token}')` : ''} in expression '${expression}'`);
    this.name = 'ExpressionError';
  }
}

/** Invalid configuration: a parameter, size, shape, time step or value is unacceptable. */
export class ConfigError extends SpikeflowError {
  constructor(code: string, readonly path: string, detail: string) {
    super(code, `${path}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Something that works but is probably not what the user meant (e.g. dt close to a time constant). */
export interface SpikeflowWarning {
  code: string;
  path: string;
  message: string;
}

export type WarningHandler = (warning: SpikeflowWarning) => void;

/** Default warning handler: prints one line to stderr. */
export const printWarning: WarningHandler = (w) => {
  console.warn(`warning: ${w.path}: ${w.message}`);
};
