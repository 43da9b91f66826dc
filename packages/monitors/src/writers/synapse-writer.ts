import { ConfigError } from '@spikeflow/core';
import type { SynapseLayout, SynapseSink } from '@spikeflow/core';
import type { ByteSink } from './byte-sink.js';
import { npyHeader } from './npy.js';
import type { DataFormat, WriterPosition } from './spike-writer.js';
import { JsonTail, type Flushable } from './flushable.js';
import { timeMs } from '../csv.js';
import { checkSelection, pairIndices, type SynapseSelection } from '../synapse-selection.js';
import { csrOf } from '../synapse-monitor.js';
import type { CsrTable } from '@spikeflow/core/backend';

const encoder = new TextEncoder();
const JSON_TAIL = ']}\n';

/** Options of {@link SynapseWriter}. */
export interface SynapseWriterOptions extends SynapseSelection {
  readonly format: DataFormat;
  /** Time step in ms (CSV time column, JSON header). */
  readonly dt: number;
  /** Per-synapse variable. Default `w`. */
  readonly variable?: string;
  /** Record every `every`-th step (whole number ≥ 1, else `ConfigError` `bad-every`). Default 1. */
  readonly every?: number;
  /** Continue a file written up to a checkpoint: nothing is written before the new rows. */
  readonly resume?: WriterPosition;
}

/**
 * Streams a synapse monitor's snapshots [rows × recorded synapses] to a {@link ByteSink} row by
 * row, in constant memory: no bound but the disk. After each `flush()` the file is complete and
 * loadable; `finish()` flushes and closes it. The columns are known once the network is built
 * (`attach`), which writes the header:
 *
 * - csv: `step,time_ms,w[<synapse>:<pre>-><post>],…` rows.
 * - json: `{"connection", "variable", "dt", "every", "synapses", "pre", "post", "data": [[…], …]}`.
 * - npy: float64 [rows × synapses]; which synapse each column is: {@link SynapseWriter.columns}
 *   (the CLI writes them next to it as `<name>_columns.npy`, int32 [synapses × 3]: synapse, pre, post).
 *
 * @example
 * net.monitor(new SynapseWriter('inputs->neuron', sink, { format: 'csv', dt: 0.1, every: 1000 }));
 */
export class SynapseWriter implements SynapseSink, Flushable {
  readonly kind = 'synapses' as const;
  readonly variable: string;
  readonly every: number;
  private chosen: Int32Array | undefined;
  private layout: SynapseLayout | undefined;
  private written = 0;
  private finished = false;
  private json: JsonTail | undefined;
  private lastRow: Float64Array | undefined;
  private lastStep = 0;

  constructor(
    /** Name of the recorded connection. */
    readonly connection: string,
    private readonly sink: ByteSink,
    private readonly options: SynapseWriterOptions,
  ) {
    this.variable = options.variable ?? 'w';
    const every = options.every ?? 1;
    if (!Number.isSafeInteger(every) || every < 1) throw new ConfigError('bad-every', `${this.path}.every`, `expected a whole number of steps >= 1, got ${every}`);
    this.every = every;
    this.chosen = checkSelection(options, this.path);
    if (options.resume) this.written = options.resume.rows;
  }

  /** `monitor synapses <connection>.<variable>`. */
  get path(): string {
    return `monitor synapses ${this.connection}.${this.variable}`;
  }

  /** Recorded synapse indices, in column order; undefined when recording all. */
  get indices(): Int32Array | undefined {
    return this.chosen;
  }

  /** True once `Network.build` has told the writer where the synapses are (its columns are known). */
  get attached(): boolean {
    return this.layout !== undefined;
  }

  /** Rows written so far. */
  get rows(): number {
    return this.written;
  }

  /** Called by `Network.build`: resolves pairs and writes the header (once). */
  attach(layout: SynapseLayout): void {
    const first = !this.layout;
    this.layout = layout;
    if (this.options.pairs) this.chosen = pairIndices(this.options.pairs, layout, this.path);
    if (!first) return;
    const { synapses, pre, post } = this.columns();
    const resume = this.options.resume;
    const { format, dt } = this.options;
    if (format === 'npy' && !resume) this.sink.write(npyHeader('<f8', [0, synapses.length]));
    if (format === 'csv' && !resume) this.sink.write(encoder.encode(`step,time_ms,${Array.from(synapses, (k, c) => `${this.variable}[${k}:${pre[c]}->${post[c]}]`).join(',')}\n`));
    if (format === 'json') {
      const list = (a: Int32Array) => JSON.stringify(Array.from(a));
      const head = encoder.encode(
        `{"connection":${JSON.stringify(this.connection)},"variable":${JSON.stringify(this.variable)},"dt":${dt},"every":${this.every},"synapses":${list(synapses)},"pre":${list(pre)},"post":${list(post)},"data":[`,
      );
      if (!resume) this.sink.write(head);
      this.json = new JsonTail(this.sink, resume ? resume.bytes - JSON_TAIL.length : head.length, JSON_TAIL);
    }
  }

  /** Synapse index, presynaptic and postsynaptic neuron of each column, and the population sizes (after `attach`). */
  columns(): { synapses: Int32Array; pre: Int32Array; post: Int32Array; nPre: number; nPost: number } {
    const l = this.layout;
    if (!l) throw new ConfigError('not-attached', this.path, 'the network has not been built yet');
    const synapses = this.chosen ?? Int32Array.from({ length: l.count }, (_, k) => k);
    return { synapses, pre: synapses.map((k) => l.pre[k]!), post: synapses.map((k) => l.post[k]!), nPre: l.nPre, nPost: l.nPost };
  }

  private get width(): number {
    return this.chosen?.length ?? this.layout?.count ?? 0;
  }

  /**
   * The last row written, as a CSR table of the recorded synapses (for the weight figures of
   * `@spikeflow/plot`), with its step; undefined before the first row.
   *
   * @example
   * const last = writer.last(); if (last) weightHistogramSpec({ weights: last.table });
   */
  last(): { step: number; table: CsrTable } | undefined {
    if (!this.lastRow || !this.layout) return undefined;
    return { step: this.lastStep, table: csrOf(this.layout, this.columns().synapses, this.lastRow) };
  }

  onSynapses(step: number, values: Float64Array): void {
    if (this.finished) return;
    if (!this.layout) throw new ConfigError('not-attached', this.path, 'the network has not been built yet');
    const row = values.subarray(0, this.width);
    (this.lastRow ??= new Float64Array(this.width)).set(row);
    this.lastStep = step;
    const { format, dt } = this.options;
    if (format === 'npy') this.sink.write(new Uint8Array(Float64Array.from(row).buffer));
    else if (format === 'csv') this.sink.write(encoder.encode(`${step},${timeMs(step, dt)},${Array.from(row).join(',')}\n`));
    else this.json!.append(`${this.written ? ',' : ''}[${Array.from(row, (x) => (Number.isFinite(x) ? String(x) : 'null')).join(',')}]`);
    this.written++;
  }

  /** Makes the file complete up to the rows written so far (NPY row count). */
  flush(): void {
    if (this.finished || !this.layout) return;
    if (this.options.format === 'npy') this.sink.writeAt(0, npyHeader('<f8', [this.written, this.width]));
  }

  /** Flushes and closes the sink. Idempotent. */
  finish(): void {
    if (this.finished) return;
    this.flush();
    this.finished = true;
    this.sink.close();
  }
}
