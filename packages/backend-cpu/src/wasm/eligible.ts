import type { Assign, Expr } from '@spikeflow/core/ir';
import { wasmApi } from './assembler.js';
import { blockCode, type KernelPlan, type PopulationPlan } from '@spikeflow/core/plan';
import type { StoredSynapses } from '../synapse-storage.js';

/**
 * Whether a kernel can be WebAssembly, and if not, why (a simulation states every fallback in its
 * description). Every IR function and random draw has a WebAssembly form (instructions or host
 * functions, see assembler.ts; random draws by the module's own Philox, philox.ts); what remains
 * JavaScript is the f32 mode, user array, events, external and Poisson-input stimuli, and dense
 * propagation.
 */
export type Eligibility = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const YES: Eligibility = { ok: true };

/** References a population kernel cannot have (onPre-only values). */
const popRefOk = (e: Expr): boolean => e.kind !== 'ref' || e.role !== 'weight';
/** Propagation has no t, step or dt in scope (as in the JavaScript kernel). */
const onPreRefOk = (e: Expr): boolean => e.kind !== 'ref' || ['state', 'post', 'parameter', 'derived', 'weight', 'temp'].includes(e.role);

function every(e: Expr, ok: (e: Expr) => boolean): boolean {
  if (!ok(e)) return false;
  switch (e.kind) {
    case 'unary':
      return every(e.arg, ok);
    case 'binary':
      return every(e.left, ok) && every(e.right, ok);
    case 'cond':
      return every(e.test, ok) && every(e.then, ok) && every(e.else, ok);
    case 'call':
      return e.args.every((a) => every(a, ok));
    default:
      return true;
  }
}
const stmtsOk = (s: readonly Assign[], ok: (e: Expr) => boolean) => s.every((a) => every(a.value, ok));

/** Whether population `pop`'s fused kernel can be WebAssembly SIMD (f64 only). */
export function populationEligible(plan: KernelPlan, pop: PopulationPlan): Eligibility {
  if (!wasmApi()) return { ok: false, reason: 'no WebAssembly in this JavaScript engine' };
  for (const op of pop.ops) {
    if (op.op === 'array' || op.op === 'external' || op.op === 'events') return { ok: false, reason: `${op.op} stimulus ${plan.stimuli[op.stimulus]!.name} is read by JavaScript` };
    if (op.op === 'poisson-input') return { ok: false, reason: `Poisson input ${plan.stimuli[op.stimulus]!.name} is drawn by JavaScript` };
    if (op.op === 'load') {
      const code = blockCode(op.block);
      if (!code.statements.every((s) => stmtsOk(s, popRefOk)) || !code.expressions.every((e) => every(e, popRefOk))) return { ok: false, reason: `${op.block.label} reads a synapse weight` };
    }
  }
  return YES;
}

/** Whether a connection's propagation can be WebAssembly (sparse tables). */
export function propagationEligible(onPre: readonly Assign[], stored: StoredSynapses): Eligibility {
  if (!wasmApi()) return { ok: false, reason: 'no WebAssembly in this JavaScript engine' };
  if (stored.format !== 'csr') return { ok: false, reason: 'dense table' };
  if (!stmtsOk(onPre, onPreRefOk)) return { ok: false, reason: 'onPre reads t, step or dt' };
  return YES;
}
