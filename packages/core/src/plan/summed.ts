import type { BuiltConnection } from '../network/types.js';

/**
 * A connection's synapses grouped by postsynaptic neuron, for its `summed` expression: the
 * synapses onto neuron i are `colStart[i] <= k < colStart[i + 1]`, in the table's CSR order (by
 * presynaptic neuron, then position), which is the order their terms are added in. A dense
 * table's zero weights are not synapses (as when it is stored as CSR).
 */
export interface SummedSynapses {
  /** nPost + 1 offsets. */
  readonly colStart: Uint32Array;
  /** Presynaptic neuron of each synapse. */
  readonly pre: Uint32Array;
  /** Weight of each synapse, with the connection's sign applied (internal units). */
  readonly weights: Float64Array;
}

/** A connection's synapses grouped by postsynaptic neuron, each group in CSR order (see {@link SummedSynapses}). */
export function bySource(c: BuiltConnection): SummedSynapses {
  const t = c.table;
  const pre: number[] = [];
  const post: number[] = [];
  const w: number[] = [];
  const add = (j: number, i: number, weight: number) => {
    pre.push(j);
    post.push(i);
    w.push(weight);
  };
  if (t.format === 'csr') {
    for (let j = 0; j < t.nPre; j++) for (let k = t.rowStart[j]!; k < t.rowStart[j + 1]!; k++) add(j, t.post[k]!, t.weights[k]!);
  } else {
    for (let j = 0; j < t.nPre; j++) for (let i = 0; i < t.nPost; i++) if (t.weights[j * t.nPost + i] !== 0) add(j, i, t.weights[j * t.nPost + i]!);
  }
  const colStart = new Uint32Array(t.nPost + 1);
  for (const i of post) colStart[i + 1]!++;
  for (let i = 0; i < t.nPost; i++) colStart[i + 1]! += colStart[i]!;
  const next = colStart.slice(0, t.nPost);
  const out = { colStart, pre: new Uint32Array(pre.length), weights: new Float64Array(pre.length) };
  // A stable counting sort: within each postsynaptic neuron, synapses keep their CSR order.
  post.forEach((i, k) => {
    const at = next[i]!++;
    out.pre[at] = pre[k]!;
    out.weights[at] = c.sign * w[k]!;
  });
  return out;
}
