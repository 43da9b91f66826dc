import { ConfigError } from '@spikeflow/core';
import type { SynapseLayout, SynapseSink } from '@spikeflow/core';
import type { CsrTable } from '@spikeflow/core/backend';
import type ndarray from 'ndarray';
import { nonNegativeInteger } from './check.js';
import { RowStore } from './row-store.js';
import { checkSelection, pairIndices, type SynapseSelection } from './synapse-selection.js';

/**
 * Default bound on a synapse monitor's storage: 256 MiB (268 435 456 bytes), e.g. 1000 synapses
 * every step for 33 000 steps.
 *
 * @example
 * new SynapseMonitor('in->out', { maxBytes: 4 * DEFAULT_MAX_SYNAPSE_BYTES }); // allow 1 GiB
 */
export const DEFAULT_MAX_SYNAPSE_BYTES = 256 * 1024 * 1024;

/**
 * Options of {@link SynapseMonitor}: which variable, which synapses, how often, how much memory.
 *
 * @example
 * const o: SynapseMonitorOptions = { variable: 'w', every: 1000, pairs: [[0, 0], [1, 0]] };
 */
export interface SynapseMonitorOptions extends SynapseSelection {
  /** Per-synapse variable to record. Default `w`, the weight (in the synapse model's weight unit). */
  readonly variable?: string;
  /** Record every `every`-th step, a whole number ≥ 1 (else `ConfigError` `bad-every`). Default 1. */
  readonly every?: number;
  /**
   * Most bytes of storage (8 per value + 4 per row for its step). A run that would need more is
   * refused by `begin` before it starts (`ConfigError` `monitor-too-large`). Default
   * {@link DEFAULT_MAX_SYNAPSE_BYTES}. To keep more, stream instead (`SynapseWriter`).
   */
  readonly maxBytes?: number;
}

/**
 * Records a per-synapse variable (the weight `w`) of one connection every `every` steps: all its
 * synapses, chosen synapse indices, or chosen (pre, post) pairs. Snapshots are stored row-major as
 * [rows × recorded synapses] in one Float64Array, bounded by `maxBytes`. Works on every backend
 * through the shared run loop (the WebGPU backend has static weights: every row is the same).
 *
 * `Network.build` checks the connection (`unknown-connection`), the variable (`unknown-variable`)
 * and the indices (`bad-synapse-index`), and resolves pairs (`no-synapse`).
 *
 * @example
 * const w = net.monitor(new SynapseMonitor('inputs->neuron', { every: 10_000 }));
 * await net.run({ duration: 10_000 }, createCpuBackend());
 * w.values();     // ndarray [rows × 1000], nS
 * w.times;        // steps of the rows: 0, 10 000, …
 * w.table();      // the last row as a CSR table, for weightMatrixSpec / weightHistogramSpec
 */
export class SynapseMonitor implements SynapseSink {
  readonly kind = 'synapses' as const;
  /** Name of the recorded connection. */
  readonly connection: string;
  /** Recorded per-synapse variable. */
  readonly variable: string;
  /** Steps between recorded rows. */
  readonly every: number;
  /** Bound on storage, in bytes. */
  readonly maxBytes: number;
  private chosen: Int32Array | undefined;
  private readonly pairs: SynapseSelection['pairs'];
  private layoutOf: SynapseLayout | undefined;
  private readonly store: RowStore;

  constructor(connection: string, options: SynapseMonitorOptions = {}) {
    if (typeof connection !== 'string' || connection === '') throw new ConfigError('bad-option', 'monitor synapses', `expected the name of a connection, got ${String(connection)}`);
    this.connection = connection;
    this.variable = options.variable ?? 'w';
    const every = options.every ?? 1;
    if (!Number.isSafeInteger(every) || every < 1) throw new ConfigError('bad-every', `${this.path}.every`, `expected a whole number of steps >= 1, got ${every}`);
    this.every = every;
    this.maxBytes = nonNegativeInteger(options.maxBytes ?? DEFAULT_MAX_SYNAPSE_BYTES, `${this.path}.maxBytes`);
    this.chosen = checkSelection(options, this.path);
    this.pairs = options.pairs;
    this.store = new RowStore(this.maxBytes, (needed, what) => this.tooLarge(needed, what));
    this.store.width = this.width;
  }

  /** `monitor synapses <connection>.<variable>`, the name used in messages. */
  get path(): string {
    return `monitor synapses ${this.connection}.${this.variable}`;
  }

  /** Recorded synapse indices, in column order; undefined when recording all. */
  get indices(): Int32Array | undefined {
    return this.chosen;
  }

  /** Called by `Network.build` with the connection's synapses: resolves pairs to synapse indices. */
  attach(layout: SynapseLayout): void {
    if (this.rows > 0 && this.layoutOf && this.layoutOf.count !== layout.count) throw new ConfigError('bad-option', this.path, 'this monitor already holds rows of another network');
    this.layoutOf = layout;
    if (this.pairs) this.chosen = pairIndices(this.pairs, layout, this.path);
    if (this.rows === 0) this.store.width = this.width;
  }

  /** Where the connection's synapses are (after the network is built). */
  get layout(): SynapseLayout {
    if (!this.layoutOf) throw new ConfigError('not-attached', this.path, 'the network has not been built yet: run it (or call build) first');
    return this.layoutOf;
  }

  /** Recorded synapses per row (known once the network is built, or when indices are given). */
  get width(): number {
    return this.chosen?.length ?? this.layoutOf?.count ?? 0;
  }

  /** Synapse index of each column (a copy). */
  get synapses(): Int32Array {
    return this.chosen ? this.chosen.slice() : Int32Array.from({ length: this.layout.count }, (_, k) => k);
  }

  /** Presynaptic neuron of each column. */
  get pre(): Int32Array {
    const { pre } = this.layout;
    return this.synapses.map((k) => pre[k]!);
  }

  /** Postsynaptic neuron of each column. */
  get post(): Int32Array {
    const { post } = this.layout;
    return this.synapses.map((k) => post[k]!);
  }

  /** Bytes per recorded row: 8 per value plus 4 for its step. */
  get bytesPerRow(): number {
    return this.store.bytesPerRow;
  }

  /**
   * Called before a run of `steps` steps: makes room for `ceil(steps / every)` more rows, or throws
   * `ConfigError` `monitor-too-large` when that exceeds `maxBytes` (recorded rows are kept).
   */
  begin(steps: number): void {
    nonNegativeInteger(steps, `${this.path} begin.steps`);
    if (this.width === 0) return;
    this.store.reserve(Math.ceil(steps / this.every), `this run of ${steps} steps`);
  }

  /** Called every `every` steps with one value per recorded synapse (copied). */
  onSynapses(step: number, values: Float64Array): void {
    this.store.push(step, values, this.path);
  }

  /** Rows recorded. */
  get rows(): number {
    return this.store.rows;
  }

  /** The step of each recorded row (time in ms = step × dt): a view on the storage. */
  get times(): Int32Array {
    return this.store.times;
  }

  /** Recorded values as a float64 ndarray [rows × width] (a view; column k is synapse `synapses[k]`). */
  values(): ndarray.NdArray<Float64Array> {
    return this.store.values();
  }

  /**
   * One row (default the last) as a CSR table of the recorded synapses — for `weightArray`,
   * `weightMatrixSpec` and `weightHistogramSpec`. Throws `ConfigError` `not-recorded` when there
   * is no such row.
   *
   * @example
   * weightHistogramSpec({ weights: monitor.table() });
   */
  table(row = this.rows - 1): CsrTable {
    if (!(Number.isInteger(row) && row >= 0 && row < this.rows)) throw new ConfigError('not-recorded', this.path, `no row ${row}; ${this.rows} rows recorded`);
    return csrOf(this.layout, this.synapses, this.store.row(row));
  }

  private tooLarge(needed: number, what: string): ConfigError {
    return new ConfigError(
      'monitor-too-large',
      this.path,
      `recording ${this.width} synapse(s) every ${this.every} step(s) needs ${needed * this.bytesPerRow} bytes for ${needed} rows ` +
        `(${this.rows} recorded + ${needed - this.rows} for ${what}), over maxBytes = ${this.maxBytes}; ` +
        'record fewer synapses (indices, pairs), sample less often (every), raise maxBytes, or stream to a file (SynapseWriter)',
    );
  }
}

/**
 * A CSR table of chosen synapses with the given values (one per entry of `synapses`), rows by
 * presynaptic neuron, each row in the order of the synapses.
 *
 * @example
 * csrOf(layout, Int32Array.of(0, 2), Float64Array.of(1.5, 0.2));
 */
export function csrOf(layout: Pick<SynapseLayout, 'nPre' | 'nPost' | 'pre' | 'post'>, synapses: Int32Array, values: ArrayLike<number>): CsrTable {
  const order = Array.from(synapses.keys()).sort((a, b) => layout.pre[synapses[a]!]! - layout.pre[synapses[b]!]! || synapses[a]! - synapses[b]!);
  const rowStart = new Uint32Array(layout.nPre + 1);
  for (const k of order) rowStart[layout.pre[synapses[k]!]! + 1]!++;
  for (let i = 0; i < layout.nPre; i++) rowStart[i + 1]! += rowStart[i]!;
  return {
    format: 'csr',
    nPre: layout.nPre,
    nPost: layout.nPost,
    rowStart,
    post: Uint32Array.from(order, (k) => layout.post[synapses[k]!]!),
    weights: Float64Array.from(order, (k) => values[k]!),
  };
}
