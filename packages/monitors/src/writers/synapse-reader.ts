import { ConfigError } from '@spikeflow/core';
import { parseNpy, readState, type StateData } from './readers.js';
import type { DataFormat } from './spike-writer.js';

const decoder = new TextDecoder();

/** A synapse recording read back from a file written by `SynapseWriter`: rows × synapses, and which synapse each column is. */
export interface SynapseData extends StateData {
  /** Synapse index (CSR order) of each column. */
  readonly synapses: Int32Array;
  /** Presynaptic neuron of each column. */
  readonly pre: Int32Array;
  /** Postsynaptic neuron of each column. */
  readonly post: Int32Array;
}

/**
 * Reads a synapse recording written by `SynapseWriter`: CSV (columns named `w[<k>:<pre>-><post>]`),
 * JSON (`synapses`, `pre`, `post` in the file), or NPY with its column file (int32 [synapses × 3]:
 * synapse, pre, post) in `columns`. NPY rows are at steps `every × row`. Throws `ConfigError`
 * `bad-data` (naming `path`) for a file that is not one.
 *
 * @example
 * const d = readSynapses(readFileSync('synapses_in-to-out_w.csv'), 'csv');
 * d.values.subarray((d.steps.length - 1) * d.width); // the last snapshot
 */
export function readSynapses(bytes: Uint8Array, format: DataFormat, every = 1, path = 'synapses', columns?: Uint8Array): SynapseData {
  if (format === 'json') {
    const parsed = JSON.parse(decoder.decode(bytes)) as { data: (number | null)[][]; every?: number; synapses?: number[]; pre?: number[]; post?: number[] };
    if (!Array.isArray(parsed.synapses) || !Array.isArray(parsed.pre) || !Array.isArray(parsed.post)) throw new ConfigError('bad-data', path, 'expected a synapse recording with synapses, pre and post');
    const steps = Int32Array.from(parsed.data, (_, k) => k * (parsed.every ?? every));
    return { steps, width: parsed.synapses.length, values: Float64Array.from(parsed.data.flat(), (x) => x ?? NaN), synapses: Int32Array.from(parsed.synapses), pre: Int32Array.from(parsed.pre), post: Int32Array.from(parsed.post) };
  }
  const state = readState(bytes, format, every, path);
  if (format === 'npy') {
    if (!columns) throw new ConfigError('bad-data', path, 'an NPY synapse recording needs its column file (<name>_columns.npy)');
    const { shape, data } = parseNpy(columns, `${path} columns`);
    if (shape.length !== 2 || shape[1] !== 3 || shape[0] !== state.width) throw new ConfigError('bad-data', `${path} columns`, `expected shape (${state.width}, 3), got (${shape.join(', ')})`);
    const col = (j: number) => Int32Array.from({ length: state.width }, (_, c) => data[c * 3 + j]!);
    return { ...state, synapses: col(0), pre: col(1), post: col(2) };
  }
  const header = decoder.decode(bytes.subarray(0, Math.max(0, bytes.indexOf(10)))).split(',').slice(2);
  const parts = header.map((h) => /^[^[]*\[(\d+):(\d+)->(\d+)\]$/.exec(h));
  if (parts.some((m) => !m)) throw new ConfigError('bad-data', path, 'expected CSV columns named <variable>[<synapse>:<pre>-><post>]');
  const col = (j: number) => Int32Array.from(parts, (m) => Number(m![j]));
  return { ...state, width: header.length, synapses: col(1), pre: col(2), post: col(3) };
}
