import { ConfigError } from '@spikeflow/core';
import type { DataFormat } from './spike-writer.js';

/** Spikes read back from a file written by `SpikeWriter`. */
export interface SpikeData {
  /** Global step index of each spike. */
  readonly steps: Int32Array;
  /** Neuron index (within the population) of each spike, aligned with `steps`. */
  readonly neurons: Int32Array;
}

/** A recorded variable read back from a file written by `StateWriter`: rows × width, row-major. */
export interface StateData {
  /** Global step index of each row. */
  readonly steps: Int32Array;
  /** Values per row: the number of neurons recorded. */
  readonly width: number;
  /** Row-major [rows × width], in the variable's internal unit (e.g. mV); NaN where JSON held null. */
  readonly values: Float64Array;
}

const decoder = new TextDecoder();

/**
 * Reads a C-order NPY v1/v2 array of little-endian int32, float32 or float64 (what spikeflow writes).
 *
 * @throws ConfigError (named by `path`) for a file that is not NPY, is Fortran-ordered, has another
 * dtype, or holds fewer bytes than its shape needs.
 *
 * @example
 * const { shape, data } = parseNpy(readFileSync('spikes_ep1.npy'));
 */
export function parseNpy(
  bytes: Uint8Array,
  path = 'npy',
): {
  /** The array's shape, e.g. `[count, 2]`. */
  shape: number[];
  /** The elements in C order (a copy of the file's data, typed by its dtype). */
  data: Int32Array | Float64Array | Float32Array;
} {
  if (bytes.length < 10 || decoder.decode(bytes.subarray(1, 6)) !== 'NUMPY') throw new ConfigError('bad-npy', path, 'not an NPY file (missing \\x93NUMPY magic)');
  const major = bytes[6]!;
  const headerLength = major === 1 ? bytes[8]! | (bytes[9]! << 8) : new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0, true);
  const start = major === 1 ? 10 : 12;
  const header = decoder.decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || fortran !== 'False' || shapeText === undefined) throw new ConfigError('bad-npy', path, `unsupported NPY header ${header.trim()}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  // A copy, aligned at offset 0 (Node's Buffer#slice would return a view into a shared pool).
  const body = Uint8Array.prototype.slice.call(bytes, start + headerLength);
  const make = { '<i4': Int32Array, '<f8': Float64Array, '<f4': Float32Array }[descr];
  if (!make) throw new ConfigError('bad-npy', path, `unsupported dtype '${descr}' (expected <i4, <f4 or <f8)`);
  if (body.byteLength < count * make.BYTES_PER_ELEMENT) throw new ConfigError('bad-npy', path, `file holds ${body.byteLength} data bytes, shape (${shape.join(', ')}) needs ${count * make.BYTES_PER_ELEMENT}`);
  return { shape, data: new make(body.buffer, 0, count) };
}

/** Reads spikes written by `SpikeWriter` in any format (CSV with or without a population column). */
export function readSpikes(bytes: Uint8Array, format: DataFormat, path = 'spikes'): SpikeData {
  if (format === 'npy') {
    const { shape, data } = parseNpy(bytes, path);
    if (shape.length !== 2 || shape[1] !== 2) throw new ConfigError('bad-data', path, `expected shape (n, 2), got (${shape.join(', ')})`);
    const steps = new Int32Array(shape[0]!);
    const neurons = new Int32Array(shape[0]!);
    for (let k = 0; k < steps.length; k++) {
      steps[k] = data[2 * k]!;
      neurons[k] = data[2 * k + 1]!;
    }
    return { steps, neurons };
  }
  if (format === 'json') {
    const parsed = JSON.parse(decoder.decode(bytes)) as { data: [number, number][] };
    return { steps: Int32Array.from(parsed.data, (r) => r[0]), neurons: Int32Array.from(parsed.data, (r) => r[1]) };
  }
  const lines = decoder.decode(bytes).trimEnd().split('\n');
  const columns = lines[0]!.split(',');
  const s = columns.indexOf('step');
  const n = columns.indexOf('neuron');
  if (s < 0 || n < 0) throw new ConfigError('bad-data', path, `expected columns step and neuron, got ${lines[0]}`);
  const rows = lines.slice(1).map((l) => l.split(','));
  return { steps: Int32Array.from(rows, (r) => Number(r[s])), neurons: Int32Array.from(rows, (r) => Number(r[n])) };
}

/** Reads a variable written by `StateWriter` in any format; NPY rows are at steps `every × row`. */
export function readState(bytes: Uint8Array, format: DataFormat, every = 1, path = 'state'): StateData {
  if (format === 'npy') {
    const { shape, data } = parseNpy(bytes, path);
    if (shape.length !== 2) throw new ConfigError('bad-data', path, `expected a 2-d array, got (${shape.join(', ')})`);
    return { steps: Int32Array.from({ length: shape[0]! }, (_, k) => k * every), width: shape[1]!, values: Float64Array.from(data) };
  }
  if (format === 'json') {
    // Files from spikeflow < 0.2 list `steps`; newer ones give `every` (rows at every × row).
    const parsed = JSON.parse(decoder.decode(bytes)) as { data: (number | null)[][]; steps?: number[]; every?: number; neurons: number[] };
    const steps = parsed.steps ? Int32Array.from(parsed.steps) : Int32Array.from(parsed.data, (_, k) => k * (parsed.every ?? every));
    return { steps, width: parsed.neurons.length, values: Float64Array.from(parsed.data.flat(), (x) => x ?? NaN) };
  }
  const lines = decoder.decode(bytes).trimEnd().split('\n').slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  const width = (rows[0]?.length ?? 2) - 2;
  return { steps: Int32Array.from(rows, (r) => r[0]!), width, values: Float64Array.from(rows.flatMap((r) => r.slice(2))) };
}
