import type { Assign, Expr } from '@spikeflow/core/ir';

/**
 * IR → WGSL. Operator and function tables only: every name in the output comes from the
 * template's `resolve` (generated identifiers such as `n_s0`, never a model's own names), every
 * function from the fixed table below, every number from `f32Literal`. No user string reaches
 * shader code.
 *
 * WGSL is typed where JavaScript is not: comparisons and logic give `bool`, arithmetic `f32`.
 * The printer tracks the type of each subexpression and converts where the IR mixes them, with
 * JavaScript's meaning (`true` is 1, a number is true when it is not 0).
 */

/** Turns a reference into a WGSL f32 expression (a local, a buffer element, a uniform). */
export type WgslResolve = (name: string, role: string) => string;
/** Turns a random call site into a WGSL f32 expression. */
export type WgslRandomCall = (fn: string, site: number) => string;

/**
 * The random calls of code that has no draws (a synapse model's onPre, onPost and summed code,
 * whose draws `compileModel` refuses): reaching it is an internal error, never a silent NaN.
 */
export const noRandom: WgslRandomCall = (fn) => {
  throw new Error(`internal: random call ${fn}() in per-synapse code, which compileModel refuses`);
};
/** Turns a numeric constant into a WGSL f32 expression (default: a literal, {@link f32Literal}). */
export type WgslConstant = (value: number) => string;

export interface WgslPrintOptions {
  /** How constants print (default {@link f32Literal}). */
  readonly constant?: WgslConstant;
  /**
   * A WGSL function every product is passed through, e.g. `sf_r`. Shader compilers contract
   * `a * b + c` into one fused multiply-add, which rounds once where the CPU rounds twice; a
   * function the compiler cannot see through (the template defines it) keeps products rounded.
   */
  readonly product?: string;
}

interface Typed {
  readonly code: string;
  readonly type: 'f32' | 'bool';
}

const f32View = new Float32Array(1);
const u32View = new Uint32Array(f32View.buffer);

/**
 * A WGSL literal of the float32 nearest to `x` (what `Math.fround` gives, so CPU f32 and GPU use
 * the same constant). Finite values print as decimals that read back exactly; ±Infinity, NaN and
 * values that round to infinity print as bit patterns (WGSL has no literal for them).
 */
export function f32Literal(x: number): string {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) {
    f32View[0] = v;
    return `sf_bits(0x${u32View[0]!.toString(16)}u)`;
  }
  if (Object.is(v, -0)) return '(-0.0f)';
  let s = String(Math.abs(v));
  if (!/[.e]/.test(s)) s += '.0';
  return v < 0 ? `(-${s}f)` : `${s}f`;
}

const asF32 = (t: Typed): string => (t.type === 'f32' ? t.code : `select(0.0f, 1.0f, ${t.code})`);
const asBool = (t: Typed): string => (t.type === 'bool' ? t.code : `(${t.code} != 0.0f)`);

/** WGSL for each function of the model language (core's FUNCTIONS), by name. */
const FUNCTION_TABLE: Readonly<Record<string, (a: string[]) => string>> = {
  exp: (a) => `exp(${a[0]})`,
  expm1: (a) => `sf_expm1(${a[0]})`,
  log: (a) => `log(${a[0]})`,
  log1p: (a) => `sf_log1p(${a[0]})`,
  sqrt: (a) => `sqrt(${a[0]})`,
  abs: (a) => `abs(${a[0]})`,
  sin: (a) => `sin(${a[0]})`,
  cos: (a) => `cos(${a[0]})`,
  tan: (a) => `tan(${a[0]})`,
  tanh: (a) => `tanh(${a[0]})`,
  floor: (a) => `floor(${a[0]})`,
  ceil: (a) => `ceil(${a[0]})`,
  sign: (a) => `sign(${a[0]})`,
  min: (a) => `min(${a[0]}, ${a[1]})`,
  max: (a) => `max(${a[0]}, ${a[1]})`,
  clip: (a) => `min(max(${a[0]}, ${a[1]}), ${a[2]})`,
};

/** Names of the functions the WGSL printer maps (all of core's deterministic functions). */
export const WGSL_FUNCTIONS: readonly string[] = Object.keys(FUNCTION_TABLE);

/** Helper functions the printed code may call; templates include this once per shader. */
export const PRINTER_HELPERS = /* wgsl */ `
fn sf_bits(u: u32) -> f32 {
  // A function, so infinities and NaN are run-time values (constant ones do not compile).
  return bitcast<f32>(u);
}
fn sf_expm1(x: f32) -> f32 {
  // Kahan: exact where exp(x) rounds to 1, accurate elsewhere.
  let u = exp(x);
  if (u == 1.0f) { return x; }
  let um1 = u - 1.0f;
  if (um1 == -1.0f) { return -1.0f; }
  return um1 * x / log(u);
}
fn sf_log1p(x: f32) -> f32 {
  let u = 1.0f + x;
  if (u == 1.0f) { return x; }
  return log(u) * x / (u - 1.0f);
}
fn sf_pow(x: f32, y: f32) -> f32 {
  // JavaScript's x ** y: 1 for y == 0, defined for negative x when y is a whole number.
  if (y == 0.0f) { return 1.0f; }
  if (x > 0.0f) { return pow(x, y); }
  if (x == 0.0f) { return select(sf_bits(0x7f800000u), 0.0f, y > 0.0f); }
  if (y != floor(y)) { return sf_bits(0x7fc00000u); }
  let r = pow(-x, y);
  return select(r, -r, fract(y * 0.5f) != 0.0f);
}
`;

function print(e: Expr, resolve: WgslResolve, random: WgslRandomCall, o: WgslPrintOptions): Typed {
  const p = (x: Expr) => print(x, resolve, random, o);
  const product = (code: string) => (o.product ? `${o.product}(${code})` : code);
  switch (e.kind) {
    case 'num':
      return { code: (o.constant ?? f32Literal)(e.value), type: 'f32' };
    case 'ref':
      return { code: resolve(e.name, e.role), type: 'f32' };
    case 'unary': {
      const a = p(e.arg);
      return e.op === '-' ? { code: `(-${asF32(a)})`, type: 'f32' } : { code: `(!${asBool(a)})`, type: 'bool' };
    }
    case 'binary': {
      const l = p(e.left);
      const r = p(e.right);
      switch (e.op) {
        case '&&':
        case '||':
          return { code: `(${asBool(l)} ${e.op} ${asBool(r)})`, type: 'bool' };
        case '<':
        case '<=':
        case '>':
        case '>=':
        case '==':
        case '!=':
          return { code: `(${asF32(l)} ${e.op} ${asF32(r)})`, type: 'bool' };
        case '**':
          return { code: power(e.right, asF32(l), asF32(r), product), type: 'f32' };
        case '*':
          return { code: product(`(${asF32(l)} * ${asF32(r)})`), type: 'f32' };
        default:
          return { code: `(${asF32(l)} ${e.op} ${asF32(r)})`, type: 'f32' };
      }
    }
    case 'cond': {
      const test = asBool(p(e.test));
      const a = p(e.then);
      const b = p(e.else);
      if (a.type === 'bool' && b.type === 'bool') return { code: `select(${b.code}, ${a.code}, ${test})`, type: 'bool' };
      return { code: `select(${asF32(b)}, ${asF32(a)}, ${test})`, type: 'f32' };
    }
    case 'call': {
      if (e.site !== undefined) return { code: random(e.fn, e.site), type: 'f32' };
      const f = FUNCTION_TABLE[e.fn];
      if (!f) throw new Error(`internal: no WGSL mapping for function ${e.fn}`);
      return { code: f(e.args.map((a) => asF32(p(a)))), type: 'f32' };
    }
  }
}

/**
 * `x ** 2` is `x * x` (exact: the same float32 as rounding the double square); `x ** 0.5` is
 * `sqrt(x)`; anything else goes through `sf_pow`, which keeps JavaScript's sign rules.
 */
function power(exponent: Expr, base: string, exp: string, product: (code: string) => string): string {
  if (exponent.kind === 'num') {
    if (exponent.value === 1) return base;
    if (exponent.value === 2) return product(`(${base} * ${base})`);
    if (exponent.value === 0.5) return `sqrt(${base})`;
  }
  return `sf_pow(${base}, ${exp})`;
}

/** Prints validated IR as a WGSL `f32` expression. */
export function printWgslExpr(e: Expr, resolve: WgslResolve, random: WgslRandomCall, options: WgslPrintOptions = {}): string {
  return asF32(print(e, resolve, random, options));
}

/** Prints validated IR as a WGSL `bool` expression (thresholds, conditions). */
export function printWgslCondition(e: Expr, resolve: WgslResolve, random: WgslRandomCall, options: WgslPrintOptions = {}): string {
  return asBool(print(e, resolve, random, options));
}

/**
 * Prints statements: temporaries become `let` locals (named by `resolve(_, 'temp')`), state
 * writes assign the local `resolve(_, 'state')`, guarded by `guard` where it returns a condition.
 */
export function printWgslStatements(
  stmts: readonly Assign[],
  resolve: WgslResolve,
  random: WgslRandomCall,
  guard?: (s: Assign) => string | undefined,
  options: WgslPrintOptions = {},
): string[] {
  return stmts.map((s) => {
    const value = printWgslExpr(s.value, resolve, random, options);
    if (s.role === 'temp') return `let ${resolve(s.target, 'temp')} = ${value};`;
    const cond = guard?.(s);
    const assign = `${resolve(s.target, s.role)} = ${value};`;
    return cond ? `if (${cond}) { ${assign} }` : assign;
  });
}
