import type { Assign, Expr } from '../expr/ir.js';
import { mapExpr, walkExpr } from '../expr/ir.js';
import { isRandomFunction } from '../expr/functions.js';

/** A value computed once on the host from parameters and `dt`: scalar, or per neuron when a parameter is. */
export interface DerivedValue {
  /** The user's name (e.g. `tau_m`) or a generated `_d<k>` for a hoisted subexpression. */
  readonly name: string;
  /** Its expression of parameters, earlier derived values and `dt`. */
  readonly expr: Expr;
}

interface Blocks {
  step: Assign[];
  reset: Assign[];
  onPre: Assign[];
  threshold: Expr | undefined;
  output: Expr | undefined;
}

const isStatic = (e: Expr): boolean => {
  let ok = true;
  walkExpr(e, (n) => {
    if (n.kind === 'ref' && n.role !== 'parameter' && n.role !== 'derived' && n.role !== 'dt') ok = false;
    if (n.kind === 'call' && isRandomFunction(n.fn)) ok = false;
  });
  return ok;
};

/**
 * Moves every maximal subexpression that depends only on parameters and `dt` (e.g.
 * `expm1(-dt/(R*C))`) out of the step loop into host-computed derived values, deduplicated.
 */
export function hoistStatic(blocks: Blocks, firstIndex: number): Blocks & { derived: DerivedValue[] } {
  const derived: DerivedValue[] = [];
  const byKey = new Map<string, string>();
  const hoist = (e: Expr): Expr =>
    mapExpr(e, (n) => {
      if (n.kind === 'num' || n.kind === 'ref' || !isStatic(n)) return undefined;
      const key = JSON.stringify(n);
      let name = byKey.get(key);
      if (!name) {
        name = `_d${firstIndex + derived.length}`;
        byKey.set(key, name);
        derived.push({ name, expr: n });
      }
      return { kind: 'ref', name, role: 'derived' };
    });
  const stmts = (list: Assign[]) => list.map((s) => ({ ...s, value: hoist(s.value) }));
  return {
    step: stmts(blocks.step),
    reset: stmts(blocks.reset),
    onPre: stmts(blocks.onPre),
    threshold: blocks.threshold && hoist(blocks.threshold),
    output: blocks.output && hoist(blocks.output),
    derived,
  };
}
