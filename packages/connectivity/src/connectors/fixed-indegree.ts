import { ConfigError } from '@spikeflow/core';
import type { HostRng } from '@spikeflow/core/rng';
import type { SparseConnector } from '../types.js';
import { checkKnownSettings, checkSizes, flag, nonNegativeInteger } from '../validate.js';
import { checkWeight, sampleWeights, type WeightSpec } from '../weight.js';
import { csrTable } from '../csr-builder.js';

/** Settings of {@link fixedIndegreeConnect}. */
export interface FixedIndegreeSettings {
  /** Number of incoming synapses of every postsynaptic neuron (a non-negative integer). */
  readonly k: number;
  /** Weight of each synapse (units of the synapse's `w`, e.g. nA): a number or a distribution. */
  readonly weight: WeightSpec;
  /**
   * Whether pre index = post index may be chosen. Only meaningful when a population is connected
   * to itself. Default true (as NEST's `allow_autapses`).
   */
  readonly allowSelfConnections?: boolean;
  /** Whether the same pair may be chosen more than once (NEST's `allow_multapses`). Default true. */
  readonly allowMultapses?: boolean;
}

/**
 * NEST's `fixed_indegree`: every postsynaptic neuron receives exactly k synapses from presynaptic
 * neurons chosen uniformly at random — with replacement when multapses are allowed (the default;
 * a repeated pair is stored as several synapses, adjacent in its row), without replacement
 * (Floyd's algorithm) otherwise. CSR table, rows by presynaptic neuron sorted by postsynaptic
 * index, float64 weights; k·nPost synapses, built in time O(k·nPost + nPre).
 *
 * Randomness: for post = 0, 1, …, k index draws; then one weight per synapse in CSR order.
 *
 * @example
 * // each inhibitory neuron listens to 100 random excitatory neurons, no repeated pairs
 * net.connect(exc, inh, { connector: fixedIndegreeConnect({ k: 100, weight: 0.2, allowMultapses: false }), synapse: ExpCurrent });
 */
export function fixedIndegreeConnect(settings: FixedIndegreeSettings): SparseConnector {
  const given = {
    ...settings,
    allowSelfConnections: settings.allowSelfConnections ?? true,
    allowMultapses: settings.allowMultapses ?? true,
  };
  return {
    kind: 'fixed-indegree',
    settings: Object.freeze({ ...given }),
    estimateSynapses: (_nPre, nPost) => (Number(given.k) || 0) * nPost,
    build(nPre, nPost, rng, path) {
      checkKnownSettings(settings, ['k', 'weight', 'allowSelfConnections', 'allowMultapses'], path);
      const k = nonNegativeInteger(given.k, `${path}.k`);
      const weight = checkWeight(given.weight, `${path}.weight`);
      const allowSelf = flag(given.allowSelfConnections, `${path}.allowSelfConnections`);
      const multapses = flag(given.allowMultapses, `${path}.allowMultapses`);
      checkSizes(nPre, nPost, path);
      // Fewest candidates of any post j: all pre, less j itself when self-connections are excluded (post 0 < nPre).
      const limit = allowSelf ? nPre : nPre - 1;
      if (k > 0 && limit === 0) throw new ConfigError('bad-count', `${path}.k`, `no presynaptic candidates (nPre = ${nPre} with self-connections excluded)`);
      if (!multapses && k > limit) {
        throw new ConfigError('bad-count', `${path}.k`, `k = ${k} exceeds the ${limit} distinct presynaptic candidates; allow multapses or lower k`);
      }
      if (k * nPost > 0xffffffff) throw new ConfigError('too-large', `${path}.k`, `k·nPost = ${k * nPost} synapses exceed the 32-bit CSR limit`);
      const sources = drawSources(nPre, nPost, k, allowSelf, multapses, rng);
      const { rowStart, post } = transpose(sources, nPre, nPost, k);
      return csrTable(nPre, nPost, rowStart, post, sampleWeights(weight, post.length, rng, `${path}.weight`));
    },
  };
}

/** `sources[j·k + n]`: the n-th presynaptic neuron chosen for post j. */
function drawSources(nPre: number, nPost: number, k: number, allowSelf: boolean, multapses: boolean, rng: HostRng): Uint32Array {
  const sources = new Uint32Array(k * nPost);
  const stamp = multapses ? undefined : new Int32Array(nPre); // stamp[c] = j + 1 when candidate c is taken for post j
  for (let j = 0; j < nPost; j++) {
    const skipSelf = !allowSelf && j < nPre;
    const m = skipSelf ? nPre - 1 : nPre; // candidates 0..m-1, mapped past j when skipping self
    const toPre = (c: number) => (skipSelf && c >= j ? c + 1 : c);
    const out = j * k;
    if (!stamp) {
      for (let n = 0; n < k; n++) sources[out + n] = toPre(Math.floor(rng.uniform() * m));
      continue;
    }
    // Floyd's algorithm: k distinct candidates from m, k draws.
    for (let n = 0, top = m - k; top < m; n++, top++) {
      const t = Math.floor(rng.uniform() * (top + 1));
      const c = stamp[t] === j + 1 ? top : t;
      stamp[c] = j + 1;
      sources[out + n] = toPre(c);
    }
  }
  return sources;
}

/** Counting sort of (pre, post) pairs by pre; posts stay in increasing order within each row. */
function transpose(sources: Uint32Array, nPre: number, nPost: number, k: number): { rowStart: Uint32Array; post: Uint32Array } {
  const rowStart = new Uint32Array(nPre + 1);
  for (const s of sources) rowStart[s + 1] = (rowStart[s + 1] as number) + 1;
  for (let i = 0; i < nPre; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
  const cursor = rowStart.slice(0, nPre);
  const post = new Uint32Array(sources.length);
  for (let j = 0; j < nPost; j++) {
    for (let n = 0; n < k; n++) {
      const s = sources[j * k + n] as number;
      const at = cursor[s] as number;
      post[at] = j;
      cursor[s] = at + 1;
    }
  }
  return { rowStart, post };
}
