import type { Assign, Expr } from '@spikeflow/core/ir';
import { F64, type Precision } from '../precision.js';

/** Turns a reference into JavaScript: a local, an array element, a bound scalar. */
export type Resolve = (name: string, role: string) => string;
/** Turns a random call site into JavaScript. */
export type RandomCall = (fn: string, site: number) => string;

const MATH_FN: Readonly<Record<string, (args: string[]) => string>> = {
  exp: (a) => `Math.exp(${a[0]})`,
  expm1: (a) => `Math.expm1(${a[0]})`,
  log: (a) => `Math.log(${a[0]})`,
  log1p: (a) => `Math.log1p(${a[0]})`,
  sqrt: (a) => `Math.sqrt(${a[0]})`,
  abs: (a) => `Math.abs(${a[0]})`,
  sin: (a) => `Math.sin(${a[0]})`,
  cos: (a) => `Math.cos(${a[0]})`,
  tan: (a) => `Math.tan(${a[0]})`,
  tanh: (a) => `Math.tanh(${a[0]})`,
  floor: (a) => `Math.floor(${a[0]})`,
  ceil: (a) => `Math.ceil(${a[0]})`,
  sign: (a) => `Math.sign(${a[0]})`,
  min: (a) => `Math.min(${a[0]}, ${a[1]})`,
  max: (a) => `Math.max(${a[0]}, ${a[1]})`,
  clip: (a) => `Math.min(Math.max(${a[0]}, ${a[1]}), ${a[2]})`,
};

/** A numeric literal that reads back as the same double. */
export function literal(x: number): string {
  // String() already gives 'NaN', 'Infinity' and '-Infinity'; only -0 needs spelling out.
  if (Object.is(x, -0)) return '(-0)';
  return x < 0 ? `(${String(x)})` : String(x);
}

/**
 * Prints validated IR as a JavaScript expression. Only IR reaches here: names come from the
 * model's checked scope and are mapped by `resolve`, functions from the fixed table above.
 */
export function printExpr(e: Expr, resolve: Resolve, random: RandomCall, fmt: Precision = F64): string {
  const p = (x: Expr) => printExpr(x, resolve, random, fmt);
  // A number as a condition: nonzero is true, NaN included (as core's interpreter, WebAssembly and WGSL have it; JS's `!!NaN` is false).
  const truth = (x: Expr) => `(+${p(x)} !== 0)`;
  switch (e.kind) {
    case 'num':
      return literal(fmt.value(e.value));
    case 'ref':
      return resolve(e.name, e.role);
    case 'unary':
      return e.op === '-' ? `(-${p(e.arg)})` : `(!${truth(e.arg)})`;
    case 'binary':
      switch (e.op) {
        case '&&':
          return `(${truth(e.left)} && ${truth(e.right)})`;
        case '||':
          return `(${truth(e.left)} || ${truth(e.right)})`;
        case '==':
          return `(+${p(e.left)} === +${p(e.right)})`;
        case '!=':
          return `(+${p(e.left)} !== +${p(e.right)})`;
        case '+':
        case '-':
        case '*':
        case '/':
          return fmt.round(`(${p(e.left)} ${e.op} ${p(e.right)})`);
        case '**':
          // Math.pow, the function the WebAssembly kernels import: identical values in both.
          return fmt.round(`Math.pow(${p(e.left)}, ${p(e.right)})`);
        default:
          return `(${p(e.left)} ${e.op} ${p(e.right)})`;
      }
    case 'cond':
      return `(${truth(e.test)} ? ${p(e.then)} : ${p(e.else)})`;
    case 'call': {
      if (e.site !== undefined) return fmt.round(random(e.fn, e.site));
      const f = MATH_FN[e.fn];
      if (!f) throw new Error(`internal: no JavaScript mapping for function ${e.fn}`);
      return fmt.round(f(e.args.map(p)));
    }
  }
}

/** Prints statements; temporaries become block-scoped locals, state writes go through `resolve`. */
export function printStatements(
  stmts: readonly Assign[],
  resolve: Resolve,
  random: RandomCall,
  fmt: Precision = F64,
  guard?: (s: Assign) => string | undefined,
): string[] {
  return stmts.map((s) => {
    const value = printExpr(s.value, resolve, random, fmt);
    if (s.role === 'temp') return `const ${resolve(s.target, 'temp')} = ${value};`;
    const cond = guard?.(s);
    const assign = `${resolve(s.target, s.role)} = ${value};`;
    return cond ? `if (${cond}) ${assign}` : assign;
  });
}
