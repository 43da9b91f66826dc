import { ConfigError } from '@spikeflow/core';
import type { PopulationRef, StateSink } from '@spikeflow/core';
import type ndarray from 'ndarray';
import { checkPopulation, nonNegativeInteger, positiveInteger } from './check.js';
import { RowStore } from './row-store.js';

/**
 * Default bound on a state monitor's storage: 512 MiB (536 870 912 bytes).
 *
 * @example
 * new StateMonitor(pop, 'v', { maxBytes: 2 * DEFAULT_MAX_STATE_BYTES }); // allow 1 GiB
 */
export const DEFAULT_MAX_STATE_BYTES = 512 * 1024 * 1024;

/**
 * Options of {@link StateMonitor}.
 *
 * @example
 * // neurons 0 and 7, one row per 10 steps (1 ms at dt = 0.1 ms), at most 64 MiB
 * const opts: StateMonitorOptions = { indices: [0, 7], every: 10, maxBytes: 64 * 2 ** 20 };
 */
export interface StateMonitorOptions {
  /** Neurons to record, in column order; all neurons of the population when absent. */
  readonly indices?: readonly number[];
  /** Record every `every`-th step (a positive integer). Default 1. */
  readonly every?: number;
  /**
   * Most bytes of storage (8 per value + 4 per recorded row for its step). A run that would need
   * more is refused by `begin`, before it starts. Default {@link DEFAULT_MAX_STATE_BYTES}.
   */
  readonly maxBytes?: number;
}

/** ` (1.5 MiB)` for sizes of 1 KiB and up, empty below. */
function human(bytes: number): string {
  const units: [number, string][] = [[2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  for (const [size, unit] of units) if (bytes >= size) return ` (${(bytes / size).toFixed(1)} ${unit})`;
  return '';
}

/**
 * Records a state variable (e.g. `v` in mV, `u`, or `spike`, the 0/1 flag) of all or selected
 * neurons every `every` steps, like Brian2's `StateMonitor` or NEST's `multimeter`. Values are
 * stored row-major as [recorded rows × neurons] (time × neurons, the seed's `monitor.get('u')`
 * layout) in one Float64Array.
 *
 * Storage is allocated by `begin(steps)` for `ceil(steps / every)` more rows, so a split run grows
 * it across calls. If that would exceed `maxBytes`, `begin` throws a `ConfigError` naming the
 * monitor and the bytes needed, before the run starts and without touching what is recorded.
 *
 * @example
 * const pop = net.population('exc', { model: Izhikevich, size: 1000 });
 * const u = net.monitor(new StateMonitor(pop, 'u', { indices: [0, 10, 20], every: 10 }));
 * await net.run({ duration: 1000 }, createCpuBackend());
 * u.values();   // ndarray [rows × 3], float64
 * u.times;      // Int32Array of the recorded steps
 * u.column(10); // Float64Array: u of neuron 10 over time
 */
export class StateMonitor implements StateSink {
  readonly kind = 'state' as const;
  /** Name of the recorded population. */
  readonly population: string;
  /** Neurons in the population. */
  readonly size: number;
  /** Recorded variable. */
  readonly variable: string;
  /** Recorded neurons, in column order; undefined when recording all. */
  readonly indices?: Int32Array;
  /** Steps between recorded rows. */
  readonly every: number;
  /** Bound on storage, in bytes. */
  readonly maxBytes: number;
  /** Columns: recorded neurons per row. */
  readonly width: number;
  private readonly store: RowStore;

  constructor(population: PopulationRef, variable: string, options: StateMonitorOptions = {}) {
    checkPopulation(population, 'state monitor');
    if (typeof variable !== 'string' || variable === '') {
      throw new ConfigError('bad-option', `monitor ${population.name}`, `expected the name of a state variable (or 'spike'), got ${String(variable)}`);
    }
    this.population = population.name;
    this.size = population.size;
    this.variable = variable;
    const path = this.path;
    this.every = positiveInteger(options.every ?? 1, `${path}.every`);
    this.maxBytes = nonNegativeInteger(options.maxBytes ?? DEFAULT_MAX_STATE_BYTES, `${path}.maxBytes`);
    if (options.indices !== undefined) {
      if (options.indices.length === 0) throw new ConfigError('bad-index', `${path}.indices`, 'expected at least one neuron index; leave indices out to record all');
      for (const i of options.indices) {
        if (!Number.isInteger(i) || i < 0 || i >= this.size) {
          throw new ConfigError('bad-index', `${path}.indices`, `neuron index ${i} is outside 0..${this.size - 1}`);
        }
      }
      this.indices = Int32Array.from(options.indices);
    }
    this.width = this.indices?.length ?? this.size;
    this.store = new RowStore(this.maxBytes, (needed, what) => this.tooLarge(needed, what));
    this.store.width = this.width;
  }

  /**
   * `monitor <population>.<variable>`, the name used in messages.
   *
   * @example
   * new StateMonitor(exc, 'v').path; // 'monitor exc.v'
   */
  get path(): string {
    return `monitor ${this.population}.${this.variable}`;
  }

  /**
   * Bytes per recorded row: 8 per value plus 4 for its step.
   *
   * @example
   * new StateMonitor({ name: 'exc', size: 1000 }, 'v').bytesPerRow; // 8004
   */
  get bytesPerRow(): number {
    return this.store.bytesPerRow;
  }

  /**
   * Called by the backend before a run of `steps` steps: makes room for `ceil(steps / every)` more
   * rows. Throws `ConfigError` (code `monitor-too-large`) when that exceeds `maxBytes`; recorded
   * data is kept either way.
   *
   * @example
   * m.begin(10_000); // room for 10 000 / every more rows
   */
  begin(steps: number): void {
    nonNegativeInteger(steps, `${this.path} begin.steps`);
    this.store.reserve(Math.ceil(steps / this.every), `this run of ${steps} steps`);
  }

  /**
   * Called by the backend every `every` steps with `values[k]` the variable of neuron
   * `indices[k]` (or neuron k); the array is reused, so it is copied. Without a preceding
   * `begin`, storage grows by doubling up to `maxBytes`, past which this throws like `begin`.
   *
   * @example
   * m.onState(30, Float64Array.of(-65.2, -58.1)); // row for step 30, one value per recorded neuron
   */
  onState(step: number, values: Float64Array): void {
    this.store.push(step, values, this.path);
  }

  /**
   * Rows recorded.
   *
   * @example
   * m.rows; // 6 after steps 0..17 with every = 3
   */
  get rows(): number {
    return this.store.rows;
  }

  /**
   * The step of each recorded row (`rows` values; time in ms = step × dt): a view on the storage.
   *
   * @example
   * m.times; // Int32Array [0, 3, 6, …] with every = 3
   */
  get times(): Int32Array {
    return this.store.times;
  }

  /**
   * Recorded values as a float64 ndarray [rows × width] (time × neurons), a view on the storage
   * (no copy). Column k is neuron `indices[k]` (or neuron k). A later run that grows the storage
   * leaves an earlier view on the old, still valid, data.
   *
   * @example
   * const v = m.values();
   * v.get(5, 0); // value of the first recorded neuron at row 5 (step m.times[5])
   */
  values(): ndarray.NdArray<Float64Array> {
    return this.store.values();
  }

  /**
   * Alias of {@link values}, as in the seed's `monitor.get('u')`.
   *
   * @example
   * const u = m.get(); // ndarray [rows × width]
   */
  get(): ndarray.NdArray<Float64Array> {
    return this.values();
  }

  /**
   * The trace of one recorded neuron (a copy, `rows` values). `neuronIndex` is the neuron's index
   * in the population, not the column; throws `ConfigError` when that neuron is not recorded.
   *
   * @example
   * const trace = m.column(10); // Float64Array over time
   */
  column(neuronIndex: number): Float64Array {
    return this.store.column(this.columnOf(neuronIndex));
  }

  /**
   * The column holding `neuronIndex`, or a `ConfigError` when it is not recorded.
   *
   * @example
   * new StateMonitor(pop, 'v', { indices: [4, 9] }).columnOf(9); // 1
   */
  columnOf(neuronIndex: number): number {
    const col = this.indices ? this.indices.indexOf(neuronIndex) : Number.isInteger(neuronIndex) && neuronIndex >= 0 && neuronIndex < this.size ? neuronIndex : -1;
    if (col < 0) {
      const known = this.indices ? Array.from(this.indices).join(', ') : `0..${this.size - 1}`;
      throw new ConfigError('not-recorded', this.path, `neuron ${neuronIndex} is not recorded; recorded: ${known}`);
    }
    return col;
  }

  private tooLarge(needed: number, what: string): ConfigError {
    const bytes = needed * this.bytesPerRow;
    return new ConfigError(
      'monitor-too-large',
      this.path,
      `recording ${this.width} neuron(s) every ${this.every} step(s) needs ${bytes} bytes${human(bytes)} ` +
        `for ${needed} rows (${this.store.rows} recorded + ${needed - this.store.rows} for ${what}), ` +
        `over maxBytes = ${this.maxBytes} bytes${human(this.maxBytes)}; ` +
        'record fewer neurons (indices), sample less often (every), or raise maxBytes',
    );
  }
}
