/**
 * Static synapses between a presynaptic and a postsynaptic population. Dense tables hold one
 * weight per (pre, post) pair, row-major by pre; CSR tables hold rows of (post, weight) per pre,
 * which is what event-driven propagation walks when a presynaptic neuron spikes.
 */
export type SynapseTable = DenseTable | CsrTable;

export interface DenseTable {
  readonly format: 'dense';
  readonly nPre: number;
  readonly nPost: number;
  /** `weights[pre * nPost + post]`; zero means no synapse. */
  readonly weights: Float64Array;
}

export interface CsrTable {
  readonly format: 'csr';
  readonly nPre: number;
  readonly nPost: number;
  /** Row `pre` spans `rowStart[pre] .. rowStart[pre + 1]`. */
  readonly rowStart: Uint32Array;
  readonly post: Uint32Array;
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
