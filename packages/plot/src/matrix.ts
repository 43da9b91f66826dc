import { ConfigError } from '@spikeflow/core';
import type { Matrix, Recording, StateInput, StateRecorder } from './types.js';

/**
 * A matrix read through one accessor, whatever its form.
 *
 * @example
 * const m = readMatrix({ data: Float64Array.of(1, 2, 3, 4), shape: [2, 2] }, 'weights');
 * m.at(1, 0); // 3
 */
export interface MatrixReader {
  readonly rows: number;
  readonly columns: number;
  at(row: number, column: number): number;
}

/**
 * Wraps a {@link Matrix} (ndarray read with `get`, plain data row-major) after checking its shape.
 * Throws a `ConfigError` ('bad-shape') naming `path` when the shape is not 2-d or the data is too
 * short.
 *
 * @example
 * readMatrix(monitor.values(), 'currentSpec.current').columns; // neurons recorded
 */
export function readMatrix(m: Matrix, path: string): MatrixReader {
  const shape = m?.shape;
  if (!Array.isArray(shape)) {
    throw new ConfigError('bad-shape', path, 'expected a matrix: { data, shape: [rows, columns] }, a 2-d ndarray, { values, steps } or a StateMonitor');
  }
  const rows = shape[0] as number | undefined;
  const columns = shape[1] as number | undefined;
  if (shape.length !== 2 || rows === undefined || columns === undefined || !Number.isSafeInteger(rows) || !Number.isSafeInteger(columns) || rows < 0 || columns < 0) {
    throw new ConfigError('bad-shape', path, `expected a 2-d shape [rows, columns], got [${shape.join(', ')}]`);
  }
  if ('get' in m && typeof m.get === 'function') {
    return { rows, columns, at: (r, c) => m.get(r, c) };
  }
  const data = (m as { data: ArrayLike<number> }).data;
  if (data === undefined || data.length < rows * columns) {
    throw new ConfigError('bad-shape', path, `data holds ${data?.length ?? 0} values, shape [${rows}, ${columns}] needs ${rows * columns}`);
  }
  return { rows, columns, at: (r, c) => data[r * columns + c] as number };
}

/**
 * Splits recorded state into its matrix and the step of each row (a monitor's `times`, a
 * recording's `steps`, else row r → step r). Throws a `ConfigError` ('bad-shape') when there are
 * fewer steps than rows.
 *
 * @example
 * const { matrix, stepOf } = readState({ values: monitor.values(), steps: monitor.times }, 'v');
 * stepOf(2) * dt; // time of row 2 in ms
 */
export function readState(input: StateInput, path: string): { matrix: MatrixReader; stepOf: (row: number) => number } {
  let values: Matrix;
  let steps: ArrayLike<number> | undefined;
  if (input !== null && typeof input === 'object' && 'values' in input && typeof input.values === 'function') {
    values = (input as StateRecorder).values();
    steps = (input as StateRecorder).times;
  } else if (input !== null && typeof input === 'object' && 'values' in input && typeof input.values === 'object') {
    values = (input as Recording).values;
    steps = (input as Recording).steps;
  } else {
    values = input as Matrix;
  }
  const matrix = readMatrix(values, path);
  const rowSteps = steps;
  if (rowSteps === undefined) return { matrix, stepOf: (r) => r };
  if (rowSteps.length < matrix.rows) throw new ConfigError('bad-shape', `${path}.steps`, `${rowSteps.length} steps for ${matrix.rows} rows`);
  return { matrix, stepOf: (r) => rowSteps[r] as number };
}
