import type { Expr } from './ir.js';

/** Supplies values to the host interpreter. */
export interface EvalEnv {
  /** Value of a reference (parameter, state, derived, dt, time, ...). */
  lookup(name: string, role: string): number;
  /** A random draw for a call site; absent where randomness is not allowed. */
  random?(fn: string, site: number): number;
}

/**
 * Evaluates IR on the host: derived parameters, initial values, and materialising stimuli as
 * arrays. Backends print the same IR to code; tests check that both agree.
 */
export function evaluate(e: Expr, env: EvalEnv): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'ref':
      return env.lookup(e.name, e.role);
    case 'unary': {
      const a = evaluate(e.arg, env);
      return e.op === '-' ? -a : a === 0 ? 1 : 0;
    }
    case 'binary': {
      const a = evaluate(e.left, env);
      const b = evaluate(e.right, env);
      return (BINARY[e.op] as (a: number, b: number) => number)(a, b);
    }
    case 'cond':
      return evaluate(e.test, env) !== 0 ? evaluate(e.then, env) : evaluate(e.else, env);
    case 'call': {
      if (e.site !== undefined) {
        if (!env.random) throw new Error(`random function ${e.fn} evaluated without a random source`);
        return env.random(e.fn, e.site);
      }
      const args = e.args.map((a) => evaluate(a, env));
      const f = MATH[e.fn];
      if (!f) throw new Error(`no host implementation for ${e.fn}`);
      return f(...args);
    }
  }
}

const BINARY: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '**': (a, b) => a ** b,
  '<': (a, b) => +(a < b),
  '<=': (a, b) => +(a <= b),
  '>': (a, b) => +(a > b),
  '>=': (a, b) => +(a >= b),
  '==': (a, b) => +(a === b),
  '!=': (a, b) => +(a !== b),
  '&&': (a, b) => +(a !== 0 && b !== 0),
  '||': (a, b) => +(a !== 0 || b !== 0),
};

/** Host implementations of the model language's functions; the CPU printer maps to the same. */
export const MATH: Record<string, (...a: number[]) => number> = {
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  floor: Math.floor,
  ceil: Math.ceil,
  sign: Math.sign,
  min: Math.min,
  max: Math.max,
  clip: (x, lo, hi) => Math.min(Math.max(x as number, lo as number), hi as number),
};
