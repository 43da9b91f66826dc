import { ConfigError } from '@spikeflow/core';
import type { BuiltConnection, BuiltNetwork, CsrTable, SynapseTable } from '@spikeflow/core/backend';
import type { DelayGroup } from '@spikeflow/core/plan';

/**
 * GPU memory: four storage buffers (compatibility mode allows 4 per stage), each a growing
 * region of 32-bit words:
 *   F  f32, read-write:  states, per-neuron parameters, array-stimulus rows, state-monitor rows
 *   A  atomic u32:       per-step spike counters, monitor stream counters, synaptic event counters
 *   I  u32, read-write:  spike lists, last-spike and refractory steps, event buckets, spike streams
 *   C  u32, read-only:   CSR rows, targets, in-degree offsets, weights (float bits), indices
 */
export class Arena {
  /** Words allocated so far. */
  words = 0;
  /** Allocates `n` words; returns their offset. */
  alloc(n: number): number {
    const at = this.words;
    this.words += Math.max(0, Math.ceil(n));
    return at;
  }
}

/** Float32 bits of `values` (times `scale`), as words for C. */
export const f32Bits = (values: ArrayLike<number>, scale = 1): Uint32Array => {
  const f = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) f[k] = (values[k] as number) * scale;
  return new Uint32Array(f.buffer);
};

/** Sizes a program must respect. */
export interface ProgramOptions {
  /** Largest number of steps per submission. */
  readonly maxChunk: number;
  /** Words a chunk-sized region (spike stream, array rows, state rows) may take before chunks shrink. */
  readonly regionWords: number;
  /** Limit on one storage binding, in bytes. */
  readonly maxBindingBytes: number;
}

/** Chooses the chunk length (steps per submission) so that chunk-sized regions stay bounded. */
export function chunkLength(net: BuiltNetwork, o: ProgramOptions): number {
  let chunk = Math.max(1, Math.floor(o.maxChunk));
  const sizeOf = new Map(net.populations.map((p) => [p.name, p.instance.size]));
  const bound = (perStep: number) => {
    chunk = Math.min(chunk, Math.max(1, Math.floor(o.regionWords / Math.max(1, perStep))));
  };
  for (const m of net.monitors) {
    if (m.kind === 'spikes') bound(sizeOf.get(m.population)!);
    else if (m.kind === 'state') bound((m.indices?.length ?? sizeOf.get(m.population)!) / m.every);
  }
  for (const s of net.stimuli) {
    if (s.kind === 'array') bound(sizeOf.get(s.population)!);
    if (s.kind === 'external') chunk = 1;
  }
  return chunk;
}

/** Throws a ConfigError naming `what` when `words` exceed one storage binding. */
export function checkBinding(words: number, what: string, o: ProgramOptions): void {
  if (words * 4 > o.maxBindingBytes) {
    throw new ConfigError('too-large', what, `needs ${words * 4} bytes in one GPU buffer; this device allows ${o.maxBindingBytes} (maxStorageBufferBindingSize)`);
  }
}

/** Synapses of a table (dense: the weights that are not zero in float32). */
export const synapseTotal = (t: SynapseTable): number => {
  if (t.format === 'csr') return t.post.length;
  let n = 0;
  for (let k = 0; k < t.weights.length; k++) if (Math.fround(t.weights[k] as number) !== 0) n++;
  return n;
};

/** Where one connection's tables, event buckets and event counters are. */
export interface ConnLayout {
  /** Table format. */
  readonly format: 'csr' | 'dense';
  /** Presynaptic neurons. */
  readonly nPre: number;
  /** Postsynaptic neurons. */
  readonly nPost: number;
  /**
   * C: CSR row starts of each delay group (empty for dense). Synapse ids run over the groups'
   * tables one after the other (group-major), so each group's row starts are offset by its first id.
   */
  readonly rows: readonly number[];
  /** C: CSR targets (-1 for dense). */
  readonly post: number;
  /** C: each target's first bucket slot (-1 for dense). */
  readonly inStart: number;
  /** C: weights, float bits, signed. */
  readonly weights: number;
  /** I: event buckets (synapse ids for CSR, presynaptic indices for dense). */
  readonly buckets: number;
  /** A: events pending per target neuron. */
  readonly pending: number;
}

/**
 * Lays out connection `c` from its delay groups (`@spikeflow/core/plan`): its tables in C (through
 * `constants`), buckets in I, counters in A. The groups' CSR tables are concatenated in group
 * order, so a synapse's id orders events as the CPU applies them: group (ascending delay), then
 * presynaptic neuron, then row position. A dense table has one delay, hence one group.
 */
export function connectionLayout(c: BuiltConnection, groups: readonly DelayGroup[], I: Arena, A: Arena, constants: (v: Uint32Array) => number): ConnLayout {
  const t = c.table;
  const pending = A.alloc(t.nPost);
  if (t.format === 'csr') {
    const tables = groups.map((g) => g.table as CsrTable);
    const total = tables.reduce((n, g) => n + g.post.length, 0);
    const post = new Uint32Array(total);
    const weights = new Float64Array(total);
    const rowStarts: Uint32Array[] = [];
    let first = 0;
    for (const g of tables) {
      post.set(g.post, first);
      weights.set(g.weights, first);
      rowStarts.push(Uint32Array.from(g.rowStart, (r) => r + first));
      first += g.post.length;
    }
    const inDegree = new Uint32Array(t.nPost);
    for (let j = 0; j < total; j++) inDegree[post[j]!]!++;
    const inStart = new Uint32Array(t.nPost);
    let acc = 0;
    for (let i = 0; i < t.nPost; i++) {
      inStart[i] = acc;
      acc += inDegree[i]!;
    }
    return {
      format: 'csr',
      nPre: t.nPre,
      nPost: t.nPost,
      rows: rowStarts.map((r) => constants(r)),
      post: constants(post),
      inStart: constants(inStart),
      weights: constants(f32Bits(weights, c.sign)),
      buckets: I.alloc(total),
      pending,
    };
  }
  return {
    format: 'dense',
    nPre: t.nPre,
    nPost: t.nPost,
    rows: [],
    post: -1,
    inStart: -1,
    weights: constants(f32Bits(t.weights, c.sign)),
    buckets: I.alloc(t.nPre * t.nPost),
    pending,
  };
}
