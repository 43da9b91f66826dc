import type { HostRng } from '@spikeflow/core/rng';
import type { SparseConnector } from '../types.js';
import { checkKnownSettings, checkSizes, flag, probability } from '../validate.js';
import { checkWeight, sampleWeights, type WeightSpec } from '../weight.js';
import { CsrBuilder, csrTable } from '../csr-builder.js';

/** Settings of {@link fixedProbabilityConnect}. */
export interface FixedProbabilitySettings {
  /** Probability that a given (pre, post) pair is connected, in [0, 1]. */
  readonly p: number;
  /** Weight of each synapse (units of the synapse's `w`, e.g. nA): a number or a distribution. */
  readonly weight: WeightSpec;
  /**
   * Whether pairs with pre index = post index may be connected. Only meaningful when a population
   * is connected to itself (the connector sees indices, not populations). Default true.
   */
  readonly allowSelfConnections?: boolean;
}

/**
 * Connects each (pre, post) pair independently with probability p (Erdős–Rényi; NEST's
 * `pairwise_bernoulli`, Brian2's `connect(p=…)`), so each presynaptic neuron has a
 * Binomial(nPost, p) number of targets. CSR table, rows sorted by postsynaptic index, float64
 * weights.
 *
 * Built in time proportional to the number of synapses, not nPre·nPost: instead of one draw per
 * pair it draws the gap to the next connected pair, skip = floor(log(U) / log(1 − p)) with
 * U ~ Uniform(0, 1] — a geometric variable, exactly the distribution of the number of failures
 * before the next success. p = 0 (no synapses) and p = 1 (all pairs) are handled directly.
 *
 * Randomness: first the structure (one uniform per synapse, plus one), then the weights, one per
 * synapse in CSR order — so for a given seed the structure does not depend on the weight spec.
 *
 * @example
 * // 2 % connectivity, weights Normal(0.5 nA, 0.1 nA), no autapses
 * net.connect(exc, exc, {
 *   connector: fixedProbabilityConnect({ p: 0.02, weight: { normal: { mean: 0.5, std: 0.1 } }, allowSelfConnections: false }),
 *   synapse: ExpCurrent,
 * });
 */
export function fixedProbabilityConnect(settings: FixedProbabilitySettings): SparseConnector {
  const given = { ...settings, allowSelfConnections: settings.allowSelfConnections ?? true };
  return {
    kind: 'fixed-probability',
    settings: Object.freeze({ ...given }),
    estimateSynapses: (nPre, nPost) => Math.ceil((Number(given.p) || 0) * nPre * nPost),
    build(nPre, nPost, rng, path) {
      checkKnownSettings(settings, ['p', 'weight', 'allowSelfConnections'], path);
      const p = probability(given.p, `${path}.p`);
      const weight = checkWeight(given.weight, `${path}.weight`);
      const allowSelf = flag(given.allowSelfConnections, `${path}.allowSelfConnections`);
      checkSizes(nPre, nPost, path);
      const { rowStart, post } = bernoulliStructure(nPre, nPost, p, allowSelf, rng, path);
      return csrTable(nPre, nPost, rowStart, post, sampleWeights(weight, post.length, rng, `${path}.weight`));
    },
  };
}

/** Rows of independent Bernoulli(p) pairs by geometric skipping over the row-major pair index. */
function bernoulliStructure(nPre: number, nPost: number, p: number, allowSelf: boolean, rng: HostRng, path: string) {
  const total = nPre * nPost;
  const expected = total * p;
  const builder = new CsrBuilder(nPre, nPost, expected + 6 * Math.sqrt(expected * (1 - p)) + 16, path);
  if (p === 1) {
    for (let i = 0; i < nPre; i++) for (let j = 0; j < nPost; j++) if (allowSelf || i !== j) builder.push(i, j);
  } else if (p > 0) {
    const logQ = Math.log1p(-p); // log(1 − p) < 0, accurate for small p
    let index = -1;
    let row = 0;
    let rowEnd = nPost; // first pair index past the current row
    for (;;) {
      index += 1 + Math.floor(Math.log(1 - rng.uniform()) / logQ);
      if (!(index < total)) break;
      while (index >= rowEnd) {
        row++;
        rowEnd += nPost;
      }
      const j = index - (rowEnd - nPost);
      if (allowSelf || j !== row) builder.push(row, j);
    }
  }
  return builder.finish();
}
