import type { BuiltConnection } from '@spikeflow/core/backend';
import { PRIVATE_MEMORY, type Memory } from './buffers.js';
import type { Precision } from './precision.js';

/**
 * How a connection's weights are kept for propagation:
 * - `auto` (default): lossless. One number when every synapse of a sparse table has the same
 *   weight (CUBA: no weight array at all, 4 bytes per synapse); float32 when every weight is
 *   exactly a float32 (8 bytes per synapse); float64 otherwise. Results are bit-identical to
 *   float64 storage in every case.
 * - `f32`: float32 always (8 bytes per synapse). Weights that are not float32 numbers are rounded
 *   to the nearest one (relative change ≤ 6e-8), so results can differ from `auto`.
 * In the `f32` precision mode weights are float32 (rounded) in both cases, as before.
 */
export type WeightStorage = 'auto' | 'f32';

/** A connection's synapses as propagation reads them; weights carry the presynaptic sign. */
export type StoredSynapses =
  | {
      readonly format: 'csr';
      readonly nPre: number;
      readonly nPost: number;
      readonly rowStart: Uint32Array;
      readonly post: Uint32Array;
      /** One weight for all synapses, or one per synapse. */
      readonly weight: number | Float64Array | Float32Array;
      readonly count: number;
    }
  | {
      readonly format: 'dense';
      readonly nPre: number;
      readonly nPost: number;
      /** `weight[pre * nPost + post]`, zero for no synapse. */
      readonly weight: Float64Array | Float32Array;
      /** Postsynaptic neurons handled: `lo <= post < hi`. */
      readonly lo: number;
      readonly hi: number;
    };

/** Bytes held by stored synapses (row offsets, postsynaptic indices, weights). */
export function storedBytes(s: StoredSynapses): number {
  const w = typeof s.weight === 'number' ? 0 : s.weight.byteLength;
  return s.format === 'csr' ? s.rowStart.byteLength + s.post.byteLength + w : w;
}

const isFloat32 = (w: ArrayLike<number>): boolean => {
  for (let k = 0; k < w.length; k++) if (Math.fround(w[k]!) !== w[k]) return false;
  return true;
};

const allEqual = (w: ArrayLike<number>): boolean => {
  for (let k = 1; k < w.length; k++) if (!Object.is(w[k], w[0])) return false;
  return w.length > 0;
};

/** Bytes per synapse that {@link storeSynapses} will use for the weights of table `t`: 0 (one number), 4 or 8. */
export function weightBytes(t: BuiltConnection['table'], fmt: Precision, mode: WeightStorage): 0 | 4 | 8 {
  if (t.format === 'csr' && allEqual(t.weights)) return 0;
  return fmt.name === 'f32' || mode === 'f32' || isFloat32(t.weights) ? 4 : 8;
}

/** Signed weights in the smallest lossless format (or float32 when asked for). */
function weightArray(w: ArrayLike<number>, sign: 1 | -1, fmt: Precision, mode: WeightStorage, memory: Memory, full = false): Float64Array | Float32Array {
  const f32 = !full && (fmt.name === 'f32' || mode === 'f32' || isFloat32(w));
  const out = f32 ? memory.alloc(Float32Array, w.length) : memory.alloc(Float64Array, w.length);
  // Negation is exact, so -(w) here equals the -W[j] a kernel would compute.
  if (sign < 0) for (let k = 0; k < w.length; k++) out[k] = -w[k]!;
  else out.set(w);
  return out;
}

/**
 * Stores the synapses of connection `c` whose postsynaptic neuron lies in [lo, hi) (all of them by
 * default), keeping within every row the table's order. Each thread of the multi-threaded mode
 * stores its own slice, so the additions into any one postsynaptic neuron happen in the same
 * order as in one thread. Plastic connections (`plastic`) always get their own weight per
 * synapse, which their kernels write: float64, or float32 in the f32 mode.
 */
export function storeSynapses(c: BuiltConnection, fmt: Precision, mode: WeightStorage, memory: Memory = PRIVATE_MEMORY, lo = 0, hi = c.table.nPost, plastic = false): StoredSynapses {
  const t = c.table;
  if (t.format === 'dense') {
    return { format: 'dense', nPre: t.nPre, nPost: t.nPost, weight: weightArray(t.weights, c.sign, fmt, mode, memory), lo, hi };
  }
  const whole = lo <= 0 && hi >= t.nPost;
  let rowStart = t.rowStart;
  let post = t.post;
  let weights: ArrayLike<number> = t.weights;
  if (!whole) {
    rowStart = memory.alloc(Uint32Array, t.nPre + 1);
    let n = 0;
    for (let k = 0; k < t.post.length; k++) if (t.post[k]! >= lo && t.post[k]! < hi) n++;
    post = memory.alloc(Uint32Array, n);
    const w = new Float64Array(n);
    let m = 0;
    for (let pre = 0; pre < t.nPre; pre++) {
      rowStart[pre] = m;
      for (let k = t.rowStart[pre]!; k < t.rowStart[pre + 1]!; k++) {
        const j = t.post[k]!;
        if (j >= lo && j < hi) {
          post[m] = j;
          w[m++] = t.weights[k]!;
        }
      }
    }
    rowStart[t.nPre] = m;
    weights = w;
  } else {
    rowStart = memory.adopt(Uint32Array, rowStart);
    post = memory.adopt(Uint32Array, post);
  }
  const round = mode === 'f32' ? Math.fround : fmt.value;
  const weight = !plastic && allEqual(t.weights) ? c.sign * round(t.weights[0]!) : weightArray(weights, c.sign, fmt, mode, memory, plastic && fmt.name === 'f64');
  return { format: 'csr', nPre: t.nPre, nPost: t.nPost, rowStart, post, weight, count: post.length };
}
