import type { BuiltConnection } from '@spikeflow/core/backend';
import { connectionValue, decayTable, traceConstants } from '@spikeflow/core/plan';
import type { Memory } from './buffers.js';
import type { Precision } from './precision.js';
import type { StoredSynapses } from './synapse-storage.js';

/** One trace of a plastic connection in one partition: its values and the step each was last brought up to date. */
export interface PartitionTrace {
  readonly name: string;
  readonly side: 'pre' | 'post';
  /** dt / tau: the trace decays by exp(−(steps since last update) · rate). */
  readonly rate: number;
  /** Added on each spike of its neuron (after the decay). */
  readonly jump: number;
  /** One value per presynaptic (side `pre`) or postsynaptic neuron (float32 in the f32 mode). */
  readonly values: Float64Array | Float32Array;
  /** f32 mode: the decay per step difference ({@link decayTable}); f64 computes exp() instead. */
  readonly table?: Float32Array;
  /** Step of each value's last update. */
  readonly last: Float64Array;
}

/**
 * One per-synapse variable of a plastic connection in one partition: its values (one per stored
 * synapse, as the weights) and its exact event-driven update over Δ steps: with `decays`,
 * x ← inf + (x − inf)·exp(Δ·rate); otherwise x ← x + Δ·slope.
 */
export interface PartitionSynapseVariable {
  readonly name: string;
  readonly values: Float64Array;
  /** Whether the equation has a term in the variable (b ≠ 0). */
  readonly decays: boolean;
  /** b·dt: the per-step exponent. */
  readonly rate: number;
  /** x∞ = −a/b (decays only). */
  readonly inf: number;
  /** a·dt: the per-step increment (not decays). */
  readonly slope: number;
  /** Whether the variable has an event-driven equation (otherwise it only changes in statements, or every step when `clock`). */
  readonly evolves: boolean;
  /** Clock-driven: advanced every step by the connection's synapse-advance kernel, never at events. */
  readonly clock: boolean;
}

/**
 * A plastic connection's state in one partition: its traces (every partition keeps its own copy of
 * the presynaptic ones, updated identically by every thread, and uses only its own postsynaptic
 * neurons' values of the postsynaptic ones) and the transposed index of its stored synapses.
 */
export interface PartitionPlasticity {
  readonly traces: readonly PartitionTrace[];
  /** Per-synapse variables besides w, indexed as the stored weights. */
  readonly vars: readonly PartitionSynapseVariable[];
  /** The weight's own event-driven equation, if any (`values` unused: the weights are the stored ones). */
  readonly weight?: PartitionSynapseVariable;
  /** Per stored synapse: the step of its last event (when its event-driven variables were last advanced); empty without any. */
  readonly lastEvent: Float64Array;
  /** First postsynaptic neuron of the partition: column `i` spans `colStart[i − lo] .. colStart[i − lo + 1]`. */
  readonly lo: number;
  readonly colStart: Uint32Array;
  /** Per column entry: the synapse's index into the stored weights, and its presynaptic neuron. */
  readonly synapse: Uint32Array;
  readonly pre: Uint32Array;
}

/**
 * Builds a partition's plastic state for stored synapses `s` (its postsynaptic slice `lo..hi`):
 * traces at zero, and the synapses onto each postsynaptic neuron ordered by presynaptic neuron
 * (then by their order in the row) — the same order for any number of partitions. In the f32
 * mode trace values are float32, jumps rounded to float32, and decay goes through {@link decayTable}.
 */
export function partitionPlasticity(c: BuiltConnection, s: StoredSynapses, lo: number, hi: number, dt: number, memory: Memory, fmt: Precision): PartitionPlasticity {
  if (s.format !== 'csr') throw new Error('internal: plastic synapses are stored as CSR');
  const inst = c.synapse;
  const plastic = inst.model.plasticity!;
  const f32 = fmt.name === 'f32';
  const traces = traceConstants(c, dt).map((tr): PartitionTrace => {
    const n = tr.side === 'pre' ? s.nPre : s.nPost;
    return {
      ...tr,
      jump: fmt.value(tr.jump),
      values: f32 ? memory.alloc(Float32Array, n) : memory.alloc(Float64Array, n),
      last: memory.alloc(Float64Array, n),
      ...(f32 ? { table: decayTable(tr.rate) } : {}),
    };
  });
  const vars = plastic.synapseState.map((v): PartitionSynapseVariable => {
    const where = `connection ${c.name} (model ${inst.model.name}, per-synapse variable ${v.name})`;
    const a = connectionValue(v.a, inst, dt, 'the equation', where);
    const b = connectionValue(v.b, inst, dt, 'the equation', where);
    const values = memory.alloc(Float64Array, s.count);
    values.fill(connectionValue(v.initial, inst, dt, 'the initial value', where));
    const clock = v.clock === true;
    return { name: v.name, values, decays: b !== 0, rate: b * dt, inf: b !== 0 ? -a / b : 0, slope: a * dt, evolves: v.source !== undefined && !clock, clock };
  });
  const we = plastic.weight;
  let weight: PartitionSynapseVariable | undefined;
  if (we) {
    const where = `connection ${c.name} (model ${inst.model.name}, plasticity.weightEquation)`;
    const a = connectionValue(we.a, inst, dt, 'the weight equation', where);
    const b = connectionValue(we.b, inst, dt, 'the weight equation', where);
    weight = { name: 'w', values: new Float64Array(0), decays: b !== 0, rate: b * dt, inf: b !== 0 ? -a / b : 0, slope: a * dt, evolves: true, clock: false };
  }
  // The step of each synapse's last event, for event-driven updates only (clock-driven variables are advanced every step).
  const lastEvent = memory.alloc(Float64Array, vars.some((v) => v.evolves) || weight ? s.count : 0);
  const colStart = memory.alloc(Uint32Array, hi - lo + 1);
  for (let k = 0; k < s.count; k++) colStart[s.post[k]! - lo + 1]!++;
  for (let i = 0; i < hi - lo; i++) colStart[i + 1]! += colStart[i]!;
  const fill = Uint32Array.from(colStart.subarray(0, hi - lo));
  const synapse = memory.alloc(Uint32Array, s.count);
  const pre = memory.alloc(Uint32Array, s.count);
  for (let p = 0; p < s.nPre; p++) {
    for (let k = s.rowStart[p]!; k < s.rowStart[p + 1]!; k++) {
      const at = fill[s.post[k]! - lo]!++;
      synapse[at] = k;
      pre[at] = p;
    }
  }
  return { traces, vars, ...(weight ? { weight } : {}), lastEvent, lo, colStart, synapse, pre };
}

/**
 * The current weights of a plastic connection, gathered from every partition's slice into the
 * table's CSR order, converted back to the model's weight unit (`factor`: internal per declared);
 * with `arrays`, any per-synapse array of each slice indexed as its stored weights.
 */
export function gatherWeights(table: BuiltConnection['table'], slices: readonly StoredSynapses[], bounds: readonly number[], factor: number, arrays: readonly (Float64Array | Float32Array)[] = slices.map((s) => s.weight as Float64Array | Float32Array)): Float64Array {
  if (table.format !== 'csr') throw new Error('internal: plastic synapses are stored as CSR');
  const out = new Float64Array(table.post.length);
  const cursor = new Uint32Array(slices.length);
  for (let p = 0; p < table.nPre; p++) {
    slices.forEach((s, u) => (cursor[u] = (s as Extract<StoredSynapses, { format: 'csr' }>).rowStart[p]!));
    for (let k = table.rowStart[p]!; k < table.rowStart[p + 1]!; k++) {
      let u = 0;
      while (table.post[k]! >= bounds[u + 1]!) u++;
      const w = arrays[u]!;
      out[k] = w[cursor[u]!++]! / factor;
    }
  }
  return out;
}

/**
 * The values of the synapses at `indices` (table CSR order) of a plastic connection, one per
 * selected synapse in the order given, each divided by `factor` — the same numbers as the same
 * entries of {@link gatherWeights}, found without gathering the rest: a synapse's row by binary
 * search in the table's `rowStart`, its partition by its postsynaptic neuron, its place in that
 * partition's slice by counting the row's earlier synapses in the same partition (work per
 * selected synapse: log(nPre) plus its row's length).
 */
export function gatherAt(table: BuiltConnection['table'], slices: readonly StoredSynapses[], bounds: readonly number[], factor: number, indices: ArrayLike<number>, arrays: readonly (Float64Array | Float32Array)[] = slices.map((s) => s.weight as Float64Array | Float32Array)): Float64Array {
  if (table.format !== 'csr') throw new Error('internal: plastic synapses are stored as CSR');
  const partition = (post: number) => {
    let u = 0;
    while (post >= bounds[u + 1]!) u++;
    return u;
  };
  const out = new Float64Array(indices.length);
  for (let n = 0; n < indices.length; n++) {
    const k = indices[n]!;
    // The row p with rowStart[p] <= k < rowStart[p + 1] (rows may be empty: the last such p).
    let [lo, hi] = [0, table.nPre - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (table.rowStart[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    const p = lo;
    const u = partition(table.post[k]!);
    let at = (slices[u] as Extract<StoredSynapses, { format: 'csr' }>).rowStart[p]!;
    for (let j = table.rowStart[p]!; j < k; j++) if (partition(table.post[j]!) === u) at++;
    out[n] = arrays[u]![at]! / factor;
  }
  return out;
}
