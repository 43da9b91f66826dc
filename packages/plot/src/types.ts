/**
 * Spike events as `SpikeMonitor` from `@spikeflow/monitors` exposes them: parallel arrays of the
 * step (time = step × dt ms) and the neuron index of each spike. A monitor can be passed as is;
 * so can any `{ steps, neurons }` of equal length.
 *
 * @example
 * const spikes: SpikeData = { steps: Int32Array.of(3, 7), neurons: Int32Array.of(0, 5) };
 */
export interface SpikeData {
  /** Step of each spike. */
  readonly steps: ArrayLike<number>;
  /** Neuron index of each spike, parallel to `steps`. */
  readonly neurons: ArrayLike<number>;
}

/**
 * A row-major [rows × columns] matrix: `data[row * columns + column]`, e.g. recorded state
 * [time × neurons] or weights [pre × post].
 *
 * @example
 * const m: DenseMatrix = { data: Float64Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] };
 */
export interface DenseMatrix {
  /** The values, row after row: `data[row * columns + column]`. */
  readonly data: ArrayLike<number>;
  /** `[rows, columns]`; `data` holds at least rows × columns values. */
  readonly shape: readonly [number, number];
}

/**
 * A 2-d ndarray (the `ndarray` package, as `StateMonitor.values()` returns): read with `get`, so
 * strided views work.
 *
 * @example
 * const m: NdArray2D = monitor.values(); // [rows × neurons]
 */
export interface NdArray2D {
  /** `[rows, columns]` (a 2-d array). */
  readonly shape: readonly number[];
  /** The value at (row, column). */
  get(row: number, column: number): number;
}

/**
 * Either matrix form.
 *
 * @example
 * const m: Matrix = { data: new Float64Array(6), shape: [3, 2] };
 */
export type Matrix = DenseMatrix | NdArray2D;

/**
 * Recorded state [rows × neurons] with the step of each row (`StateMonitor.times`). Without
 * `steps`, row r is step r.
 *
 * @example
 * const rec: Recording = { values: monitor.values(), steps: monitor.times };
 */
export interface Recording {
  /** Recorded values [rows × neurons]. */
  readonly values: Matrix;
  /** The step of each row (time = step × dt); default row r is step r. */
  readonly steps?: ArrayLike<number>;
}

/**
 * What a `StateMonitor` from `@spikeflow/monitors` looks like: `values()` [rows × neurons] and the
 * step of each row in `times`. A monitor can be passed as is.
 *
 * @example
 * const rec: StateRecorder = vMonitor; // StateMonitor(pop, 'v', { every: 10 })
 */
export interface StateRecorder {
  /** Recorded values [rows × neurons]. */
  values(): Matrix;
  /** The step of each row. */
  readonly times: ArrayLike<number>;
}

/**
 * Recorded state: a matrix (row r is step r), a {@link Recording}, or a `StateMonitor`.
 *
 * @example
 * const a: StateInput = { data: new Float64Array(1000), shape: [1000, 1] };
 * const b: StateInput = { values: monitor.values(), steps: monitor.times };
 * const c: StateInput = monitor;
 */
export type StateInput = Matrix | Recording | StateRecorder;

/**
 * Size of one panel in pixels (the plotting area, without axes and titles).
 *
 * @example
 * const size: PanelSize = { width: 300, height: 120 };
 */
export interface PanelSize {
  /** Width of the plotting area in px. */
  readonly width?: number;
  /** Height of the plotting area in px. */
  readonly height?: number;
}
