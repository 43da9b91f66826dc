import { ConfigError } from '@spikeflow/core';
import type { SynapseTable } from '@spikeflow/core/backend';
import ndarray from 'ndarray';

/**
 * Options of {@link weightArray}.
 *
 * @example
 * weightArray(sim.weights('in->out'), { absent: 0 }); // absent synapses read 0
 */
export interface WeightArrayOptions {
  /**
   * Value of (pre, post) pairs without a synapse. Default `NaN`, so an absent synapse and a
   * synapse of weight 0 (e.g. an STDP weight at its lower bound) stay apart; `0` gives the matrix
   * that propagation sums with.
   */
  readonly absent?: number;
}

/**
 * A connection's weights as a dense float64 ndarray [nPre × nPost] (`get(pre, post)`), e.g. from
 * `sim.weights(connection)` at any time during a run. CSR tables: absent pairs hold
 * `options.absent` (default NaN); two synapses between one pair (multapses) add up. Dense
 * tables: zero entries are absent synapses (a dense table has no other way to say it).
 *
 * @example
 * const w = weightArray(sim.weights('inputs->neuron'));
 * w.shape;      // [1000, 1]
 * w.get(3, 0);  // weight from input 3, nS
 */
export function weightArray(table: SynapseTable, options: WeightArrayOptions = {}): ndarray.NdArray<Float64Array> {
  checkTable(table);
  const absent = options.absent ?? NaN;
  const { nPre, nPost } = table;
  const data = new Float64Array(nPre * nPost);
  if (table.format === 'dense') {
    for (let k = 0; k < data.length; k++) data[k] = table.weights[k] === 0 ? absent : table.weights[k]!;
  } else {
    const present = new Uint8Array(nPre * nPost);
    for (let i = 0; i < nPre; i++) {
      for (let k = table.rowStart[i]!; k < table.rowStart[i + 1]!; k++) {
        const at = i * nPost + table.post[k]!;
        data[at] = data[at]! + table.weights[k]!;
        present[at] = 1;
      }
    }
    for (let k = 0; k < data.length; k++) if (!present[k]) data[k] = absent;
  }
  return ndarray(data, [nPre, nPost]);
}

/** A connection's synapses as compressed sparse rows (the arrays of `scipy.sparse.csr_matrix`). */
export interface CsrArrays {
  /** Number of presynaptic neurons (rows). */
  readonly nPre: number;
  /** Number of postsynaptic neurons (columns). */
  readonly nPost: number;
  /** Synapses of presynaptic neuron i are `rowStart[i] .. rowStart[i + 1]` (nPre + 1 values; scipy's `indptr`). */
  readonly rowStart: Int32Array;
  /** Postsynaptic neuron of each synapse (scipy's `indices`). */
  readonly post: Int32Array;
  /** Weight of each synapse (scipy's `data`), in synapse order: the order synapse monitors index. */
  readonly weights: Float64Array;
}

/**
 * A connection's weights as CSR arrays (copies): a CSR table's own arrays, a dense table's
 * non-zero entries row by row. The synapse order is the one synapse monitors use, so `weights[k]`
 * is synapse k.
 *
 * @example
 * const { rowStart, post, weights } = weightCsr(sim.weights('inputs->neuron'));
 */
export function weightCsr(table: SynapseTable): CsrArrays {
  checkTable(table);
  const { nPre, nPost } = table;
  if (table.format === 'csr') return { nPre, nPost, rowStart: Int32Array.from(table.rowStart), post: Int32Array.from(table.post), weights: Float64Array.from(table.weights) };
  const rowStart = new Int32Array(nPre + 1);
  const post: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < nPre; i++) {
    for (let j = 0; j < nPost; j++) {
      const w = table.weights[i * nPost + j]!;
      if (w !== 0) {
        post.push(j);
        weights.push(w);
      }
    }
    rowStart[i + 1] = post.length;
  }
  return { nPre, nPost, rowStart, post: Int32Array.from(post), weights: Float64Array.from(weights) };
}

function checkTable(t: SynapseTable): void {
  if (t === null || typeof t !== 'object' || (t.format !== 'dense' && t.format !== 'csr')) {
    throw new ConfigError('bad-table', 'weights', "expected a synapse table { format: 'dense' | 'csr', nPre, nPost, … }, e.g. from sim.weights(connection)");
  }
  const need = t.format === 'dense' ? t.nPre * t.nPost : t.rowStart[t.nPre];
  if (t.weights.length !== need) throw new ConfigError('bad-table', 'weights', `a ${t.format} table of ${t.nPre} × ${t.nPost} needs ${need} weights, got ${t.weights.length}`);
}
