import type { SynapseTable } from '@spikeflow/core/backend';
import { toDense } from '@spikeflow/core/backend';
import { readMatrix, type MatrixReader } from './matrix.js';
import type { Matrix } from './types.js';

/**
 * Weights to plot: a synapse table from `@spikeflow/connectivity`/core (dense or CSR), or a
 * [pre × post] matrix. Values are in the synapse model's weight unit (nA for the seed's trace
 * current).
 *
 * @example
 * const w: WeightInput = { format: 'dense', nPre: 2, nPost: 2, weights: Float64Array.of(0, 1, 2, 0) };
 */
export type WeightInput = SynapseTable | Matrix;

/**
 * A [pre × post] reader of any {@link WeightInput} (a CSR table is expanded; absent synapses read 0).
 *
 * @example
 * weightMatrix(table, 'weightMatrixSpec.weights').at(0, 1); // weight from pre 0 to post 1
 */
export function weightMatrix(w: WeightInput, path: string): MatrixReader {
  if ('format' in w) {
    const dense = toDense(w);
    return readMatrix({ data: dense.weights, shape: [dense.nPre, dense.nPost] }, path);
  }
  return readMatrix(w, path);
}

/**
 * The weights of the synapses that exist: a CSR table's stored weights, a dense table's non-zero
 * ones (zero means no synapse there; `includeZeros` keeps them), or every entry of a plain matrix
 * or array.
 *
 * @example
 * synapseWeights({ format: 'dense', nPre: 1, nPost: 3, weights: Float64Array.of(0, 2, 3) }); // [2, 3]
 */
export function synapseWeights(w: WeightInput | ArrayLike<number>, includeZeros = false): Float64Array {
  if ('format' in w) {
    const all = Float64Array.from(w.weights);
    return w.format === 'csr' || includeZeros ? all : all.filter((x) => x !== 0);
  }
  if ('shape' in w) {
    const m = readMatrix(w, 'weights');
    const out = new Float64Array(m.rows * m.columns);
    for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.columns; c++) out[r * m.columns + c] = m.at(r, c);
    return out;
  }
  return Float64Array.from(w);
}
