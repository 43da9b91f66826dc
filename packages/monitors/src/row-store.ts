import { ConfigError } from '@spikeflow/core';
import ndarray from 'ndarray';

/**
 * Bounded storage of recorded rows for a monitor: `rows × width` float64 values, row-major, and the
 * step of each row. Shared by the state and synapse monitors, which differ only in what a column is.
 *
 * Room is made by {@link reserve} before a run (first run: exactly what it needs; later runs: at least
 * double, so many short runs stay linear) or grows by doubling in {@link push}; neither may pass
 * `maxBytes` (8 bytes per value + 4 per row for its step). The owner words the refusal.
 *
 * @example
 * const store = new RowStore(1 << 20, (needed, what) => new ConfigError('monitor-too-large', 'm', `${needed} rows for ${what}`));
 * store.width = 2;
 * store.reserve(10);
 * store.push(0, Float64Array.of(1, 2), 'm');
 * store.values().get(0, 1); // 2
 */
export class RowStore {
  /** Values per row. Set once before the first row (a synapse monitor knows it after the build). */
  width = 0;
  private data = new Float64Array(0);
  private stepBuf = new Int32Array(0);
  private capacity = 0;
  private rowCount = 0;

  /**
   * @param maxBytes most bytes of storage.
   * @param tooLarge the error for a request of `needed` rows in all; `what` says what asked for them.
   */
  constructor(
    readonly maxBytes: number,
    private readonly tooLarge: (needed: number, what: string) => ConfigError,
  ) {}

  /** Bytes per row: 8 per value plus 4 for its step. */
  get bytesPerRow(): number {
    return this.width * 8 + 4;
  }

  /** Rows recorded. */
  get rows(): number {
    return this.rowCount;
  }

  /** Makes room for `more` rows beyond those recorded, or throws `tooLarge` (recorded rows are kept). */
  reserve(more: number, what: string): void {
    const needed = this.rowCount + more;
    if (needed <= this.capacity) return;
    if (needed * this.bytesPerRow > this.maxBytes) throw this.tooLarge(needed, what);
    const maxRows = Math.floor(this.maxBytes / this.bytesPerRow);
    this.resize(this.capacity === 0 ? needed : Math.max(needed, Math.min(2 * this.capacity, maxRows)));
  }

  /**
   * Appends a copy of the first `width` of `values` as the row of `step`; a shorter array is a
   * `ConfigError` `shape-mismatch` naming `path`. Without room, storage doubles up to `maxBytes`.
   */
  push(step: number, values: Float64Array, path: string): void {
    const w = this.width;
    if (values.length < w) throw new ConfigError('shape-mismatch', path, `backend sent ${values.length} values at step ${step}; expected ${w}`);
    if (this.rowCount === this.capacity) {
      const maxRows = Math.floor(this.maxBytes / this.bytesPerRow);
      if (this.capacity >= maxRows) throw this.tooLarge(this.rowCount + 1, 'one more row (no begin before the run)');
      this.resize(Math.min(maxRows, Math.max(16, 2 * this.capacity)));
    }
    this.data.set(values.length === w ? values : values.subarray(0, w), this.rowCount * w);
    this.stepBuf[this.rowCount++] = step;
  }

  /** The step of each row: a view on the storage. */
  get times(): Int32Array {
    return this.stepBuf.subarray(0, this.rowCount);
  }

  /** The rows as a float64 ndarray [rows × width], a view (a later growth leaves it on the old data). */
  values(): ndarray.NdArray<Float64Array> {
    return ndarray(this.data.subarray(0, this.rowCount * this.width), [this.rowCount, this.width]);
  }

  /** Row `r` (a view). */
  row(r: number): Float64Array {
    return this.data.subarray(r * this.width, (r + 1) * this.width);
  }

  /** Column `c` over all rows (a copy). */
  column(c: number): Float64Array {
    const w = this.width;
    const out = new Float64Array(this.rowCount);
    for (let r = 0; r < out.length; r++) out[r] = this.data[r * w + c]!;
    return out;
  }

  private resize(rows: number): void {
    const data = new Float64Array(rows * this.width);
    data.set(this.data.subarray(0, this.rowCount * this.width));
    const steps = new Int32Array(rows);
    steps.set(this.stepBuf.subarray(0, this.rowCount));
    this.data = data;
    this.stepBuf = steps;
    this.capacity = rows;
  }
}
