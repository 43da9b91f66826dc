import { ConfigError } from '../errors.js';
import { evaluate } from '../expr/evaluate.js';
import type { Expr } from '../expr/ir.js';
import type { ModelInstance } from '../model/instance.js';
import type { BuiltConnection } from '../network/types.js';

/**
 * Longest step difference of the float32 trace-decay table: a trace last updated n ≤ 1024 steps
 * ago decays by `table[n]`; older ones by `table[1024]` per 1024 steps first. The CPU f32 mode and
 * the WebGPU backend use the same table and the same sequence of float32 products, so both give
 * identical traces (GPUs' `exp` is not correctly rounded; a host-computed table is).
 */
export const DECAY_STEPS = 1024;

/** Smallest normal float32: decayed traces below it (subnormal) are 0, as GPUs that flush subnormals have them. */
export const MIN_NORMAL_F32 = 2 ** -126;

/**
 * `Math.fround(exp(−k · rate))` for k = 0 … {@link DECAY_STEPS}, subnormal entries 0: a float32
 * trace's decay per step difference.
 *
 * @example
 * decayTable(0.1 / 20)[40]; // exp(-40 * 0.005) as float32
 */
export function decayTable(rate: number): Float32Array {
  return Float32Array.from({ length: DECAY_STEPS + 1 }, (_, k) => {
    const x = Math.fround(Math.exp(-k * rate));
    return x < MIN_NORMAL_F32 ? 0 : x;
  });
}

/**
 * The value of `e` (an expression of `dt`, parameters and derived values) for a whole connection.
 * A value that differs between neurons is `ConfigError` `unsupported` at `where`, naming `what`.
 *
 * @example
 * connectionValue(trace.tau, connection.synapse, 0.1, 'the time constant', 'connection a->b');
 */
export function connectionValue(e: Expr, inst: ModelInstance, dt: number, what: string, where: string): number {
  return evaluate(e, {
    lookup: (name, role) => {
      if (role === 'dt') return dt;
      const v = inst.values.get(name);
      if (typeof v !== 'number') throw new ConfigError('unsupported', where, `${what} uses '${name}', which differs between neurons here; plastic traces and per-synapse variables need one value per connection`);
      return v;
    },
  });
}

/** One spike trace of a plastic connection, as every backend stores and updates it. */
export interface TraceConstants {
  /** The trace's name in the model. */
  readonly name: string;
  /** Whose spikes bump it: one value per presynaptic or per postsynaptic neuron. */
  readonly side: 'pre' | 'post';
  /** dt / tau: the trace decays by exp(−(steps since its last update) · rate). */
  readonly rate: number;
  /** Added on each spike of its neuron (float64; float32 backends round it). */
  readonly jump: number;
}

/**
 * The traces of a plastic connection with their decay rates and jumps, evaluated once for the
 * connection. Named errors: `non-positive-time-constant` for tau ≤ 0, `unsupported` for a time
 * constant or jump that differs between neurons.
 *
 * @example
 * traceConstants(connection, 0.1); // [{ name: 'apre', side: 'pre', rate: 0.005, jump: 0.1 }, …]
 */
export function traceConstants(c: BuiltConnection, dt: number): TraceConstants[] {
  const inst = c.synapse;
  return inst.model.plasticity!.traces.map((tr) => {
    const where = `connection ${c.name} (model ${inst.model.name}, trace ${tr.name})`;
    const tau = connectionValue(tr.tau, inst, dt, 'the time constant', where);
    if (!(tau > 0)) throw new ConfigError('non-positive-time-constant', where, `the trace's time constant must be > 0 ms, got ${tau}`);
    return { name: tr.name, side: tr.side, rate: dt / tau, jump: connectionValue(tr.jump, inst, dt, 'the jump', where) };
  });
}
