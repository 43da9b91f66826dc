/**
 * Static synapses between a presynaptic and a postsynaptic population. Dense tables hold one
 * weight per (pre, post) pair, row-major by pre; CSR tables hold rows of (post, weight) per pre,
 * which is what event-driven propagation walks when a presynaptic neuron spikes.
 */
export type SynapseTable = DenseTable | CsrTable;

/**
 * A dense table: one weight per (pre, post) pair, zero for no synapse.
 *
 * @example
 * const t: DenseTable = { format: 'dense', nPre: 2, nPost: 2, weights: Float64Array.of(0, 1, 1, 0) };
 * synapseCount(t); // 2
 */
export interface DenseTable {
  /** Tells the table kinds apart. */
  readonly format: 'dense';
  /** Number of presynaptic neurons (rows). */
  readonly nPre: number;
  /** Number of postsynaptic neurons (columns). */
  readonly nPost: number;
  /** `weights[pre * nPost + post]`; zero means no synapse. */
  readonly weights: Float64Array;
}

/**
 * A compressed sparse row table: for each presynaptic neuron, its synapses' targets and weights.
 *
 * @example
 * denseToCsr({ format: 'dense', nPre: 2, nPost: 2, weights: Float64Array.of(0, 1, 1, 0) });
 * // { format: 'csr', nPre: 2, nPost: 2, rowStart: [0, 1, 2], post: [1, 0], weights: [1, 1] }
 */
export interface CsrTable {
  /** Tells the table kinds apart. */
  readonly format: 'csr';
  /** Number of presynaptic neurons (rows). */
  readonly nPre: number;
  /** Number of postsynaptic neurons (the range of `post`). */
  readonly nPost: number;
  /** Row `pre` spans `rowStart[pre] .. rowStart[pre + 1]`. */
  readonly rowStart: Uint32Array;
  /** Postsynaptic index of each synapse, row after row. */
  readonly post: Uint32Array;
  /** Weight of each synapse, aligned with `post`. */
  readonly weights: Float64Array | Float32Array;
}

/** Number of stored synapses (non-zero entries for dense tables). */
export function synapseCount(t: SynapseTable): number {
  if (t.format === 'csr') return t.post.length;
  let n = 0;
  for (let i = 0; i < t.weights.length; i++) if (t.weights[i] !== 0) n++;
  return n;
}

/** Converts a dense table to CSR, keeping only non-zero weights. */
export function denseToCsr(t: DenseTable): CsrTable {
  const rowStart = new Uint32Array(t.nPre + 1);
  const count = synapseCount(t);
  const post = new Uint32Array(count);
  const weights = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < t.nPre; i++) {
    rowStart[i] = k;
    for (let j = 0; j < t.nPost; j++) {
      const w = t.weights[i * t.nPost + j] as number;
      if (w !== 0) {
        post[k] = j;
        weights[k++] = w;
      }
    }
  }
  rowStart[t.nPre] = k;
  return { format: 'csr', nPre: t.nPre, nPost: t.nPost, rowStart, post, weights };
}

/** Expands any table into a dense weight matrix [pre × post] (for inspection and tests). */
export function toDense(t: SynapseTable): DenseTable {
  if (t.format === 'dense') return t;
  const weights = new Float64Array(t.nPre * t.nPost);
  for (let i = 0; i < t.nPre; i++) {
    for (let k = t.rowStart[i] as number; k < (t.rowStart[i + 1] as number); k++) {
      const at = i * t.nPost + (t.post[k] as number);
      weights[at] = (weights[at] as number) + (t.weights[k] as number);
    }
  }
  return { format: 'dense', nPre: t.nPre, nPost: t.nPost, weights };
}
