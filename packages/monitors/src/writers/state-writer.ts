import type { PopulationRef, StateSink } from '@spikeflow/core';
import type { ByteSink } from './byte-sink.js';
import { npyHeader } from './npy.js';
import type { DataFormat, WriterPosition } from './spike-writer.js';
import { JsonTail, type Flushable } from './flushable.js';
import { timeMs } from '../csv.js';

const encoder = new TextEncoder();
const JSON_TAIL = ']}\n';

/**
 * Streams one recorded variable [rows × neurons] to a {@link ByteSink} row by row (constant
 * memory). After each `flush()` the file is complete and loadable even if the process is then
 * killed; `finish()` flushes and closes it. Rows are at steps `every × row`.
 *
 * - csv: `step,time_ms,<var>[i],…` rows.
 * - json: `{"population", "variable", "dt", "every", "neurons": […], "data": [[…], …]}`, closing
 *   brackets always written.
 * - npy: float64 [rows × neurons]; the header holds the row count of the last flush.
 *
 * @example
 * const w = net.monitor(new StateWriter(ep1, 'v', sink, { format: 'npy', dt: 1, every: 10 }));
 */
export class StateWriter implements StateSink, Flushable {
  readonly kind = 'state' as const;
  readonly population: string;
  readonly indices?: Int32Array;
  readonly every: number;
  private readonly width: number;
  private written = 0;
  private finished = false;
  private readonly json: JsonTail | undefined;

  constructor(
    population: PopulationRef,
    /** The state variable recorded, or `spike` for the 0/1 spike flag. */
    readonly variable: string,
    private readonly sink: ByteSink,
    private readonly options: {
      readonly format: DataFormat;
      readonly dt: number;
      readonly every?: number;
      readonly indices?: readonly number[];
      /** Continue a file written up to a checkpoint: nothing is written before the new rows. */
      readonly resume?: WriterPosition;
    },
  ) {
    this.population = population.name;
    this.every = options.every ?? 1;
    if (options.indices) this.indices = Int32Array.from(options.indices);
    this.width = this.indices?.length ?? population.size;
    const columns = this.indices ? Array.from(this.indices) : Array.from({ length: population.size }, (_, i) => i);
    const { resume } = options;
    if (resume) this.written = resume.rows;
    if (options.format === 'npy' && !resume) sink.write(npyHeader('<f8', [0, this.width]));
    if (options.format === 'csv' && !resume) sink.write(encoder.encode(`step,time_ms,${columns.map((i) => `${variable}[${i}]`).join(',')}\n`));
    if (options.format === 'json') {
      const head = encoder.encode(
        `{"population":${JSON.stringify(this.population)},"variable":${JSON.stringify(variable)},"dt":${options.dt},"every":${this.every},"neurons":${JSON.stringify(columns)},"data":[`,
      );
      if (!resume) sink.write(head);
      this.json = new JsonTail(sink, resume ? resume.bytes - JSON_TAIL.length : head.length, JSON_TAIL);
    }
  }

  /** Rows written so far. */
  get rows(): number {
    return this.written;
  }

  onState(step: number, values: Float64Array): void {
    if (this.finished) return;
    const row = values.subarray(0, this.width);
    const { format, dt } = this.options;
    if (format === 'npy') this.sink.write(new Uint8Array(Float64Array.from(row).buffer));
    else if (format === 'csv') this.sink.write(encoder.encode(`${step},${timeMs(step, dt)},${Array.from(row).join(',')}\n`));
    else this.json!.append(`${this.written ? ',' : ''}[${Array.from(row).map(jsonNumber).join(',')}]`);
    this.written++;
  }

  /** Makes the file complete up to the rows written so far (NPY row count). */
  flush(): void {
    if (this.finished) return;
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

/** JSON has no NaN or Infinity: write them as null. */
const jsonNumber = (x: number) => (Number.isFinite(x) ? String(x) : 'null');
