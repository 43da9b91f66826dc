import type { PopulationRef, SpikeSink } from '@spikeflow/core';
import type { ByteSink } from './byte-sink.js';
import { npyHeader } from './npy.js';
import { JsonTail, type Flushable } from './flushable.js';
import { timeMs } from '../csv.js';

/** File formats for recorded data. */
export type DataFormat = 'csv' | 'json' | 'npy';

/**
 * Options of {@link SpikeWriter}.
 *
 * @example
 * const options: SpikeWriterOptions = { format: 'npy', dt: 0.1, flushEvents: 10_000 };
 */
export interface SpikeWriterOptions {
  /** File format: `csv`, `json` or `npy` (layouts under {@link SpikeWriter}). */
  readonly format: DataFormat;
  /** Time step in ms (CSV time column, JSON metadata). */
  readonly dt: number;
  /** Spikes buffered between writes. Default 65 536. */
  readonly flushEvents?: number;
  /**
   * CSV only: several populations write rows `population,step,time_ms,neuron` into one sink; the
   * caller writes the header (`SPIKES_CSV_HEADER`) and closes the sink.
   */
  readonly shared?: boolean;
  /** Continue a file written up to a checkpoint (see {@link WriterPosition}); nothing is written before the new rows. */
  readonly resume?: WriterPosition;
}

/**
 * Where a writer's file stood at a flush: rows written and the file's size in bytes. A writer
 * given it as `resume`, over a sink that continues at `bytes`, appends as if never interrupted.
 */
export interface WriterPosition {
  /** Data rows written (spikes, or state rows), not counting headers. */
  readonly rows: number;
  /** Size of the file in bytes at that flush, headers included. */
  readonly bytes: number;
}

/** Header of a CSV file shared by several populations' spike writers. */
export const SPIKES_CSV_HEADER = 'population,step,time_ms,neuron\n';

const encoder = new TextEncoder();
const JSON_TAIL = ']}\n';

/**
 * Streams a population's spikes to a {@link ByteSink} as they are produced, so a long run never
 * holds them all. After each `flush()` (call it at a step boundary) the file is complete and
 * loadable even if the process is then killed; `finish()` flushes and closes it.
 *
 * - csv: `step,time_ms,neuron` rows.
 * - json: `{"population", "dt", "columns": ["step", "neuron"], "data": [[step, neuron], …]}`,
 *   closing brackets always written.
 * - npy: int32 array [count × 2] of (step, neuron); the header holds the count of the last flush
 *   (rows written when the buffer fills between flushes follow it and are ignored by numpy).
 *
 * @example
 * const w = net.monitor(new SpikeWriter(ep1, fileSink('spikes_ep1.npy'), { format: 'npy', dt: 1 }));
 * await net.run({ duration: 1000 }, backend);
 * w.finish();
 */
export class SpikeWriter implements SpikeSink, Flushable {
  readonly kind = 'spikes' as const;
  readonly population: string;
  private buffer: Int32Array;
  private buffered = 0;
  private written = 0;
  private finished = false;
  private readonly prefix: string;
  private readonly json: JsonTail | undefined;

  constructor(
    population: PopulationRef,
    private readonly sink: ByteSink,
    private readonly options: SpikeWriterOptions,
  ) {
    this.population = population.name;
    this.buffer = new Int32Array(2 * (options.flushEvents ?? 65_536));
    if (options.format !== 'csv' && options.shared) throw new RangeError('only CSV spike writers can share a sink');
    this.prefix = options.shared ? `${this.population},` : '';
    const { resume } = options;
    if (resume) this.written = resume.rows;
    if (options.format === 'npy' && !resume) sink.write(npyHeader('<i4', [0, 2]));
    if (options.format === 'csv' && !options.shared && !resume) sink.write(encoder.encode('step,time_ms,neuron\n'));
    if (options.format === 'json') {
      const head = encoder.encode(`{"population":${JSON.stringify(this.population)},"dt":${options.dt},"columns":["step","neuron"],"data":[`);
      if (!resume) sink.write(head);
      this.json = new JsonTail(sink, resume ? resume.bytes - JSON_TAIL.length : head.length, JSON_TAIL);
    }
  }

  /** Spikes written so far (including buffered ones). */
  get count(): number {
    return this.written + this.buffered;
  }

  onSpikes(step: number, indices: Int32Array, count: number): void {
    if (this.finished) return;
    for (let q = 0; q < count; q++) {
      if (this.buffered * 2 === this.buffer.length) this.drain();
      this.buffer[2 * this.buffered] = step;
      this.buffer[2 * this.buffered + 1] = indices[q]!;
      this.buffered++;
    }
  }

  /** Writes buffered spikes and makes the file complete (NPY row count, JSON brackets). */
  flush(): void {
    if (this.finished) return;
    this.drain();
    if (this.options.format === 'npy') this.sink.writeAt(0, npyHeader('<i4', [this.written, 2]));
  }

  /** Writes buffered spikes (the buffer is full, or a flush). */
  private drain(): void {
    const n = this.buffered;
    if (n === 0) return;
    const { format, dt } = this.options;
    if (format === 'npy') {
      this.sink.write(new Uint8Array(this.buffer.buffer, 0, n * 8).slice());
    } else {
      const parts: string[] = [];
      for (let k = 0; k < n; k++) {
        const step = this.buffer[2 * k]!;
        const neuron = this.buffer[2 * k + 1]!;
        parts.push(format === 'csv' ? `${this.prefix}${step},${timeMs(step, dt)},${neuron}\n` : `${this.written + k === 0 ? '' : ','}[${step},${neuron}]`);
      }
      if (this.json) this.json.append(parts.join(''));
      else this.sink.write(encoder.encode(parts.join('')));
    }
    this.written += n;
    this.buffered = 0;
  }

  /** Flushes, completes the file (NPY shape, JSON closing brackets) and closes the sink. Idempotent. */
  finish(): void {
    if (this.finished) return;
    this.flush();
    this.finished = true;
    if (!this.options.shared) this.sink.close();
  }
}

