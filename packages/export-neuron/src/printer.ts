import type { CompiledModel } from '@spikeflow/core/backend';
import type { Assign, BinaryOp, Expr } from '@spikeflow/core/ir';

/** How one target language spells the IR: names, literals, operators and functions. */
export interface Dialect {
  /** Target name, for error messages (`NEURON`, `Brian2`). */
  readonly target: string;
  /** A reference (name and role come from validated IR) as a target identifier or expression. */
  readonly ref: (name: string, role: string) => string;
  readonly binary: Readonly<Record<BinaryOp, string>>;
  readonly not: string;
  /** Function name → how to print a call with printed arguments; a missing entry is not exportable. */
  readonly functions: Readonly<Record<string, (args: string[]) => string>>;
  /** `test ? then : else`, or undefined when the target has no conditional expression. */
  readonly cond?: (test: string, then: string, other: string) => string;
}

/** An IR construct the target cannot express: caught and listed by the exporter, never printed. */
export class Unprintable extends Error {}

/** A numeric literal that parses back to the same double in C and in Python. */
export function literal(x: number): string {
  if (!Number.isFinite(x)) throw new Unprintable(`the non-finite number ${x}`);
  if (Object.is(x, -0)) return '(-0.0)';
  const s = String(x);
  return x < 0 ? `(${s})` : s;
}

/**
 * Prints validated IR fully parenthesised, so the target evaluates the operations in the IR's
 * order (the same rounding as spikeflow's own kernels for + − × ÷).
 */
export function printExpr(e: Expr, d: Dialect): string {
  const p = (x: Expr) => printExpr(x, d);
  switch (e.kind) {
    case 'num':
      return literal(e.value);
    case 'ref':
      return d.ref(e.name, e.role);
    case 'unary':
      return e.op === '-' ? `(-${p(e.arg)})` : `(${d.not}${p(e.arg)})`;
    case 'binary':
      return `(${p(e.left)} ${d.binary[e.op]} ${p(e.right)})`;
    case 'cond':
      if (!d.cond) throw new Unprintable(`a conditional expression (no ${d.target} equivalent)`);
      return d.cond(p(e.test), p(e.then), p(e.else));
    case 'call': {
      if (e.site !== undefined) throw new Unprintable(`the per-step random function ${e.fn}()${e.fn === 'randn' ? ' or white noise xi (drawn with it)' : ''} (not reproducible in ${d.target}; use it in a stimulus, which is exported as data)`);
      const f = Object.hasOwn(d.functions, e.fn) ? d.functions[e.fn] : undefined;
      if (!f) throw new Unprintable(`the function ${e.fn}() (no ${d.target} equivalent)`);
      return f(e.args.map(p));
    }
  }
}

/** Prints `target = value` statements; `guard(s)` wraps a state write in a condition (refractoriness). */
export function printAssignments(stmts: readonly Assign[], d: Dialect, assign: (target: string, value: string, s: Assign) => string): string[] {
  return stmts.map((s) => assign(d.ref(s.target, s.role), printExpr(s.value, d), s));
}

/**
 * Tries to print every block of a compiled model; returns one line per construct the target
 * cannot express, naming `where`, the model and the block.
 */
export function unprintable(m: CompiledModel, d: Dialect, where: string): string[] {
  const out: string[] = [];
  const blocks: [string, readonly Expr[]][] = [
    ['equations/update', m.step.map((s) => s.value)],
    ['threshold', m.threshold ? [m.threshold] : []],
    ['reset', m.reset.map((s) => s.value)],
    ['onPre', m.onPre.map((s) => s.value)],
    ['output', m.output ? [m.output] : []],
  ];
  for (const [block, exprs] of blocks) {
    for (const e of exprs) {
      try {
        printExpr(e, d);
      } catch (err) {
        if (!(err instanceof Unprintable)) throw err;
        const line = `${where} (model ${m.name}, ${block}): uses ${err.message}`;
        if (!out.includes(line)) out.push(line);
      }
    }
  }
  return out;
}
