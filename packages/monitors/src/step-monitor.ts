import ndarray, { type NdArray } from 'ndarray';
import { ConfigError } from '@spikeflow/core';

/** Anything whose per-neuron variables can be read after a step, e.g. a `StepPopulation`. */
export interface Recordable {
  /** Name used in error messages (`monitor <name>.<variable>`). */
  readonly name: string;
  /** Number of neurons: how many values `read` gives. */
  readonly size: number;
  /** Current values of `variable`, one per neuron; the first `size` are recorded. */
  read(variable: string): ArrayLike<number>;
}

/**
 * The seed's monitor for hand-written loops: `record()` after each step, `get(name)` gives
 * [time × neurons]. Copies every value, so it is meant for small teaching networks; full runs
 * use `SpikeMonitor`/`StateMonitor`, which backends feed directly.
 *
 * @example
 * const m = new StepMonitor(ep1, ['s', 'v']);
 * for (let i = 0; i < 1000; i++) { ep1.forward(20); m.record(); }
 * m.get('s'); // ndarray [1000 × size] of 0/1
 */
export class StepMonitor {
  private readonly rows = new Map<string, number[]>();

  constructor(
    /** What is recorded, e.g. a `StepPopulation`. */
    readonly target: Recordable,
    /** Names of the variables recorded at each `record()`. */
    readonly variables: readonly string[],
  ) {
    for (const v of variables) this.rows.set(v, []);
  }

  /** Appends the current value of every monitored variable. */
  record(): void {
    for (const [v, rows] of this.rows) {
      const values = this.target.read(v);
      for (let i = 0; i < this.target.size; i++) rows.push(values[i]!);
    }
  }

  /** Number of records so far. */
  get length(): number {
    const first = this.rows.values().next().value as number[] | undefined;
    return first ? first.length / this.target.size : 0;
  }

  /** Recorded values of `variable` as an ndarray [time × neurons]. */
  get(variable: string): NdArray<Float64Array> {
    const rows = this.rows.get(variable);
    if (!rows) throw new ConfigError('unknown-variable', `monitor ${this.target.name}.${variable}`, `not monitored; monitored: ${this.variables.join(', ')}`);
    return ndarray(Float64Array.from(rows), [rows.length / this.target.size, this.target.size]);
  }
}
